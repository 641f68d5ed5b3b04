/// One connection layer as the single-example kernels see it, bound to the buffers one pass works
/// in: its two layers' sizes, its weights and biases, where both layers' sums, activations and
/// deltas live, and its activation functions. Worked out once (the trainer binds its layers once
/// for its lifetime), so the per-example loop reads ready pointers instead of recomputing them
/// from the layout's offsets for every layer of every example.
struct KernelLayer {
    /// Neurons in layer `l` (the inputs of this connection layer) and in layer `l + 1`.
    let inCount: Int, outCount: Int
    /// Row j holds the weights into neuron j of layer `l + 1`; when `byInput` (the trainer's
    /// first layer), row i holds the weights out of neuron i of layer `l` (`KernelOrder`).
    let byInput: Bool
    let weights: UnsafePointer<Double>
    /// Nil for a network without biases.
    let biases: UnsafePointer<Double>?
    /// Where this layer's weights and biases sit among the parameters, for buffers laid out like
    /// them (gradients, a batch's sums).
    let weightOffset: Int, biasOffset: Int
    let inSums: UnsafeMutablePointer<Double>, inActs: UnsafeMutablePointer<Double>
    let inDeltas: UnsafeMutablePointer<Double>
    let outSums: UnsafeMutablePointer<Double>, outActs: UnsafeMutablePointer<Double>
    let outDeltas: UnsafeMutablePointer<Double>
    /// The activation of layer `l + 1`.
    let function: Activation
    /// The activation of layer `l`, whose δs this layer sends back; nil for the input layer,
    /// which has none.
    let inFunction: Activation?

    /// Fills `layers[0..<layout.layerCount - 1]` with `layout`'s connection layers bound to these
    /// buffers (`parameters` laid out by the layout, in `KernelOrder` when `firstLayerByInput`;
    /// `sums`, `acts` and `deltas` one value per neuron).
    static func bind(
        _ layout: NetworkLayout, firstLayerByInput: Bool, activations: [Activation], parameters: UnsafePointer<Double>,
        sums: UnsafeMutablePointer<Double>, acts: UnsafeMutablePointer<Double>, deltas: UnsafeMutablePointer<Double>,
        into layers: UnsafeMutablePointer<KernelLayer>
    ) {
        for l in 0..<(layout.layerCount - 1) {
            let from = layout.neuronOffsets[l], to = layout.neuronOffsets[l + 1]
            layers[l] = KernelLayer(
                inCount: layout.layerSizes[l], outCount: layout.layerSizes[l + 1], byInput: firstLayerByInput && l == 0,
                weights: parameters + layout.weightOffsets[l],
                biases: layout.usesBias ? parameters + layout.biasOffsets[l] : nil,
                weightOffset: layout.weightOffsets[l], biasOffset: layout.biasOffsets[l],
                inSums: sums + from, inActs: acts + from, inDeltas: deltas + from,
                outSums: sums + to, outActs: acts + to, outDeltas: deltas + to,
                function: activations[l], inFunction: l == 0 ? nil : activations[l - 1])
        }
    }
}

/// A network's connection layers bound to buffers (`KernelLayer`), as the kernels take them.
struct KernelLayers {
    let layers: UnsafePointer<KernelLayer>
    let count: Int

    var first: KernelLayer { layers[0] }
    var last: KernelLayer { layers[count - 1] }
}

extension Network {
    /// Calls `body` with this network's layers bound to `parameters` (the layout's order) and the
    /// given per-neuron buffers, valid for the call.
    func withKernelLayers<R>(
        parameters: UnsafePointer<Double>, sums: UnsafeMutablePointer<Double>, acts: UnsafeMutablePointer<Double>,
        deltas: UnsafeMutablePointer<Double>, _ body: (KernelLayers) throws -> R
    ) rethrows -> R {
        let count = layout.layerCount - 1
        return try withUnsafeTemporaryAllocation(of: KernelLayer.self, capacity: count) { buffer in
            let layers = buffer.baseAddress!
            KernelLayer.bind(
                layout, firstLayerByInput: false, activations: activations, parameters: parameters, sums: sums,
                acts: acts, deltas: deltas, into: layers)
            return try body(KernelLayers(layers: layers, count: count))
        }
    }
}
