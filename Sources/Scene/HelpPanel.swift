/// The help overlay: every key and what it does, as a table of keys and actions in a panel sized
/// to its text and fitted to the window. Windows may be as small as 320x240 and are resizable,
/// so the panel takes the first of these that fits: normal text in one column, in two, small
/// text in one column, in two; else small text in one column with the actions shortened to the
/// window's width and, below the entries that fit, a line saying how many are left out.
struct HelpPanel {
    /// Keys, and what they do.
    struct Entry: Equatable {
        let keys: String
        let action: String
    }

    /// The keys in order of need (a panel cut short keeps the first); `drawing`: the network
    /// reads an image the user paints on; `widths`: the line-width scale in force.
    static func entries(drawing: Bool, widths: WeightScaleMode) -> [Entry] {
        let pad = [
            Entry(keys: "drag on the image", action: "draw (right button erases)"),
            Entry(keys: "C", action: "clear the drawing"),
        ]
        let input = [
            Entry(keys: "click an input neuron", action: "toggle it (your input)"),
            Entry(keys: "wheel over an input", action: "change its value"),
        ]
        return (drawing ? pad : input) + [
            Entry(keys: "right-click / Backspace", action: "back to the training examples"),
            Entry(keys: "Space", action: "pause / resume"),
            Entry(keys: "→ / ←", action: "one keyframe forward / back (paused)"),
            Entry(keys: "Shift+→ / Shift+←", action: "ten keyframes"),
            Entry(keys: "End", action: "the last keyframe reached"),
            Entry(keys: "click / drag the timeline", action: "jump / scrub (dragging pauses)"),
            Entry(keys: "M", action: "the moment it clicks: where the loss falls fastest"),
            Entry(keys: "E", action: "explain one step of learning on the real numbers"),
            Entry(keys: "+ / −", action: "playback speed"),
            Entry(keys: "Home", action: "restart from the untrained network"),
            Entry(keys: "R", action: "start / stop recording"),
            Entry(keys: "S", action: "save a screenshot (BMP)"),
            Entry(keys: "Ctrl+S", action: "save the model"),
            Entry(keys: "Esc / Q", action: "quit"),
            Entry(keys: "H / F1", action: "this help"),
            Entry(keys: "P", action: "next palette"),
            Entry(keys: "D", action: "dashed negative weights"),
            Entry(keys: "W", action: "line widths: now against \(widths.title)"),
            Entry(keys: "F", action: "fps readout"),
        ]
    }

    static let title = "neuroglow — keys"
    /// Around the panel's text, and the panel's least distance from the window's edges.
    static let padding = 14.0, margin = 8.0
    /// Between a key and its action, and between two columns of entries.
    static let keyGap = 14.0, columnGap = 28.0

    let entries: [Entry]

    /// The panel, centred in a `width` × `height` window: its box and what draws it.
    func layout(width: Int, height: Int, palette: Palette) -> (box: Rect, commands: [DrawCommand]) {
        let room = (width: Double(width) - 2 * Self.margin, height: Double(height) - 2 * Self.margin)
        let form =
            [(TextSize.normal, 1), (.normal, 2), (.small, 1), (.small, 2)].lazy
            .map { Form(entries: entries, size: $0.0, columns: $0.1) }
            .first { $0.width <= room.width && $0.height <= room.height }
            ?? Form(cutTo: room, entries: entries)
        let box = Rect(
            x: ((Double(width) - form.width) / 2).rounded(.down),
            y: ((Double(height) - form.height) / 2).rounded(.down),
            width: form.width, height: form.height)
        var commands: [DrawCommand] = [
            .rect(box, palette.panel), .frame(box, palette.neuronRim),
            .text(
                Self.title, at: Point(box.x + Self.padding, box.y + Self.padding - 4), size: form.titleSize,
                color: palette.text, align: .left),
        ]
        for (k, row) in form.rows.enumerated() {
            let column = Double(k / form.rowsPerColumn), line = Double(k % form.rowsPerColumn)
            let x = box.x + Self.padding + column * (form.columnWidth + Self.columnGap)
            let y = box.y + Self.padding + form.titleHeight + line * form.lineHeight
            commands.append(.text(row.keys, at: Point(x, y), size: form.size, color: palette.glow, align: .left))
            commands.append(
                .text(
                    row.action,
                    at: Point(x + (form.keyWidth ?? form.size.estimatedWidth(of: row.keys)) + Self.keyGap, y),
                    size: form.size, color: palette.text, align: .left))
        }
        return (box, commands)
    }

    /// One way of laying the entries out: text size, columns, and the panel's measurements.
    private struct Form {
        let size: TextSize
        /// What is written, top to bottom and then column by column.
        let rows: [Entry]
        let rowsPerColumn: Int
        /// Where the actions start, past the keys; nil: each right after its own key.
        let keyWidth: Double?
        let columnWidth: Double
        let width: Double, height: Double

        var titleSize: TextSize { size == .normal ? .large : .normal }
        var titleHeight: Double { Self.titleHeight(size) }
        var lineHeight: Double { Self.lineHeight(size) }
        static func titleHeight(_ size: TextSize) -> Double { size == .normal ? 30 : 22 }
        static func lineHeight(_ size: TextSize) -> Double { size == .normal ? 21 : 16 }

        /// Every entry, in `columns` columns of `size` text.
        init(entries: [Entry], size: TextSize, columns: Int) {
            let keyWidth = entries.map { size.estimatedWidth(of: $0.keys) }.max() ?? 0
            let actionWidth = entries.map { size.estimatedWidth(of: $0.action) }.max() ?? 0
            self.init(
                size: size, rows: entries, rowsPerColumn: (entries.count + columns - 1) / columns, keyWidth: keyWidth,
                columnWidth: keyWidth + HelpPanel.keyGap + actionWidth)
        }

        /// Small text in one column filling `room`: the actions shortened to its width, and the
        /// entries that fit its height, the last line then saying how many were left out.
        init(cutTo room: (width: Double, height: Double), entries: [Entry]) {
            let size = TextSize.small
            let columnWidth = max(room.width - 2 * HelpPanel.padding, 0)
            let fitting = Int((room.height - 2 * HelpPanel.padding - Self.titleHeight(size)) / Self.lineHeight(size))
            var rows = entries
            if fitting < entries.count {
                let left = entries.count - max(fitting - 1, 0)
                rows = Array(entries.prefix(max(fitting - 1, 0)))
                rows.append(Entry(keys: "…", action: "\(left) more in a larger window"))
            }
            // Actions in a column of their own when all of them fit beside the widest key; else
            // each right after its own key, which leaves the short keys' actions whole.
            let widestKey = rows.map { size.estimatedWidth(of: $0.keys) }.max() ?? 0
            let aligned = rows.allSatisfy {
                widestKey + HelpPanel.keyGap + size.estimatedWidth(of: $0.action) <= columnWidth
            }
            rows = rows.map {
                let room = columnWidth - (aligned ? widestKey : size.estimatedWidth(of: $0.keys)) - HelpPanel.keyGap
                return Entry(keys: $0.keys, action: size.shortened($0.action, within: room) ?? "")
            }
            self.init(
                size: size, rows: rows, rowsPerColumn: rows.count, keyWidth: aligned ? widestKey : nil,
                columnWidth: columnWidth)
        }

        private init(size: TextSize, rows: [Entry], rowsPerColumn: Int, keyWidth: Double?, columnWidth: Double) {
            self.size = size
            self.rows = rows
            self.rowsPerColumn = max(rowsPerColumn, 1)
            self.keyWidth = keyWidth
            self.columnWidth = columnWidth
            let columns = Double((rows.count + self.rowsPerColumn - 1) / self.rowsPerColumn)
            width = 2 * HelpPanel.padding + columns * columnWidth + (columns - 1) * HelpPanel.columnGap
            // The last line's glyphs end a few pixels above its line height.
            height =
                2 * HelpPanel.padding + Self.titleHeight(size) + Double(self.rowsPerColumn) * Self.lineHeight(size) - 3
        }
    }
}
