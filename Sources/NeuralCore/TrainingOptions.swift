/// How a trainer steps: plain SGD with optional momentum and mini-batches.
public struct TrainingOptions: Sendable, Equatable {
    public var loss: Loss
    public var learningRate: Double
    public var momentum: Double
    /// Examples per weight update; 1 updates after every example (the video's default).
    public var batchSize: Int
    /// Whether each iteration visits the examples in a new seeded order instead of the set's order.
    public var shuffle: Bool
    /// Seeds the shuffling (the network's initial weights are seeded separately, by `Network.init`).
    public var seed: UInt64

    public init(
        loss: Loss = .mse, learningRate: Double = 1, momentum: Double = 0, batchSize: Int = 1,
        shuffle: Bool = false, seed: UInt64 = 1
    ) {
        self.loss = loss
        self.learningRate = learningRate
        self.momentum = momentum
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
    }
}
