/// What a display frame shows, as a pure function of the frame index (docs/DESIGN.md §2).
///
/// Frame `f` belongs to beat `f / B`; beat `b` shows keyframe `min(b, K − 1)` thinking about
/// training example `b mod exampleCount`. Within a beat: the forward pulse, then the backward
/// pulse, then the ease of the weights to the next keyframe's (the last keyframe holds instead).
/// Frames past the session's end keep cycling the examples on the trained network.
public struct Timeline: Sendable, Equatable {
    public let keyframeCount: Int
    public let beat: Int
    public let exampleCount: Int

    /// Where each phase starts, as a fraction of the beat.
    public static let backwardStart = 0.45
    public static let easeStart = 0.75

    public init(keyframeCount: Int, beat: Int, exampleCount: Int) {
        precondition(keyframeCount >= 1 && beat >= 1 && exampleCount >= 1)
        self.keyframeCount = keyframeCount
        self.beat = beat
        self.exampleCount = exampleCount
    }

    /// Frames in the whole session: one beat per keyframe.
    public var frameCount: Int { keyframeCount * beat }

    /// The first frame of keyframe `k`'s beat.
    public func firstFrame(ofKeyframe k: Int) -> Int { k * beat }

    /// Frames from `frame` until its beat's ease begins (the hold, in the last keyframe's beat);
    /// from inside the ease, until the next beat's does. At least 1.
    public func framesUntilEase(fromFrame frame: Int) -> Int {
        let inBeat = frame % beat
        return inBeat < easeBegins ? easeBegins - inBeat : beat - inBeat + easeBegins
    }

    /// The first frame of a beat (counted from the beat's start) in the ease or hold phase, as
    /// `state` places phases: every frame before it is forward or backward. The one definition of
    /// where the ease begins; the trainer-readiness limit and drawing ahead both use it.
    public var easeBegins: Int {
        // The smallest i with (i + 0.5) / beat ≥ easeStart; the loop guards the rounding of the
        // closed form at exact multiples.
        var i = max(Int((Timeline.easeStart * Double(beat) - 0.5).rounded(.up)) - 1, 0)
        while i < beat && (Double(i) + 0.5) / Double(beat) < Timeline.easeStart { i += 1 }
        return i
    }

    public func state(atFrame frame: Int) -> TimelineState {
        precondition(frame >= 0)
        let beatIndex = frame / beat
        let keyframe = min(beatIndex, keyframeCount - 1)
        let position = (Double(frame % beat) + 0.5) / Double(beat)
        let phase: TimelinePhase
        let progress: Double
        if position < Timeline.backwardStart {
            phase = .forward
            progress = position / Timeline.backwardStart
        } else if position < Timeline.easeStart {
            phase = .backward
            progress = (position - Timeline.backwardStart) / (Timeline.easeStart - Timeline.backwardStart)
        } else {
            phase = beatIndex < keyframeCount - 1 ? .ease : .hold
            progress = (position - Timeline.easeStart) / (1 - Timeline.easeStart)
        }
        let easeAmount = phase == .ease ? smoothstep(progress) : 0
        return TimelineState(
            frame: frame, keyframe: keyframe,
            nextKeyframe: phase == .ease ? keyframe + 1 : keyframe,
            example: beatIndex % exampleCount, phase: phase, phaseProgress: progress,
            easeAmount: easeAmount, isSessionOver: beatIndex >= keyframeCount)
    }

    private func smoothstep(_ t: Double) -> Double {
        let x = min(max(t, 0), 1)
        return x * x * (3 - 2 * x)
    }
}

/// The part of a beat a frame falls in.
public enum TimelinePhase: String, Sendable {
    /// Activity travels from the inputs to the output.
    case forward
    /// The error travels back from the output to the inputs.
    case backward
    /// The weights move toward the next keyframe's.
    case ease
    /// The last keyframe's beat (and every beat after the session): nothing to ease to.
    case hold
}

/// Everything the picture needs to know about time at one frame.
public struct TimelineState: Sendable, Equatable {
    public let frame: Int
    public let keyframe: Int
    /// `keyframe + 1` while easing, else `keyframe`.
    public let nextKeyframe: Int
    public let example: Int
    public let phase: TimelinePhase
    /// 0…1 through the current phase.
    public let phaseProgress: Double
    /// 0…1, eased: how far the weights have moved from `keyframe`'s toward `nextKeyframe`'s.
    public let easeAmount: Double
    /// Whether the frame lies past the session's last beat.
    public let isSessionOver: Bool
}
