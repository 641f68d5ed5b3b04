import NeuralCore
import Testing
import TestSupport

@testable import Scene
@testable import Session

/// Two compared networks share the window: each in its half, neither overlapping the other.
struct CompareLayoutTests {
    @Test func twoNetworksFitWithoutOverlapping() {
        let shapes: [([Int], [Int])] = [
            ([3, 4, 1], [3, 4, 1]), ([64, 32, 32, 10], [64, 32, 32, 10]), ([3, 4, 1], [3, 8, 8, 1]),
        ]
        for (a, b) in shapes {
            for (w, h) in [(1280, 720), (1920, 1080), (800, 1000)] {
                let slots = SceneLayout.ComparisonSlot.slots(width: w, height: h)
                #expect(slots[0].stacked == (h > w))
                let first = SceneLayout(layerSizes: a, width: w, height: h, slot: slots[0])
                let second = SceneLayout(layerSizes: b, width: w, height: h, slot: slots[1])
                let window = Rect(x: 0, y: 0, width: Double(w), height: Double(h))
                func discs(_ layout: SceneLayout) -> [Point] {
                    layout.layerSizes.indices.flatMap { l in layout.drawnIndices(layer: l).map { layout.centres[l][$0] }
                    }
                }
                for layout in [first, second] {
                    for c in discs(layout) {
                        let r = layout.radius
                        #expect(window.contains(Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)))
                        #expect(!layout.hudTop.contains(c) && !layout.hudBottom.contains(c))
                    }
                }
                // The halves do not meet: the second's discs are all right of (or below) the first's,
                // side by side with room for the first's output values and the second's input values
                // (each label about 65 px from its disc's centre).
                let gap = first.radius + second.radius
                if slots[0].stacked {
                    #expect(discs(first).map(\.y).max()! + gap < discs(second).map(\.y).min()!, "\(a) \(b) \(w)x\(h)")
                } else {
                    #expect(
                        discs(first).map(\.x).max()! + 2 * 65 < discs(second).map(\.x).min()!, "\(a) \(b) \(w)x\(h)")
                }
                // Hit testing finds each network's own neurons.
                let probe = second.centres[0][0]
                #expect(second.neuron(at: probe) == NeuronID(layer: 0, index: 0) && first.neuron(at: probe) == nil)
            }
        }
    }

    /// Two-input networks are stacked, each with its own map beside it, none overlapping.
    @Test func twoInputNetworksAreStackedWithAMapEach() throws {
        let ranges = MapRanges(x: -1...1, y: -1...1)
        let slots = SceneLayout.ComparisonSlot.slots(width: 1280, height: 720, withMaps: true)
        #expect(slots.allSatisfy { $0.stacked })
        let first = SceneLayout(layerSizes: [2, 4, 1], width: 1280, height: 720, mapRanges: ranges, slot: slots[0])
        let second = SceneLayout(layerSizes: [2, 8, 1], width: 1280, height: 720, mapRanges: ranges, slot: slots[1])
        let a = try #require(first.mapArea), b = try #require(second.mapArea)
        #expect(a.maxY < b.y && a.width > 150)
        for layout in [first, second] {
            let map = layout.mapArea!
            for l in layout.layerSizes.indices {
                for c in layout.centres[l] { #expect(c.x + layout.radius < map.x && layout.networkArea.contains(c)) }
            }
        }
        // Under each map its ticks and the first input's name (`MapPainter`: text 15 px tall at
        // 16 px below the map) end above the second map's "↑ name" (14 px above it) and above the
        // timeline, at the sizes a window is often given.
        for (w, h) in [(1280, 720), (1920, 1080), (1600, 900), (1280, 800)] {
            let slots = SceneLayout.ComparisonSlot.slots(width: w, height: h, withMaps: true)
            let maps = try slots.map {
                try #require(
                    SceneLayout(layerSizes: [2, 4, 1], width: w, height: h, mapRanges: ranges, slot: $0).mapArea)
            }
            let timeline = SceneLayout(layerSizes: [2, 4, 1], width: w, height: h, mapRanges: ranges).timelineArea
            #expect(maps[0].maxY + 16 + 15 <= maps[1].y - 14, "\(w)x\(h)")
            #expect(maps[1].maxY + 16 + 15 <= timeline.y, "\(w)x\(h)")
            let single = try #require(
                SceneLayout(layerSizes: [2, 4, 1], width: w, height: h, mapRanges: ranges).mapArea)
            #expect(single.maxY + 16 + 15 <= timeline.y, "\(w)x\(h)")
        }
        // A point of the second map is an input there and nowhere in the first.
        let inside = Point(b.midX, b.midY)
        #expect(second.mapInput(at: inside) != nil && first.mapInput(at: inside) == nil)
        // Side by side (when asked without maps) leaves the map out.
        let narrow = SceneLayout(
            layerSizes: [2, 4, 1], width: 1280, height: 720, mapRanges: ranges,
            slot: SceneLayout.ComparisonSlot(index: 0, stacked: false))
        #expect(narrow.mapArea == nil)
    }

    /// Two compared networks share a frame's pulse lines, half each (a single one gets them all).
    @Test func comparedNetworksShareThePulses() throws {
        let (plans, first, second) = try finishedComparison(iterations: 5, keyframes: 4) { model in
            model.dataSet = "circle"
            model.layers = [2, 64, 64, 1]
        }
        let slots = SceneLayout.ComparisonSlot.slots(width: 1280, height: 720)
        /// Where the pulse lines above the bottom HUD (the timeline's marks share their colour) start.
        func pulseLines(_ frame: SceneFrame, _ palette: Palette, above bottom: Double) -> [Point] {
            frame.overlay.compactMap { command -> Point? in
                let pulse = palette.forwardPulse
                guard case let .line(from, _, _, color, _) = command,
                    (color.r, color.g, color.b) == (pulse.r, pulse.g, pulse.b), from.y < bottom
                else { return nil }
                return from
            }
        }
        var most = (alone: 0, first: 0, second: 0)
        for frame in 0..<plans.first.schedule.beat {
            var input = sceneInput(plans.first, first, frame: frame)
            let bottom = input.layout.hudBottom.y
            let alone = pulseLines(SceneBuilder.build(input), input.palette, above: bottom).count
            input.layout = SceneLayout(layerSizes: [2, 64, 64, 1], width: 1280, height: 720, slot: slots[0])
            input.comparison = ComparedInput(
                layout: SceneLayout(layerSizes: [2, 64, 64, 1], width: 1280, height: 720, slot: slots[1]),
                plan: plans.second, progress: second, captions: ("learning-rate=1", "learning-rate=3"))
            let lines = pulseLines(SceneBuilder.build(input), input.palette, above: bottom)
            let middle = input.comparison!.layout.networkArea.x
            most = (
                max(most.alone, alone), max(most.first, lines.filter { $0.x < middle }.count),
                max(most.second, lines.filter { $0.x >= middle }.count)
            )
        }
        #expect(most.alone == ThinkingPainter.pulsesPerLayer)
        #expect(most.first == ThinkingPainter.pulsesPerLayer / 2 && most.second == ThinkingPainter.pulsesPerLayer / 2)
    }

    /// Under the error bar each compared network's losses at the shown keyframe, each named and in
    /// its colour: train / test and test accuracy with a test part, else the second's average
    /// error (the bar holds the first's).
    @Test func bothNetworksLossesAreUnderTheBar() throws {
        func texts(_ frame: SceneFrame) -> [(String, Color)] {
            frame.overlay.compactMap { if case let .text(text, _, _, color, _) = $0 { (text, color) } else { nil } }
        }
        let (digits, first, second) = try finishedComparison("learning-rate=0.3", iterations: 2, keyframes: 4) {
            model in
            model.dataSet = "digits"
            model.digitGlyphs = TextOverlapTests.standInDigits
        }
        var input = sceneInput(digits.first, first, frame: 3 * digits.first.schedule.beat)
        let slots = SceneLayout.ComparisonSlot.slots(width: 1280, height: 720, withMaps: false)
        input.layout = SceneLayout(plan: digits.first, width: 1280, height: 720, slot: slots[0])
        input.comparison = ComparedInput(
            layout: SceneLayout(plan: digits.second, width: 1280, height: 720, slot: slots[1]), plan: digits.second,
            progress: second, captions: ("learning-rate=0.05", "learning-rate=0.3"))
        let k = input.shownKeyframe
        let shown = texts(SceneBuilder.build(input))
        let expected = [
            ("learning-rate=0.05", first, input.palette.glow), ("learning-rate=0.3", second, ComparedInput.curveColor),
        ]
        for (caption, progress, colour) in expected {
            let line =
                "\(caption):  train \(HUDPainter.lossText(progress.keyframeLosses[k])) / test "
                + "\(HUDPainter.lossText(progress.keyframeTestLosses[k]))   test accuracy "
                + String(printf: "%.1f %%", 100 * progress.keyframeTestAccuracies[k])
            #expect(shown.contains { $0 == (line, colour) }, "\(line) in \(shown.map(\.0))")
        }
        #expect(first.keyframeLosses[k] != second.keyframeLosses[k], "the two lines tell the networks apart")

        let (xor, plain, faster) = try finishedComparison(iterations: 40, keyframes: 4)
        var alone = sceneInput(xor.first, plain, frame: 2 * xor.first.schedule.beat)
        alone.comparison = ComparedInput(
            layout: alone.layout, plan: xor.second, progress: faster, captions: ("learning-rate=1", "learning-rate=3"))
        let error = "learning-rate=3:  average error \(HUDPainter.lossText(faster.keyframeLosses[alone.shownKeyframe]))"
        #expect(texts(SceneBuilder.build(alone)).contains { $0 == (error, ComparedInput.curveColor) })
    }

    /// The captions' legend stays out of the loss curves, early (curves on the left), midway and
    /// at the end (one network still on its plateau, the other fallen), on a backing of its own.
    @Test func theLegendSitsWhereTheCurvesAreNot() throws {
        try legendAndCurves(dataSet: "xor3", iterations: 3_000)
        // With a test part only the two training curves are drawn: the legend names both.
        try legendAndCurves(dataSet: "circle", iterations: 300)
    }

    func legendAndCurves(dataSet: String, iterations: Int) throws {
        let (plans, first, second) = try finishedComparison(iterations: iterations, keyframes: 20) { model in
            model.dataSet = dataSet
        }
        for keyframe in [3, 10, 19] {
            var input = sceneInput(
                plans.first, first, frame: plans.first.timeline.firstFrame(ofKeyframe: keyframe))
            input.comparison = ComparedInput(
                layout: input.layout, plan: plans.second, progress: second,
                captions: ("learning-rate=1", "learning-rate=3"))
            let frame = SceneBuilder.build(input)
            let plot = input.timelineStrip.plot
            let captions = frame.overlay.compactMap { command -> Point? in
                if case let .text(text, at, _, _, _) = command, text.hasPrefix("learning-rate="), plot.contains(at) {
                    return at
                }
                return nil
            }
            #expect(captions.count == 2)
            let backing = frame.overlay.compactMap { command -> Rect? in
                if case let .rect(r, _) = command, captions.allSatisfy({ r.contains($0) }), r.width < plot.width {
                    return r
                }
                return nil
            }
            #expect(backing.count == 1)
            let curves = frame.overlay.compactMap { command -> [Point]? in
                if case let .polyline(points, _, _) = command, points.allSatisfy({ plot.contains($0) }) {
                    return points
                }
                return nil
            }
            #expect(curves.count == 2)
            if let box = backing.first {
                #expect(
                    !curves.joined().contains { box.contains($0) }, "keyframe \(keyframe): a curve under the legend")
            }
        }
    }
}
