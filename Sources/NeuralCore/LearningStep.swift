/// One step of plain SGD on one example (batch size 1, no momentum), with every number of it:
/// what explain mode shows. The step is the trainer's own arithmetic — the same kernels and
/// `p −= η · ∂L/∂p` — so `after` holds exactly the parameters `Trainer` reaches from `before`
/// with one example, batch size 1 and no momentum.
public struct LearningStep: Sendable {
    public let before: Network
    public let after: Network
    public let input: [Double]
    public let target: [Double]
    public let loss: Loss
    /// η.
    public let learningRate: Double
    /// The forward and backward pass at `before`: sums, activations, deltas, gradients, loss.
    public let trace: Trace
    /// The outputs `after` gives for the same input.
    public let newOutputs: [Double]

    public init(network: Network, input: [Double], target: [Double], loss: Loss, learningRate: Double) {
        before = network
        self.input = input
        self.target = target
        self.loss = loss
        self.learningRate = learningRate
        trace = network.trace(input: input, target: target, loss: loss)
        var updated = network
        for k in updated.parameters.indices { updated.parameters[k] -= learningRate * trace.gradients[k] }
        after = updated
        newOutputs = updated.predict(input)
    }

    /// Δw = −η · δ_j · a_i for the weight into neuron `j` of layer `layer + 1` from neuron `i` of `layer`.
    public func weightChange(layer: Int, to j: Int, from i: Int) -> Double {
        after.weight(layer: layer, to: j, from: i) - before.weight(layer: layer, to: j, from: i)
    }

    /// Δb = −η · δ_j, or nil without biases.
    public func biasChange(layer: Int, neuron j: Int) -> Double? {
        guard let old = before.bias(layer: layer, neuron: j), let new = after.bias(layer: layer, neuron: j) else {
            return nil
        }
        return new - old
    }
}
