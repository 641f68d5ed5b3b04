import Glibc
import Playback
import Session

/// The timeline strip (docs/DESIGN.md §1): the loss curve on log–log axes, a tick per keyframe,
/// the playback position, the part the trainer has not reached and the steepest drop.
///
/// A recorded frame holds the past only: the curve and the ticks up to the shown keyframe, and
/// the position. The rest depends on how far the trainer has got, which differs between the live
/// window and a headless recording, so it is drawn live only: the ticks ahead (dimmed), the
/// unreached part (shaded) and the steepest-drop mark ("it clicks", M jumps there).
struct TimelinePainter {
    let input: SceneInput

    private var palette: Palette { input.palette }
    private var strip: TimelineStrip { input.timelineStrip }

    func draw(into out: inout [DrawCommand]) {
        let strip = strip, box = strip.area
        out.append(.rect(box, palette.panel))
        out.append(.frame(box, palette.neuronRim.withAlpha(0.6)))
        let trainAndTest = [("train", palette.glow), ("test", Self.testColor)]
        let header = header(legend: input.comparison == nil && input.plan.testSet != nil ? trainAndTest : nil)
        if let title = header.title {
            out.append(
                .text(title, at: Point(box.x + 6, box.y + 3), size: .small, color: palette.dimText, align: .left))
        }
        out.append(
            .text(
                header.keyframe, at: Point(box.maxX - 6, box.y + 3), size: .small, color: palette.dimText,
                align: .right))
        if let axis = lossAxis() {
            let curve = axis.curve.map(axis.point), test = axis.test.map(axis.point)
            let compared = axis.compared.map(axis.point)
            out.append(.polyline(Self.thinned(curve), width: 1.5, color: palette.glow))
            if test.count >= 2 { out.append(.polyline(test, width: 1.5, color: Self.testColor)) }
            if compared.count >= 2 {
                out.append(.polyline(Self.thinned(compared), width: 1.5, color: ComparedInput.curveColor))
            }
            if input.comparison == nil, !axis.test.isEmpty, let x = header.legendX {
                drawLegend(trainAndTest, at: x, into: &out)
            }
        }
        if let legend = cornerLegend() { draw(legend, into: &out) }
        let known = strip.keyframeIterations.count, shown = min(input.shownKeyframe, known - 1)
        ticks(0..<shown, alpha: 0.7, into: &out)
        tick(shown, current: shown == input.shownKeyframe, color: palette.dimText.withAlpha(0.7), into: &out)
        let x = strip.x(frame: input.state.frame)
        out.append(
            .line(
                from: Point(x, strip.plot.y), to: Point(x, strip.plot.maxY), width: 1.5,
                color: palette.forwardPulse.withAlpha(0.8), dashed: false))
    }

    func drawLiveOnly(into out: inout [DrawCommand]) {
        let strip = strip
        if input.shownKeyframe + 1 < strip.keyframeIterations.count {
            ticks((input.shownKeyframe + 1)..<strip.keyframeIterations.count, alpha: 0.3, into: &out)
        }
        if !input.progress.isFinished {
            let from = strip.x(iteration: Double(input.progress.trainerIteration))
            out.append(
                .rect(
                    Rect(x: from, y: strip.plot.y, width: max(strip.plot.maxX - from, 0), height: strip.plot.height),
                    palette.background.withAlpha(0.55)))
        }
        if let drop = SteepestDrop.find(in: input.progress.lossCurve) {
            let x = strip.x(iteration: Double(drop.iteration)), plot = strip.plot
            // The mark stops at the corner legend's backing (it is drawn after it, live only).
            var spans = [(plot.y, plot.maxY)]
            if let box = cornerLegend()?.box, x >= box.x, x <= box.maxX {
                spans = [(plot.y, box.y), (box.maxY, plot.maxY)].filter { $0.1 - $0.0 > 2 }
            }
            for (top, bottom) in spans {
                out.append(
                    .line(from: Point(x, top), to: Point(x, bottom), width: 1, color: palette.alert, dashed: true))
            }
            // Beside the mark toward the plot's middle, else on its other side, else shortened to
            // "M"; left out where even that does not fit the plot (the smallest windows).
            let towardMiddleIsLeft = x > plot.midX
            func fits(_ text: String, onTheLeft: Bool) -> Bool {
                TextSize.small.estimatedWidth(of: text) <= (onTheLeft ? x - 4 - plot.x : plot.maxX - x - 4)
            }
            let choices = ["it clicks (M)", "M"].flatMap { [($0, towardMiddleIsLeft), ($0, !towardMiddleIsLeft)] }
            guard let (text, onTheLeft) = choices.first(where: { fits($0.0, onTheLeft: $0.1) }) else { return }
            let label = DrawCommand.text(
                text, at: Point(onTheLeft ? x - 4 : x + 4, plot.y + 1), size: .small, color: palette.alert,
                align: onTheLeft ? .right : .left)
            // A backing like the legend's, so the curves under it do not cross the words.
            if let ink = label.estimatedTextBox {
                out.append(
                    .rect(
                        Rect(x: ink.x - 2, y: ink.y - 1, width: ink.width + 4, height: ink.height + 2),
                        palette.panel.withAlpha(0.85)))
            }
            out.append(label)
        }
    }

    /// The ticks of keyframes `range`, dim text at `alpha`. Ticks closer than a quarter pixel
    /// are drawn as one whose alpha is what the few would build up drawn over each other, so a
    /// session of 100,000 keyframes draws a few thousand lines, not 100,000 (7 fps).
    private func ticks(_ range: Range<Int>, alpha: Double, into out: inout [DrawCommand]) {
        var k = range.lowerBound
        while k < range.upperBound {
            // The first tick a quarter pixel or more to the right: the next one, or found by
            // halving where many crowd together.
            let x = strip.x(keyframe: k)
            var next = k + 1
            if next < range.upperBound && strip.x(keyframe: next) - x < 0.25 {
                var past = range.upperBound
                while past - next > 1 {
                    let middle = (next + past) / 2
                    if strip.x(keyframe: middle) - x < 0.25 { next = middle } else { past = middle }
                }
                next = past
            }
            let builtUp = 1 - pow(1 - alpha, Double(next - k))
            tick(k, current: false, color: palette.dimText.withAlpha(builtUp), into: &out)
            k = next
        }
    }

    private func tick(_ k: Int, current: Bool, color: Color, into out: inout [DrawCommand]) {
        let x = strip.x(keyframe: k), bottom = strip.plot.maxY
        out.append(
            .line(
                from: Point(x, bottom - (current ? 14 : 6)), to: Point(x, bottom), width: current ? 2 : 1,
                color: current ? palette.forwardPulse : color, dashed: false))
    }

    /// `points` without those closer than `spacing` to the last one kept (the first and last are
    /// always kept), so every dropped point lies within `spacing` of the line drawn. A loss
    /// curve has up to 400 samples across a plot of about 550 pixels, and each segment is two
    /// triangles, which llvmpipe charges for whatever their size.
    static func thinned(_ points: [Point], spacing: Double = 2) -> [Point] {
        guard points.count > 2 else { return points }
        var kept = [points[0]]
        for p in points.dropFirst().dropLast() where p.distance(to: kept[kept.count - 1]) >= spacing { kept.append(p) }
        kept.append(points[points.count - 1])
        return kept
    }

    /// The test part's loss line: a cool blue beside the training curve's warm glow.
    static let testColor = Color(110, 170, 255)

    /// A legend inside the plot: its entries, each one's width, whether they sit in one row, and
    /// the backing they are written on.
    private struct CornerLegend {
        let entries: [(String, Color)]
        let widths: [Double]
        let inOneRow: Bool
        let box: Rect
        static let row = 14.0
    }

    /// The legend inside the plot, if there is one: the compared networks' captions, or train and
    /// test when the header has no room for them. One above the other (side by side in a short
    /// plot) in a corner of the plot no curve point falls in — the upper right (under the line
    /// the "it clicks" mark may take), then the lower right, lower left, upper left — else the
    /// one with the fewest. None in a plot narrower than the entries. The same in the frame's
    /// pass and in the live-only one, which keeps the "it clicks" mark off it.
    private func cornerLegend() -> CornerLegend? {
        guard let axis = lossAxis() else { return nil }
        let entries: [(String, Color)]
        var curves = (axis.curve + axis.test).map(axis.point)
        if let comparison = input.comparison {
            entries = [
                (comparison.captions.first, palette.glow), (comparison.captions.second, ComparedInput.curveColor),
            ]
            curves += axis.compared.map(axis.point)
        } else if !axis.test.isEmpty,
            header(legend: [("train", palette.glow), ("test", Self.testColor)]).legendX == nil
        {
            entries = [("train", palette.glow), ("test", Self.testColor)]
        } else {
            return nil
        }
        let plot = strip.plot, row = CornerLegend.row
        let widths = entries.map { TextSize.small.estimatedWidth(of: $0.0) + 28 }
        // Side by side in a plot too short for them one above the other (small windows).
        let inOneRow = row * Double(entries.count) + 4 > plot.maxY - 2 - (plot.y + 14)
        let size =
            inOneRow
            ? (width: widths.reduce(0, +), height: row + 4)
            : (width: widths.max() ?? 0, height: row * Double(entries.count) + 4)
        guard size.width <= plot.width - 8 else { return nil }  // the captions above the networks name them
        let (left, right) = (plot.x + 4, plot.maxX - 4 - size.width)
        // Above the keyframe ticks, or in a short plot (a small window) at least under the top line.
        let top = plot.y + 14, bottom = max(plot.maxY - 16 - size.height, top)
        let corners = [(right, top), (right, bottom), (left, bottom), (left, top)].map {
            Rect(x: $0.0, y: $0.1, width: size.width, height: size.height)
        }
        let covered = corners.map { box in curves.filter { box.contains($0) }.count }
        let box = corners[covered.firstIndex(of: 0) ?? covered.indices.min { covered[$0] < covered[$1] }!]
        return CornerLegend(entries: entries, widths: widths, inOneRow: inOneRow, box: box)
    }

    /// The legend's entries on a backing that keeps them legible where a curve does cross.
    private func draw(_ legend: CornerLegend, into out: inout [DrawCommand]) {
        let box = legend.box, row = CornerLegend.row
        out.append(.rect(box, palette.panel.withAlpha(0.85)))
        for (k, (label, color)) in legend.entries.enumerated() {
            let y = box.y + 2 + row / 2 + (legend.inOneRow ? 0 : row * Double(k))
            let swatch = legend.inOneRow ? box.x + legend.widths[...k].reduce(0, +) - 4 : box.maxX - 4
            out.append(
                .line(from: Point(swatch - 14, y), to: Point(swatch, y), width: 2, color: color, dashed: false))
            out.append(
                .text(label, at: Point(swatch - 18, y), size: .small, color: palette.dimText, align: .rightMiddle))
        }
    }

    /// The header row: the title, the legend's left edge when it has room in the row (else the
    /// legend goes into a corner of the plot), and the keyframe label. Narrow strips (small
    /// windows) shorten the title, then the keyframe label; text widths are estimated
    /// generously (`TextSize.estimatedWidth`), so what fits never overlaps.
    private func header(legend: [(String, Color)]?) -> (title: String?, legendX: Double?, keyframe: String) {
        let box = strip.area, gap = 12.0
        let shown = "\(input.shownKeyframe + 1)", count = "\(input.timeline.keyframeCount)"
        let keyframes = [
            "keyframe \(shown) of \(count) · \(input.plan.schedule.mode.rawValue)", "keyframe \(shown) of \(count)",
            "\(shown) / \(count)",
        ]
        // With two networks their legend takes the title's room.
        let titles = input.comparison == nil ? ["loss (log) over iterations (log)", "loss (log)"] : ["loss (log)"]
        func width(_ text: String) -> Double { TextSize.small.estimatedWidth(of: text) }
        let room = box.width - 12
        if let legend, width(titles[0]) + gap + legendWidth(legend) + gap + width(keyframes[0]) <= room {
            // Centred on the strip, as far as the texts on either side allow.
            let earliest = box.x + 6 + width(titles[0]) + gap
            let latest = box.maxX - 6 - width(keyframes[0]) - gap - legendWidth(legend)
            return (titles[0], min(max(box.midX - 60, earliest), latest), keyframes[0])
        }
        for keyframe in keyframes {
            if let title = titles.first(where: { width($0) + gap + width(keyframe) <= room }) {
                return (title, nil, keyframe)
            }
        }
        return (nil, nil, keyframes[keyframes.count - 1])
    }

    private static let legendStep = 70.0

    private func legendWidth(_ entries: [(String, Color)]) -> Double {
        Self.legendStep * Double(entries.count - 1) + 18 + TextSize.small.estimatedWidth(of: entries.last?.0 ?? "")
    }

    /// "— train  — test" in the curves' colours in the header row, from `x`.
    private func drawLegend(_ entries: [(String, Color)], at x: Double, into out: inout [DrawCommand]) {
        let y = strip.area.y + 10
        for (k, (label, color)) in entries.enumerated() {
            let left = x + Self.legendStep * Double(k)
            out.append(.line(from: Point(left, y), to: Point(left + 14, y), width: 2, color: color, dashed: false))
            out.append(
                .text(label, at: Point(left + 18, y), size: .small, color: palette.dimText, align: .leftMiddle))
        }
    }

    /// The curve up to the shown iteration and its place in the plot, the loss range being that
    /// part's (so a recorded frame does not depend on the trainer); nil before two samples. With
    /// a test part and no comparison, its loss at each keyframe shown so far shares the axis.
    private func lossAxis() -> LossAxis? {
        let shown = input.shownIteration
        let curve = input.progress.lossCurve.filter { $0.loss > 0 && $0.loss.isFinite }
        let past = curve.filter { $0.iteration <= shown }
        let iterations = input.progress.keyframeIterations ?? [0]
        // Compared, the plot holds the two networks' training curves only (a test line of one of
        // them would be a third curve the legend cannot name); the HUD gives the test loss.
        let testLosses = input.comparison == nil ? input.progress.keyframeTestLosses : []
        let test = (0..<min(input.shownKeyframe + 1, testLosses.count, iterations.count)).map {
            LossSample(iteration: iterations[$0], loss: testLosses[$0])
        }.filter { $0.loss > 0 && $0.loss.isFinite }
        // The second compared network's training loss, up to the same iteration.
        let compared = (input.comparison?.progress.lossCurve ?? []).filter {
            $0.loss > 0 && $0.loss.isFinite && $0.iteration <= shown
        }
        let logs = (past + test + compared).map { log10($0.loss) }
        guard past.count >= 2 else { return nil }
        return LossAxis(
            curve: past, test: test, compared: compared, strip: strip, low: logs.min()!,
            high: max(logs.max()!, logs.min()! + 1e-9))
    }

    private struct LossAxis {
        let curve: [LossSample]
        /// The test part's loss at the keyframes shown so far.
        let test: [LossSample]
        /// The second compared network's loss curve.
        let compared: [LossSample]
        let strip: TimelineStrip
        let low: Double, high: Double

        /// Where a sample is drawn.
        func point(_ sample: LossSample) -> Point {
            let plot = strip.plot
            let level = (log10(sample.loss) - low) / (high - low)
            return Point(strip.x(iteration: Double(sample.iteration)), plot.maxY - 4 - (plot.height - 8) * level)
        }
    }
}

extension SceneInput {
    /// The timeline strip's geometry at this frame.
    public var timelineStrip: TimelineStrip {
        TimelineStrip(
            area: layout.timelineArea, totalIterations: plan.iterations, timeline: timeline,
            keyframeIterations: progress.keyframeIterations ?? [0])
    }
}
