import NeuralCore

/// A consistent copy of what a running session has produced so far; cheap to take every frame
/// (its lists are shared, and the per-keyframe ones grow without copying: `AppendOnlyList`).
public struct SessionProgress: Sendable {
    /// The keyframe iterations, once the scheduler has decided them (adaptive needs a first pass).
    public var keyframeIterations: [Int]?
    /// Networks at the keyframes reached so far, in order: `keyframes[k]` is after `keyframeIterations[k]`.
    public var keyframes: AppendOnlyList<Network> = []
    /// Mean loss over the data set at each reached keyframe.
    public var keyframeLosses: AppendOnlyList<Double> = []
    /// Mean loss over the test part at each reached keyframe (empty without a test part).
    public var keyframeTestLosses: AppendOnlyList<Double> = []
    /// Share of the test part classified right at each reached keyframe (empty without a test
    /// part, or for regression).
    public var keyframeTestAccuracies: AppendOnlyList<Double> = []
    /// Visible change from the previous keyframe (0 for the first).
    public var keyframeChanges: AppendOnlyList<Double> = []
    /// The session's weight scale at each reached keyframe: the |w| drawn at full width
    /// (docs/DESIGN.md §1). Sessions trained in two passes know the strongest weight of the whole
    /// session, so every entry is that; sessions decided online use the strongest weight reached
    /// up to the keyframe (non-decreasing), and the picture eases between neighbours.
    public var keyframeWeightScales: AppendOnlyList<Double> = []
    /// Whether the scale is not known yet (a first pass is still running): keyframe 0 is drawn in
    /// hairlines meanwhile, and nothing is recorded.
    public var isWeightScaleProvisional = false
    /// (iteration, average loss of that iteration) samples for the loss curve, log-spaced.
    public var lossCurve: [LossSample] = []
    /// The iteration the trainer has reached (in its final pass).
    public var trainerIteration = 0
    /// The iteration at which the loss or a weight stopped being finite, if it did.
    public var divergedAtIteration: Int? = nil
    /// Whether the trainer has finished (all keyframes reached, or diverged).
    public var isFinished = false

    public init() {}

    public var readyKeyframeCount: Int { keyframes.count }
}

public struct LossSample: Sendable, Equatable {
    public let iteration: Int
    public let loss: Double

    public init(iteration: Int, loss: Double) {
        self.iteration = iteration
        self.loss = loss
    }
}
