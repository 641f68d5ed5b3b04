extension Trainer {
    /// The floating-point multiplies and adds an example step spends on the network's weights and
    /// biases, as the trainer's kernels perform them: 2 per weight forward (the sum starts at the
    /// bias), 2 per weight of every layer above the first for the δs sent back, and then either
    /// the step taken at once (batch size 1 without momentum: `p −= η · (δ · a)`, 3 per weight,
    /// 2 per bias) or the gradient summed (2 per weight, 1 per bias) and every parameter's step
    /// `v = μ · v − (η / n) · Σ; p += v` (4 each) shared by the batch's examples.
    ///
    /// Activations, their derivatives and the loss are left out: this is the part that is
    /// multiply-add work, the figure to hold against the processor's arithmetic peak.
    public static func weightArithmeticPerExample(layout: NetworkLayout, options: TrainingOptions) -> Double {
        let weights = Double(layout.weightCount)
        let biases = Double(layout.usesBias ? layout.neuronCount - layout.inputCount : 0)
        let upperWeights = weights - Double(layout.layerSizes[0] * layout.layerSizes[1])
        let passes = 2 * weights + 2 * upperWeights
        if options.batchSize == 1 && options.momentum == 0 { return passes + 3 * weights + 2 * biases }
        return passes + 2 * weights + biases + 4 * Double(layout.parameterCount) / Double(options.batchSize)
    }
}
