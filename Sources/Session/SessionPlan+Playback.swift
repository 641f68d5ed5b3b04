import Playback

extension SessionPlan {
    /// How many keyframes the session will show (before the scheduler has run, for the timeline).
    public var keyframeCount: Int {
        let possible = iterations + 1
        return schedule.mode == .milo
            ? min(Scheduler.miloMoments.count + 1, possible) : min(schedule.keyframes, possible)
    }

    /// Example-parameter steps a first pass over the trajectory may cost before the session is
    /// decided online instead (about half a second of training here).
    public static let twoPassBudget = 50_000_000.0

    /// Whether the session is decided as the trainer goes, in one pass (large sessions): the
    /// adaptive keyframes and the weight scale (the strongest weight so far). Small sessions take
    /// a first pass over the whole trajectory instead: exact, and ready in a moment.
    public var decidesKeyframesOnline: Bool {
        Double(iterations) * Double(dataSet.count) * Double(initialNetwork.layout.parameterCount)
            > SessionPlan.twoPassBudget
    }

    public var timeline: Timeline {
        Timeline(keyframeCount: keyframeCount, beat: schedule.beat, exampleCount: dataSet.count)
    }
}

extension SessionProgress {
    /// The last frame the picture can show with what has been trained so far: a keyframe's beat
    /// can be shown up to its ease only once the next keyframe exists. Unlimited once finished
    /// (after a divergence: the last finite keyframe's beat). Frame 0 while the weight scale is
    /// still provisional.
    public func frameLimit(timeline: Timeline) -> Int {
        let ready = readyKeyframeCount
        if isWeightScaleProvisional { return 0 }
        if isFinished && divergedAtIteration == nil { return Int.max / 4 }
        if ready == 0 { return 0 }
        if isFinished { return ready * timeline.beat - 1 }
        return (ready - 1) * timeline.beat + max(timeline.easeBegins - 1, 0)
    }
}
