import NeuralCore
import Playback
import Session

/// The heads-up display: what the network is thinking about, the error bar and the status (the
/// timeline strip beside the error bar is `TimelinePainter`'s).
struct HUDPainter {
    /// A loss with four significant digits, trailing zeros kept ("0.1200", "3.000e-05"), so the
    /// number keeps its width while the network learns instead of shrinking at every round value.
    static func lossText(_ loss: Double) -> String { String(printf: "%#.4g", loss) }

    let input: SceneInput
    let network: Network
    let trace: Trace
    let example: Int?
    let target: [Double]?

    private var palette: Palette { input.palette }
    private var layout: SceneLayout { input.layout }

    var status: String {
        if input.showsDivergence { return "diverged" }
        if input.showsTraining { return "training…" }
        if input.isPaused { return "paused" }
        if input.state.keyframe >= input.timeline.keyframeCount - 1 && input.progress.isFinished { return "trained" }
        return "playing"
    }

    var averageError: Double? {
        let k = input.shownKeyframe
        return k < input.progress.keyframeLosses.count ? input.progress.keyframeLosses[k] : nil
    }

    /// The input layer's values: the example's or the user's.
    private var inputs: [Double] { Array(trace.activations[0..<network.layout.inputCount]) }

    var values: HUDValues {
        HUDValues(
            iteration: input.shownIteration, keyframe: input.shownKeyframe, example: example,
            inputs: inputs, desired: target,
            outputs: trace.outputs, averageError: averageError, status: status)
    }

    func draw(into out: inout [DrawCommand]) {
        let top = layout.hudTop
        let speed = input.speed == 1 ? "" : "  ×\(formatSpeed(input.speed))"
        let statusLine = status + speed
        out.append(
            .text(
                statusLine, at: Point(top.maxX - 16, top.y + 10), size: .large,
                color: status == "diverged" ? palette.alert : palette.text, align: .right))
        // Narrow windows: the shorter forms, so the line ends before the status.
        let iterations = "\(grouped(input.shownIteration)) of \(grouped(input.plan.iterations))"
        let room = top.width - 32 - 12 - TextSize.large.estimatedWidth(of: statusLine)
        out.append(
            .text(
                TextSize.large.firstFitting(["iteration " + iterations, iterations], within: room) ?? iterations,
                at: Point(top.x + 16, top.y + 10), size: .large, color: palette.text, align: .left))
        let thinking = thinkingLines
        out.append(
            .text(
                TextSize.normal.firstFitting(thinking, within: top.width - 32) ?? thinking.last!,
                at: Point(top.x + 16, top.y + 40), size: .normal, color: example == nil ? palette.glow : palette.text,
                align: .left))
        let bar = errorBar
        let showsLosses = drawErrorBar(bar, into: &out)
        let band = layout.hudBottom
        if band.height >= SceneLayout.bottomBandWithHelp {
            drawComparedLosses(
                at: Point(bar.x, bar.maxY + 8 + (showsLosses ? Self.smallLineStep : 0)), above: band.maxY - 22,
                into: &out)
        }
        // "H: help" on a line of its own at the foot where the band has room, else under the bar
        // when the losses are not there.
        if band.height >= SceneLayout.bottomBandWithHelp || !showsLosses {
            let at =
                band.height >= SceneLayout.bottomBandWithHelp ? Point(16, band.maxY - 22) : Point(bar.x, bar.maxY + 8)
            out.append(.text("H: help", at: at, size: .small, color: palette.dimText, align: .left))
        }
    }

    /// What the network is thinking about, from the whole line to its answer alone: "example 3 of
    /// 7:  inputs [1.00, 0.00, 1.00]   desired [1.00]   actual [0.97]" (or for classes "desired 7
    /// reads 7 (0.97)"), then without the inputs, without the example, without the desired output.
    private var thinkingLines: [String] {
        let data = input.plan.dataSet
        let who =
            example.map { "example \($0 + 1) of \(data.count)" }
            ?? (input.userInput != nil && layout.padArea != nil ? "your drawing" : "your input")
        let what =
            data.imageShape.map { "a \($0.width)×\($0.height) image" }
            ?? "inputs \(shortVector(input.rawInputs(inputs)))"
        var desired: String?
        let answer: String
        if let read = data.predictedClass(trace.outputs) {
            if let target, let wanted = data.predictedClass(target) { desired = "desired \(wanted)" }
            let sure = trace.outputs.count == 1 ? max(trace.outputs[0], 1 - trace.outputs[0]) : trace.outputs.max()!
            answer = "reads \(read) (\(formatValue(sure)))"
        } else {
            desired = target.map { "desired \(shortVector($0))" }
            answer = "actual \(shortVector(trace.outputs))"
        }
        // The inputs go first: the input layer shows them too, while the desired output is
        // written nowhere else.
        let judged = (desired.map { $0 + "   " } ?? "") + answer
        return ["\(who):  \(what)   \(judged)", "\(who):  \(judged)", judged, answer]
    }

    /// Where the average error's bar goes; in narrow windows it leaves room for its value
    /// ("0.04775") before the timeline.
    private var errorBar: Rect {
        let band = layout.hudBottom
        let valueRoom = TextSize.normal.estimatedWidth(of: "0.0000000") + 8  // "%.4g" of a small loss
        let width = max(min(band.width * 0.38, layout.timelineArea.x - 12 - valueRoom - (band.x + 16)), 24)
        return Rect(x: band.x + 16, y: band.y + 34, width: width, height: 16)
    }

    /// The average error as `bar` (`errorBar`), as in the video: full width at the untrained
    /// network's error; under it the train / test losses where there is a test part. Returns whether they were drawn.
    private func drawErrorBar(_ bar: Rect, into out: inout [DrawCommand]) -> Bool {
        let band = layout.hudBottom
        out.append(
            .text("average error", at: Point(bar.x, band.y + 12), size: .normal, color: palette.dimText, align: .left))
        guard let error = averageError, let first = input.progress.keyframeLosses.first, first > 0 else { return false }
        out.append(.rect(bar, palette.neuronFill))
        let fraction = min(max(error / first, 0), 1)
        out.append(
            .rect(
                Rect(x: bar.x, y: bar.y, width: bar.width * fraction, height: bar.height),
                palette.positive.mix(palette.negative, fraction)))
        out.append(.frame(bar, palette.neuronRim))
        out.append(
            .text(
                HUDPainter.lossText(error), at: Point(bar.maxX + 8, bar.y + bar.height / 2), size: .normal,
                color: palette.text, align: .leftMiddle))
        // With a test part: train / test loss, the latter on data the network never trains on.
        // Compared, the line names the first network, in its colour, as the second's does.
        let lead = input.comparison.map { $0.captions.first + ":  " } ?? "loss: "
        guard let lines = Self.testLines(of: input.progress, at: input.shownKeyframe, lead: lead),
            let line = TextSize.small.firstFitting(lines, within: layout.timelineArea.x - 12 - bar.x)
        else { return false }
        out.append(
            .text(
                line, at: Point(bar.x, bar.maxY + 8), size: .small,
                color: input.comparison == nil ? palette.dimText : palette.glow, align: .left))
        return true
    }

    /// A network's train / test losses and test accuracy at keyframe `k`, longest form first (the
    /// shorter ones for small windows, so the line ends before the timeline), the first led by
    /// `lead`; nil without a test part.
    static func testLines(of progress: SessionProgress, at k: Int, lead: String) -> [String]? {
        guard k < progress.keyframeTestLosses.count, k < progress.keyframeLosses.count else { return nil }
        let losses =
            "train " + lossText(progress.keyframeLosses[k]) + " / test " + lossText(progress.keyframeTestLosses[k])
        let accuracies = progress.keyframeTestAccuracies
        guard k < accuracies.count else { return [lead + losses, losses] }
        let accuracy = String(printf: "%.1f %%", 100 * accuracies[k])
        return [lead + losses + "   test accuracy " + accuracy, losses + "   accuracy " + accuracy, losses]
    }

    /// From one small line of the bottom band to the next.
    static let smallLineStep = 18.0

    /// With `--compare`: the second network's losses at the shown keyframe, in its colour, under
    /// the first's — train / test and test accuracy where there is a test part, else its average
    /// error; the shorter forms in narrow windows, none where the line would reach `limit`.
    private func drawComparedLosses(at point: Point, above limit: Double, into out: inout [DrawCommand]) {
        guard let comparison = input.comparison, point.y + 1.17 * Double(TextSize.small.rawValue) <= limit else {
            return
        }
        let k = input.shownKeyframe, progress = comparison.progress
        guard k < progress.keyframeLosses.count else { return }
        let caption = comparison.captions.second + ":  "
        let error = "average error " + HUDPainter.lossText(progress.keyframeLosses[k])
        let lines = Self.testLines(of: progress, at: k, lead: caption) ?? [caption + error, error]
        let room = layout.timelineArea.x - 12 - point.x
        guard let line = TextSize.small.firstFitting(lines, within: room) else { return }
        out.append(.text(line, at: point, size: .small, color: ComparedInput.curveColor, align: .left))
    }

    /// With `--compare`: the second network's answer to the same input, under the first's.
    func drawComparison(outputs: [Double], into out: inout [DrawCommand]) {
        guard let comparison = input.comparison else { return }
        let data = input.plan.dataSet
        let answer =
            data.predictedClass(outputs).map { "reads \($0) (\(formatValue(outputs.max()!)))" }
            ?? "actual \(shortVector(outputs))"
        // In narrow windows without the caption (the line's colour is the second network's),
        // then cut short.
        let room = Double(layout.width) - 32
        let line =
            TextSize.small.firstFitting(["\(comparison.captions.second):  \(answer)"], within: room)
            ?? TextSize.small.shortened(answer, within: room)
        guard let line else { return }
        out.append(
            .text(
                line, at: Point(layout.hudTop.x + 16, layout.hudTop.y + 58), size: .small,
                color: ComparedInput.curveColor, align: .left))
    }

    func drawLiveOnly(into out: inout [DrawCommand]) {
        if let frames = input.recordedFrames {
            out.append(
                .disc(
                    center: Point(Double(layout.width) - 150, Double(layout.height) - 18), radius: 7,
                    fill: palette.alert, rim: nil))
            out.append(
                .text(
                    "REC \(grouped(frames))", at: Point(Double(layout.width) - 138, Double(layout.height) - 18),
                    size: .normal, color: palette.alert, align: .leftMiddle))
        }
        if input.showFPS {
            out.append(
                .text(
                    "\(Int(input.framesPerSecond.rounded())) fps",
                    at: Point(Double(layout.width) - 16, layout.hudTop.maxY),
                    size: .small, color: palette.dimText, align: .right))
        }
    }

    /// Up to six values; longer vectors show their first four, so the line fits beside the status.
    private func shortVector(_ v: [Double]) -> String {
        let limit = v.count > 6 ? 4 : 6
        let shown = v.prefix(limit).map(formatValue).joined(separator: ", ")
        return "[" + shown + (v.count > limit ? ", … (\(v.count))" : "") + "]"
    }

    private func formatSpeed(_ s: Double) -> String { s < 1 ? String(s) : String(Int(s)) }

}
