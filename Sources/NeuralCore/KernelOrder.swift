/// The order the trainer keeps a network's parameters in for the single-example kernels
/// (`Kernels`, bound with `firstLayerByInput`): the layout's, except that the first connection
/// layer's weights are grouped by sending neuron — row i holds the weights out of input i, one
/// per neuron of layer 1 — the transpose of `NetworkLayout`'s rows by receiving neuron. (A
/// `Network`'s own passes, a few a frame, use the layout's order as it is: converting for each
/// would cost more than it saves.)
///
/// Why only the first: a forward pass in the layout's order forms four neurons' sums side by
/// side and must gather their weights from four rows, a weight or so a cycle; grouped by input,
/// it adds each input's contribution to a block of sums along memory. Grouping every layer so
/// was tried: the δs sent back, which run down the same weights the other way, then gathered
/// instead and nothing was won. The first layer sends no δ back (the inputs have none), and it
/// holds most of the weights of the wide networks (64-32-32-10: 2,048 of 3,392; 144-32-10:
/// 4,608 of 4,928).
extension NetworkLayout {
    /// `parameters` (this layout's order) in the kernels' order, into `out`.
    func kernelOrder(_ parameters: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        copyTransposingFirstLayer(parameters, into: out, rows: layerSizes[1], columns: layerSizes[0])
    }

    /// `parameters` in the kernels' order back in this layout's order, into `out`.
    func layoutOrder(_ parameters: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        copyTransposingFirstLayer(parameters, into: out, rows: layerSizes[0], columns: layerSizes[1])
    }

    /// Copies every parameter, the first layer's weights (`rows` × `columns`) transposed.
    private func copyTransposingFirstLayer(
        _ parameters: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, rows: Int, columns: Int
    ) {
        out.initialize(from: parameters, count: parameterCount)
        let from = parameters + weightOffsets[0], to = out + weightOffsets[0]
        for r in 0..<rows {
            for c in 0..<columns { to[c * rows + r] = from[r * columns + c] }
        }
    }

    /// `parameters` in the kernels' order, as an array.
    func kernelOrder(_ parameters: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: parameterCount)
        parameters.withUnsafeBufferPointer { from in
            out.withUnsafeMutableBufferPointer { kernelOrder(from.baseAddress!, into: $0.baseAddress!) }
        }
        return out
    }

    /// `parameters` in the kernels' order back in this layout's order, as an array.
    func layoutOrder(_ parameters: UnsafePointer<Double>) -> [Double] {
        var out = [Double](repeating: 0, count: parameterCount)
        out.withUnsafeMutableBufferPointer { layoutOrder(parameters, into: $0.baseAddress!) }
        return out
    }
}
