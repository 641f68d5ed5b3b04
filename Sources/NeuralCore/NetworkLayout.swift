/// Where each neuron and each parameter of a network lives in the flat arrays the core computes on.
///
/// Parameters are stored layer by layer: for connection layer `l` (from layer `l` to `l + 1`)
/// first its weights, row-major by receiving neuron (`weights[l][j][i]`, docs/DESIGN.md §5), then its
/// biases if the network has them. Neurons are stored layer by layer, inputs first.
public struct NetworkLayout: Sendable, Equatable {
    /// Neurons per layer, inputs first; at least two layers, each with at least one neuron.
    public let layerSizes: [Int]
    public let usesBias: Bool
    /// `neuronOffsets[l]` is the flat index of neuron 0 of layer `l`; the last entry is the total.
    public let neuronOffsets: [Int]
    /// `weightOffsets[l]` is the flat index of weight (j: 0, i: 0) of connection layer `l`.
    public let weightOffsets: [Int]
    /// `biasOffsets[l]` is the flat index of the bias of neuron 0 of layer `l + 1` (unused without biases).
    public let biasOffsets: [Int]
    public let parameterCount: Int

    /// Precondition: `layerSizes.count >= 2` and every size is positive (validated by callers
    /// that take user input: `ModelOptions.parseLayers` and `ModelFile.decode`).
    public init(layerSizes: [Int], usesBias: Bool) {
        precondition(layerSizes.count >= 2 && layerSizes.allSatisfy { $0 > 0 })
        self.layerSizes = layerSizes
        self.usesBias = usesBias
        var neuronOffsets = [0]
        for size in layerSizes { neuronOffsets.append(neuronOffsets.last! + size) }
        self.neuronOffsets = neuronOffsets
        var weightOffsets: [Int] = []
        var biasOffsets: [Int] = []
        var next = 0
        for l in 0..<(layerSizes.count - 1) {
            weightOffsets.append(next)
            next += layerSizes[l] * layerSizes[l + 1]
            biasOffsets.append(next)
            if usesBias { next += layerSizes[l + 1] }
        }
        self.weightOffsets = weightOffsets
        self.biasOffsets = biasOffsets
        self.parameterCount = next
    }

    /// Checks a user-given shape; returns a message naming what is wrong, or nil.
    public static func problem(with layerSizes: [Int]) -> String? {
        if layerSizes.count < 2 { return "a network needs at least an input and an output layer" }
        if let bad = layerSizes.first(where: { $0 < 1 }) { return "every layer needs at least one neuron (got \(bad))" }
        if let big = layerSizes.first(where: { $0 > 4096 }) { return "at most 4096 neurons per layer (got \(big))" }
        return nil
    }

    public var layerCount: Int { layerSizes.count }
    public var connectionLayerCount: Int { layerSizes.count - 1 }
    public var neuronCount: Int { neuronOffsets[layerSizes.count] }
    public var inputCount: Int { layerSizes[0] }
    public var outputCount: Int { layerSizes[layerSizes.count - 1] }
    /// The number of synapses (weights), biases excluded.
    public var weightCount: Int {
        (0..<connectionLayerCount).reduce(0) { $0 + layerSizes[$1] * layerSizes[$1 + 1] }
    }

    @inline(__always)
    public func neuronIndex(layer: Int, index: Int) -> Int { neuronOffsets[layer] + index }

    /// Flat index of the weight from neuron `i` of layer `layer` to neuron `j` of layer `layer + 1`.
    @inline(__always)
    public func weightIndex(layer: Int, to j: Int, from i: Int) -> Int {
        weightOffsets[layer] + j * layerSizes[layer] + i
    }

    /// Flat index of the bias of neuron `j` of layer `layer + 1`. Precondition: `usesBias`.
    @inline(__always)
    public func biasIndex(layer: Int, neuron j: Int) -> Int { biasOffsets[layer] + j }
}
