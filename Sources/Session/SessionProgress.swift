import NeuralCore

/// A consistent copy of what a running session has produced so far; cheap to take every frame
/// (the arrays are shared, not copied, until the session appends to them).
public struct SessionProgress: Sendable {
    /// The keyframe iterations, once the scheduler has decided them (adaptive needs a first pass).
    public var keyframeIterations: [Int]?
    /// Networks at the keyframes reached so far, in order: `keyframes[k]` is after `keyframeIterations[k]`.
    public var keyframes: [Network] = []
    /// Mean loss over the data set at each reached keyframe.
    public var keyframeLosses: [Double] = []
    /// Visible change from the previous keyframe (0 for the first).
    public var keyframeChanges: [Double] = []
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
}
