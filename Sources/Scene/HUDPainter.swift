import NeuralCore
import Playback
import Session

import Foundation

/// The heads-up display: what the network is thinking about, the error bar and the status (the
/// timeline strip beside the error bar is `TimelinePainter`'s).
struct HUDPainter {
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
        let total = input.plan.iterations
        out.append(
            .text(
                "iteration \(grouped(input.shownIteration)) of \(grouped(total))", at: Point(top.x + 16, top.y + 10),
                size: .large, color: palette.text, align: .left))
        let data = input.plan.dataSet
        let who =
            example.map { "example \($0 + 1) of \(data.count)" }
            ?? (input.userInput != nil && layout.padArea != nil ? "your drawing" : "your input")
        var thinking =
            data.imageShape.map { "\(who):  a \($0.width)×\($0.height) image" }
            ?? "\(who):  inputs \(shortVector(input.rawInputs(inputs)))"
        if let read = data.predictedClass(trace.outputs) {
            // Named classes read as names: "desired 7   reads 7 (0.97)".
            if let target, let wanted = data.predictedClass(target) { thinking += "   desired \(wanted)" }
            let sure = trace.outputs.count == 1 ? max(trace.outputs[0], 1 - trace.outputs[0]) : trace.outputs.max()!
            thinking += "   reads \(read) (\(formatValue(sure)))"
        } else {
            if let target { thinking += "   desired \(shortVector(target))" }
            thinking += "   actual \(shortVector(trace.outputs))"
        }
        out.append(
            .text(
                thinking, at: Point(top.x + 16, top.y + 40), size: .normal,
                color: example == nil ? palette.glow : palette.text, align: .left))
        let speed = input.speed == 1 ? "" : "  ×\(formatSpeed(input.speed))"
        out.append(
            .text(
                status + speed, at: Point(top.maxX - 16, top.y + 10), size: .large,
                color: status == "diverged" ? palette.alert : palette.text, align: .right))
        drawErrorBar(into: &out)
        out.append(
            .text(
                "H: help", at: Point(16, Double(layout.height) - 22), size: .small, color: palette.dimText, align: .left
            ))
    }

    /// The average error as a bar, as in the video: full width at the untrained network's error.
    private func drawErrorBar(into out: inout [DrawCommand]) {
        let band = layout.hudBottom
        let bar = Rect(x: band.x + 16, y: band.y + 34, width: band.width * 0.38, height: 16)
        out.append(
            .text("average error", at: Point(bar.x, band.y + 12), size: .normal, color: palette.dimText, align: .left))
        guard let error = averageError, let first = input.progress.keyframeLosses.first, first > 0 else { return }
        out.append(.rect(bar, palette.neuronFill))
        let fraction = min(max(error / first, 0), 1)
        out.append(
            .rect(
                Rect(x: bar.x, y: bar.y, width: bar.width * fraction, height: bar.height),
                palette.positive.mix(palette.negative, fraction)))
        out.append(.frame(bar, palette.neuronRim))
        out.append(
            .text(
                String(format: "%.4g", error), at: Point(bar.maxX + 8, bar.y + bar.height / 2), size: .normal,
                color: palette.text, align: .leftMiddle))
        // With a test part: train / test loss, the latter on data the network never trains on.
        let k = input.shownKeyframe, test = input.progress.keyframeTestLosses
        if k < test.count, k < input.progress.keyframeLosses.count {
            let accuracies = input.progress.keyframeTestAccuracies
            let accuracy = k < accuracies.count ? String(format: "%.1f %%", 100 * accuracies[k]) : nil
            let losses =
                "train " + String(format: "%.4g", input.progress.keyframeLosses[k]) + " / test "
                + String(format: "%.4g", test[k])
            // Small windows: the shorter forms, so the line ends before the timeline.
            let room = layout.timelineArea.x - 12 - bar.x
            let lines =
                ["loss: " + losses + (accuracy.map { "   test accuracy " + $0 } ?? "")]
                + (accuracy.map { [losses + "   accuracy " + $0] } ?? []) + [losses]
            if let line = lines.first(where: { TextSize.small.estimatedWidth(of: $0) <= room }) {
                out.append(
                    .text(line, at: Point(bar.x, bar.maxY + 8), size: .small, color: palette.dimText, align: .left))
            }
        }
    }

    /// With `--compare`: the second network's answer to the same input, under the first's.
    func drawComparison(outputs: [Double], into out: inout [DrawCommand]) {
        guard let comparison = input.comparison else { return }
        let data = input.plan.dataSet
        let answer =
            data.predictedClass(outputs).map { "reads \($0) (\(formatValue(outputs.max()!)))" }
            ?? "actual \(shortVector(outputs))"
        out.append(
            .text(
                "\(comparison.captions.second):  \(answer)", at: Point(layout.hudTop.x + 16, layout.hudTop.y + 58),
                size: .small, color: ComparedInput.curveColor, align: .left))
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
