import NeuralCore

/// The drawing pad's soft brush: painting raises the cells along a stroke toward the ink value,
/// erasing lowers them toward the blank value, fully within `core` cells of the stroke's path and
/// fading to nothing at `reach` (about the stroke width of the `digits` set's glyphs).
public struct PadBrush: Sendable, Equatable {
    public static let core = 0.45
    public static let reach = 1.25

    public let image: ImageShape
    /// The value of a blank cell and of full ink, as the network sees them.
    public let blank: Double
    public let ink: Double

    public init(image: ImageShape, blank: Double = 0, ink: Double = 1) {
        self.image = image
        self.blank = blank
        self.ink = ink
    }

    /// A pad with nothing drawn on it.
    public var emptyPad: [Double] { Array(repeating: blank, count: image.cellCount) }

    /// Paints (or, with `erase`, erases) along the segment from `a` to `b`, in cell units (x
    /// along columns, y along rows; a single point when they are equal). Returns whether any
    /// cell changed.
    @discardableResult
    public func stroke(_ values: inout [Double], from a: Point, to b: Point, erase: Bool) -> Bool {
        precondition(values.count == image.cellCount)
        let low = max(Int((min(a.x, b.x) - PadBrush.reach).rounded(.down)), 0)
        let high = min(Int((max(a.x, b.x) + PadBrush.reach).rounded(.up)), image.width - 1)
        let top = max(Int((min(a.y, b.y) - PadBrush.reach).rounded(.down)), 0)
        let bottom = min(Int((max(a.y, b.y) + PadBrush.reach).rounded(.up)), image.height - 1)
        guard low <= high, top <= bottom else { return false }
        var changed = false
        for row in top...bottom {
            for column in low...high {
                let d = Point(Double(column) + 0.5, Double(row) + 0.5).distance(toSegment: a, b)
                let cover = min(max((PadBrush.reach - d) / (PadBrush.reach - PadBrush.core), 0), 1)
                guard cover > 0 else { continue }
                let k = image.index(column: column, row: row)
                let old = values[k]
                values[k] =
                    erase ? min(old, ink + (blank - ink) * cover) : max(old, blank + (ink - blank) * cover)
                if values[k] != old { changed = true }
            }
        }
        return changed
    }
}

extension Point {
    /// The distance from this point to the segment `a`–`b`.
    func distance(toSegment a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        guard length2 > 0 else { return distance(to: a) }
        let t = min(max(((x - a.x) * dx + (y - a.y) * dy) / length2, 0), 1)
        return distance(to: Point(a.x + t * dx, a.y + t * dy))
    }
}
