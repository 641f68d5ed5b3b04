import Glibc
import Playback

/// The timeline strip's geometry: iterations on a log axis along x (the loss curve's axis), the
/// playback position between the keyframe ticks, and back from a pointer's x to a frame.
///
/// Contract: the position stands on keyframe k's tick while its beat thinks (forward and backward
/// pulses) and moves to k + 1's tick during the ease, frame by frame, as the weights do. So
/// `frame(atX: x(frame: f))` is `f` for every frame of an ease, and for the other frames of a beat
/// the beat's first frame (they share one position). Keyframes not decided yet have no tick: the
/// position stops at the last one known.
public struct TimelineStrip: Sendable, Equatable {
    /// The whole strip.
    public let area: Rect
    /// Where the curve, the ticks and the position are drawn (below the strip's caption).
    public let plot: Rect
    public let totalIterations: Int
    public let timeline: Timeline
    /// The iterations of the keyframes decided so far (at least keyframe 0's).
    public let keyframeIterations: [Int]

    public init(area: Rect, totalIterations: Int, timeline: Timeline, keyframeIterations: [Int]) {
        self.area = area
        plot = Rect(x: area.x + 4, y: area.y + 18, width: max(area.width - 8, 1), height: max(area.height - 22, 1))
        self.totalIterations = max(totalIterations, 1)
        self.timeline = timeline
        self.keyframeIterations = keyframeIterations.isEmpty ? [0] : keyframeIterations
    }

    /// Where `iteration` sits along x (log of iteration + 1, so iteration 0 is the left edge).
    public func x(iteration: Double) -> Double {
        plot.x + plot.width * log(max(iteration, 0) + 1) / log(Double(totalIterations) + 1)
    }

    /// Keyframe `k`'s tick.
    public func x(keyframe k: Int) -> Double { x(iteration: Double(keyframeIterations[k])) }

    /// Frames of a beat's ease, counted as steps of the position from one tick to the next.
    private var easeSteps: Int { timeline.beat - timeline.easeBegins + 1 }

    /// The playback position of `frame`.
    public func x(frame: Int) -> Double {
        let last = keyframeIterations.count - 1
        let k = min(frame / timeline.beat, last)
        let inBeat = frame % timeline.beat
        guard k < last, frame / timeline.beat == k, inBeat >= timeline.easeBegins else { return x(keyframe: k) }
        let u = Double(inBeat - timeline.easeBegins + 1) / Double(easeSteps)
        return x(keyframe: k) + (x(keyframe: k + 1) - x(keyframe: k)) * u
    }

    /// The frame whose position is nearest `x`: between two ticks a frame of the ease from the
    /// left one to the right one, at or left of the first tick frame 0, right of the last known
    /// tick that keyframe's first frame.
    public func frame(atX x: Double) -> Int {
        let last = keyframeIterations.count - 1
        guard x > self.x(keyframe: 0) else { return 0 }
        var k = 0
        while k < last && self.x(keyframe: k + 1) <= x { k += 1 }
        let first = timeline.firstFrame(ofKeyframe: k)
        guard k < last else { return first }
        let span = self.x(keyframe: k + 1) - self.x(keyframe: k)
        let steps = Int(((x - self.x(keyframe: k)) / span * Double(easeSteps)).rounded())
        if steps <= 0 { return first }
        return first + timeline.easeBegins - 1 + min(steps, easeSteps - 1)
    }
}
