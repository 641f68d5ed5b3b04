/// A neuron: its layer (0 = inputs) and its index in the layer.
public struct NeuronID: Sendable, Equatable, Hashable {
    public let layer: Int
    public let index: Int
    public init(layer: Int, index: Int) { self.layer = layer; self.index = index }
}

/// A synapse from neuron `from` of layer `layer` to neuron `to` of layer `layer + 1`.
public struct SynapseID: Sendable, Equatable, Hashable {
    public let layer: Int
    public let from: Int
    public let to: Int
}
