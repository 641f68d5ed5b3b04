import Testing
@testable import Playback

struct TimelineTests {
    let timeline = Timeline(keyframeCount: 4, beat: 30, exampleCount: 7)

    @Test func phasesFollowEachOtherWithinABeat() {
        let phases = (0..<30).map { timeline.state(atFrame: $0).phase }
        #expect(phases.first == .forward)
        #expect(phases.last == .ease)
        // forward, then backward, then ease — each one contiguous run.
        var runs: [TimelinePhase] = []
        for p in phases where runs.last != p { runs.append(p) }
        #expect(runs == [.forward, .backward, .ease])
    }

    @Test func beatBoundariesChangeKeyframeAndExample() {
        let end = timeline.state(atFrame: 29), start = timeline.state(atFrame: 30)
        #expect(end.keyframe == 0 && end.nextKeyframe == 1 && end.easeAmount > 0.9)
        #expect(start.keyframe == 1 && start.phase == .forward && start.easeAmount == 0 && start.example == 1)
        #expect(timeline.state(atFrame: 0).example == 0)
    }

    @Test func lastKeyframeHoldsAndFramesPastTheEndKeepCycling() {
        let last = timeline.state(atFrame: 3 * 30 + 29)
        #expect(last.keyframe == 3 && last.phase == .hold && last.nextKeyframe == 3 && !last.isSessionOver)
        let after = timeline.state(atFrame: 10 * 30 + 2)
        #expect(after.keyframe == 3 && after.example == 10 % 7 && after.isSessionOver && after.phase == .forward)
        #expect(timeline.frameCount == 120)
    }

    @Test func framesUntilEaseLeadToTheNextEaseFrame() {
        for beat in [3, 4, 7, 30] {
            let timeline = Timeline(keyframeCount: 5, beat: beat, exampleCount: 7)
            for frame in 0..<(2 * beat) where timeline.state(atFrame: frame).phase != .ease {
                let n = timeline.framesUntilEase(fromFrame: frame)
                #expect(n >= 1)
                #expect(timeline.state(atFrame: frame + n).phase == .ease, "beat \(beat), frame \(frame) + \(n)")
                for between in (frame + 1)..<(frame + n) { #expect(timeline.state(atFrame: between).phase != .ease) }
            }
        }
    }

    @Test func easeIsMonotonicAndEndsNearOne() {
        let amounts = (0..<30).map { timeline.state(atFrame: 30 + $0).easeAmount }
        for k in 1..<amounts.count { #expect(amounts[k] >= amounts[k - 1]) }
        #expect(amounts.last! > 0.95 && amounts.last! <= 1)
    }

    @Test func clockMapsWallTimeAndRespectsTheLimit() {
        var clock = PlaybackClock()
        clock.advance(seconds: 1, fps: 60, limit: 1_000)
        #expect(clock.frame == 60)
        clock.togglePause()
        clock.advance(seconds: 1, fps: 60, limit: 1_000)
        #expect(clock.frame == 60)
        clock.step(keyframes: 1, beat: 30, limit: 1_000)
        #expect(clock.frame == 90)
        clock.step(keyframes: -5, beat: 30, limit: 1_000)
        #expect(clock.frame == 0)
        clock.togglePause()
        clock.faster()
        clock.advance(seconds: 1, fps: 60, limit: 100)
        #expect(clock.frame == 100)
        clock.restart()
        #expect(clock.frame == 0)
    }

    @Test func seekingMovesPausedOrNotAndStaysWithinTheLimit() {
        var clock = PlaybackClock()
        clock.seek(toFrame: 500, limit: 300)
        #expect(clock.frame == 300 && !clock.isPaused)
        clock.seek(toFrame: -4, limit: 300)
        #expect(clock.frame == 0)
        clock.pause()
        clock.seek(toFrame: 123, limit: 300)
        clock.advance(seconds: 1, fps: 60, limit: 300)
        #expect(clock.frame == 123 && clock.isPaused, "a paused clock stays where it was moved")
    }
}
