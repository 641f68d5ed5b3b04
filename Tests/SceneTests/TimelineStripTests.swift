import Foundation
import Playback
import Testing

@testable import Scene

/// Position ↔ frame on the timeline strip.
struct TimelineStripTests {
    let timeline = Timeline(keyframeCount: 6, beat: 30, exampleCount: 7)
    let area = Rect(x: 700, y: 600, width: 560, height: 90)

    func strip(_ iterations: [Int] = [0, 1, 5, 40, 700, 60_000]) -> TimelineStrip {
        TimelineStrip(area: area, totalIterations: 60_000, timeline: timeline, keyframeIterations: iterations)
    }

    @Test func iterationsLieOnALogAxis() {
        let s = strip()
        #expect(s.x(iteration: 0) == s.plot.x)
        #expect(abs(s.x(iteration: 60_000) - s.plot.maxX) < 1e-9)
        // log(i + 1): 0 → 1 and 1 → 3 are equal steps.
        #expect(abs((s.x(iteration: 1) - s.x(iteration: 0)) - (s.x(iteration: 3) - s.x(iteration: 1))) < 1e-9)
    }

    @Test func everyEaseFrameMapsBackToItself() {
        let s = strip()
        for frame in 0..<timeline.frameCount {
            let inBeat = frame % timeline.beat
            let back = s.frame(atX: s.x(frame: frame))
            if inBeat >= timeline.easeBegins && frame / timeline.beat < timeline.keyframeCount - 1 {
                #expect(back == frame, "ease frame \(frame)")
            } else {
                #expect(back == timeline.firstFrame(ofKeyframe: frame / timeline.beat), "frame \(frame)")
            }
        }
    }

    @Test func thePositionStandsOnItsTickThenMovesToTheNextDuringTheEase() {
        let s = strip()
        var previous = s.plot.x
        for frame in 0..<timeline.frameCount {
            let x = s.x(frame: frame)
            #expect(x >= previous, "never backwards, frame \(frame)")
            let k = frame / timeline.beat
            if frame % timeline.beat < timeline.easeBegins { #expect(x == s.x(keyframe: k)) }
            if k + 1 < timeline.keyframeCount { #expect(x < s.x(keyframe: k + 1)) }
            previous = x
        }
        #expect(s.x(frame: timeline.frameCount + 100) == s.x(keyframe: 5), "past the end: the last tick")
    }

    @Test func pointsOutsideOrBeyondTheKnownTicksAreClamped() {
        let s = strip([0, 1, 5])  // the trainer has decided three keyframes so far
        #expect(s.frame(atX: area.x - 50) == 0)
        #expect(s.frame(atX: area.maxX) == timeline.firstFrame(ofKeyframe: 2))
        #expect(s.x(frame: 4 * timeline.beat) == s.x(keyframe: 2))
        // Halfway between two ticks: halfway through the ease.
        let middle = (s.x(keyframe: 0) + s.x(keyframe: 1)) / 2
        let frame = s.frame(atX: middle)
        let ease = timeline.beat - timeline.easeBegins
        #expect(abs(frame - (timeline.easeBegins + ease / 2)) <= 1, "\(frame)")
    }

    /// A loss curve of 400 samples across the plot is drawn through fewer points, none of the
    /// samples further than 2 px from the line drawn, a spike kept.
    @Test func theLossCurveIsThinnedWithinTwoPixels() {
        let s = strip()
        var samples = (0..<400).map { k -> Point in
            let t = Double(k) / 399
            return Point(s.plot.x + t * s.plot.width, s.plot.y + s.plot.height * (1 - exp(-4 * t)))
        }
        samples[200].y = s.plot.y  // a spike
        let drawn = TimelinePainter.thinned(samples)
        #expect(drawn.count < 300 && drawn.first == samples.first && drawn.last == samples.last)
        #expect(drawn.contains(samples[200]))
        for p in samples {
            let nearest = zip(drawn, drawn.dropFirst()).map { p.distance(toSegment: $0, $1) }.min()!
            #expect(nearest <= 2, "\(p) is \(nearest) px from the line")
        }
    }
}
