import NeuralCore

/// Where explain mode stands: the explanation, its stage and how far through it. The picture
/// is a pure function of this value, like everything else on screen.
public struct ExplainView: Sendable {
    public let explanation: Explanation
    /// Index into `explanation.stages`.
    public let stage: Int
    /// How far through the stage, 0…1.
    public let progress: Double

    public init(explanation: Explanation, stage: Int, progress: Double) {
        precondition(explanation.stages.indices.contains(stage))
        self.explanation = explanation
        self.stage = stage
        self.progress = min(max(progress, 0), 1)
    }

    /// The smallest window explain mode's cards fit: their formulas, even written small and
    /// broken after a comma, need about 460 px of width, and the update stage's list about 300 px
    /// of height. A smaller window gets a card saying so, the stage's neurons still lit.
    public static let smallestWindow = (width: 480, height: 360)

    public var current: Explanation.Stage { explanation.stages[stage] }

    /// The network drawn: as it was before the step, easing to the updated one through the
    /// update stage (the synapses' widths animate from old to new).
    public var network: Network {
        guard current == .update else { return explanation.step.before }
        let t = progress * progress * (3 - 2 * progress)
        var mixed = explanation.step.before
        let after = explanation.step.after.parameters
        for k in mixed.parameters.indices { mixed.parameters[k] += (after[k] - mixed.parameters[k]) * t }
        return mixed
    }
}

/// Explain mode's pace: how many frames each stage is shown, and which frame of which stage is
/// shown now. Advanced one frame per displayed frame; → and ← jump stages, + and − change the pace.
public struct ExplainCursor: Sendable, Equatable {
    public let stageCount: Int
    public private(set) var framesPerStage: Int
    /// Frames since the first stage began (the last stage holds once reached).
    public private(set) var frame = 0

    /// Frames per stage by default: 3 seconds at 60 fps, enough to read a card.
    public static let defaultFramesPerStage = 180
    public static let paceRange = 30...960

    public init(stageCount: Int, framesPerStage: Int = ExplainCursor.defaultFramesPerStage) {
        precondition(stageCount > 0)
        self.stageCount = stageCount
        self.framesPerStage = min(max(framesPerStage, Self.paceRange.lowerBound), Self.paceRange.upperBound)
    }

    public var stage: Int { min(frame / framesPerStage, stageCount - 1) }
    public var progress: Double {
        stage == stageCount - 1 && frame >= stageCount * framesPerStage
            ? 1 : Double(frame - stage * framesPerStage) / Double(framesPerStage)
    }
    /// Whether the last stage has been shown whole.
    public var isFinished: Bool { frame >= stageCount * framesPerStage }
    /// Frames the whole explanation takes at this pace.
    public var totalFrames: Int { stageCount * framesPerStage }

    public mutating func advance() { frame = min(frame + 1, totalFrames) }
    /// To the start of the next stage (or the end of the last).
    public mutating func next() { frame = min((stage + 1) * framesPerStage, totalFrames) }
    /// To the start of this stage, or of the one before when already near its start.
    public mutating func previous() {
        let start = stage * framesPerStage
        frame = frame - start > framesPerStage / 4 || stage == 0 ? start : (stage - 1) * framesPerStage
    }
    public mutating func jump(toStage s: Int) { frame = min(max(s, 0), stageCount - 1) * framesPerStage }
    /// Faster: fewer frames per stage, keeping the place in the current stage.
    public mutating func faster() { repace(framesPerStage * 2 / 3) }
    public mutating func slower() { repace(framesPerStage * 3 / 2) }

    private mutating func repace(_ frames: Int) {
        let (s, p) = (stage, progress)
        framesPerStage = min(max(frames, Self.paceRange.lowerBound), Self.paceRange.upperBound)
        frame = s * framesPerStage + Int(p * Double(framesPerStage))
    }
}
