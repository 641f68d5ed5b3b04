import Testing

@testable import Scene
@testable import Session

/// The "it clicks" mark is drawn live only, after the frame, so it would lie over whatever the
/// timeline holds: it stops at the corner legend's backing instead of running through its words,
/// and its label has a backing of its own against the curves under it.
struct TimelineMarkTests {
    @Test func theItClicksMarkStopsAtTheLegendAndItsLabelHasABacking() throws {
        // README's picture: `--learning-rate 0.1 --compare learning-rate=3`, whose first network
        // clicks late, under the legend.
        let (plans, first, second) = try finishedComparison(iterations: 60_000, keyframes: 120) {
            $0.learningRate = 0.1
        }
        let palette = Palette(.video)
        var marksAcrossTheLegend = 0
        // As the live window sees it while the trainer is still going: the steepest drop so far
        // moves along the strip as the curve grows.
        let reached = [2_000, 5_000, 10_000, 20_000, 40_000, 60_000]
        for (width, height) in [(800, 600), (1280, 720), (1920, 1080)] {
            let slots = SceneLayout.ComparisonSlot.slots(width: width, height: height)
            for (trainerIteration, frame) in reached.flatMap({ t in [0, 1_500, 3_000].map { (t, $0) } }) {
                var progress = first
                progress.lossCurve = first.lossCurve.filter { $0.iteration <= trainerIteration }
                progress.trainerIteration = trainerIteration
                progress.isFinished = trainerIteration == 60_000
                var input = sceneInput(plans.first, progress, frame: frame, width: width, height: height)
                input.layout = SceneLayout(plan: plans.first, width: width, height: height, slot: slots[0])
                input.comparison = ComparedInput(
                    layout: SceneLayout(plan: plans.second, width: width, height: height, slot: slots[1]),
                    plan: plans.second, progress: second, captions: ("learning-rate=0.1", "learning-rate=3"))
                let built = SceneBuilder.build(input)
                let plot = input.timelineStrip.plot
                let legend = built.overlay.compactMap { command -> Rect? in
                    guard case let .rect(r, color) = command, plot.contains(r), color.r == palette.panel.r else {
                        return nil
                    }
                    return r
                }.first
                let marks = built.liveOnly.compactMap { command -> (Point, Point)? in
                    guard case let .line(a, b, _, color, true) = command, color == palette.alert else { return nil }
                    return (a, b)
                }
                guard let legend, let x = marks.first?.0.x else { continue }
                if x >= legend.x && x <= legend.maxX {
                    marksAcrossTheLegend += 1
                    for (a, b) in marks {
                        #expect(
                            min(a.y, b.y) >= legend.maxY || max(a.y, b.y) <= legend.y,
                            "\(width)x\(height) frame \(frame): the mark \(a)–\(b) runs through the legend \(legend)")
                    }
                }
                let label = try #require(
                    built.liveOnly.firstIndex {
                        if case .text("it clicks (M)", _, _, _, _) = $0 { true } else { false }
                    })
                let ink = try #require(built.liveOnly[label].estimatedTextBox)
                guard case let .rect(backing, _) = built.liveOnly[label - 1] else {
                    Issue.record("\(width)x\(height) frame \(frame): the label has no backing")
                    continue
                }
                #expect(backing.contains(ink))
            }
        }
        #expect(marksAcrossTheLegend > 0, "no frame put the mark across the legend: the test tested nothing")
    }

    /// The keyframe ticks of a frame: short vertical lines standing on the plot's floor.
    private func ticks(_ built: SceneFrame, _ strip: TimelineStrip, height: Double) -> [Double] {
        (built.overlay + built.liveOnly).compactMap {
            guard case let .line(from, to, _, _, _) = $0, from.x == to.x, to.y == strip.plot.maxY,
                to.y - from.y == height
            else { return nil }
            return from.x
        }
    }

    /// Ticks closer than a quarter pixel are drawn as one: 20,000 keyframes draw at most four
    /// lines a pixel (one each made the window fall to 7 fps at 100,000), while ticks that stand
    /// apart keep a line each, as the default session's 120 do.
    @Test func crowdedTicksAreDrawnOnceAQuarterPixel() throws {
        let (plan, progress) = try finishedSession(iterations: 20_000, keyframes: 20_000)
        let input = sceneInput(plan, progress, frame: 40)
        let strip = input.timelineStrip
        let crowded = ticks(SceneBuilder.build(input), strip, height: 6).sorted()
        #expect(crowded.count > 100 && crowded.count <= 4 * Int(strip.plot.width) + 2, "\(crowded.count) ticks")
        for (a, b) in zip(crowded, crowded.dropFirst()) { #expect(b - a >= 0.25) }

        let (video, videoProgress) = try finishedSession()
        let videoInput = sceneInput(video, videoProgress, frame: 40)
        #expect(ticks(SceneBuilder.build(videoInput), videoInput.timelineStrip, height: 6).count == 119)
    }
}
