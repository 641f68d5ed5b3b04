/// Every intermediate value of one example's pass through a network: what the picture shows.
///
/// Indexed like `NetworkLayout`: neurons flat, inputs first (an input neuron's sum and activation
/// are the input itself, its delta is 0); gradients in parameter order. After a forward pass only
/// `sums` and `activations` are meaningful; after a backward pass all of it is.
public struct Trace: Sendable, Equatable {
    public let layout: NetworkLayout
    public var sums: [Double]
    public var activations: [Double]
    /// ∂loss/∂sum for each neuron (the error term, δ).
    public var deltas: [Double]
    /// ∂loss/∂parameter for this example, in parameter order.
    public var gradients: [Double]
    /// This example's loss.
    public var loss: Double = 0

    public init(layout: NetworkLayout) {
        self.layout = layout
        sums = [Double](repeating: 0, count: layout.neuronCount)
        activations = sums
        deltas = sums
        gradients = [Double](repeating: 0, count: layout.parameterCount)
    }

    public func activation(layer: Int, index: Int) -> Double {
        activations[layout.neuronIndex(layer: layer, index: index)]
    }
    public func sum(layer: Int, index: Int) -> Double { sums[layout.neuronIndex(layer: layer, index: index)] }
    public func delta(layer: Int, index: Int) -> Double { deltas[layout.neuronIndex(layer: layer, index: index)] }

    /// The output layer's activations.
    public var outputs: [Double] {
        Array(activations[layout.neuronOffsets[layout.layerCount - 1]..<layout.neuronCount])
    }

    mutating func withBuffers<R>(
        _ body: (
            UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
            UnsafeMutablePointer<Double>
        ) -> R
    ) -> R {
        sums.withUnsafeMutableBufferPointer { s in
            activations.withUnsafeMutableBufferPointer { a in
                deltas.withUnsafeMutableBufferPointer { d in
                    gradients.withUnsafeMutableBufferPointer { g in
                        body(s.baseAddress!, a.baseAddress!, d.baseAddress!, g.baseAddress!)
                    }
                }
            }
        }
    }
}
