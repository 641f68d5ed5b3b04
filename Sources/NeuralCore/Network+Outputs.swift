extension Network {
    /// How many examples `forEachOutput` passes forward at a time.
    static let outputBatch = 32

    /// Calls `body(e, outputs)` for every example e of `dataSet`, in order, with `outputs` holding
    /// the network's `layout.outputCount` outputs for that example (valid during the call only).
    /// The forward passes run a batch of examples at a time (`BatchKernels`): the numbers of
    /// `forward`, bit for bit, at a fraction of the cost of one example at a time — the loss curve
    /// and every keyframe's losses pass over the whole data set. Precondition: the set's inputs
    /// fit the network.
    func forEachOutput(on dataSet: DataSet, _ body: (Int, UnsafePointer<Double>) -> Void) {
        precondition(dataSet.inputCount == layout.inputCount)
        let total = dataSet.count
        guard total > 0 else { return }
        let batch = min(Self.outputBatch, total)
        let shapeMemory = KernelShapeMemory(layout: layout, activations: activations)
        // The shape points into shapeMemory: keep it alive past the last batch, not only to the
        // last mention of it.
        defer { withExtendedLifetime(shapeMemory) {} }
        let shape = shapeMemory.shape
        let neurons = layout.neuronCount, outputCount = layout.outputCount, widest = layout.layerSizes.max()!
        let firstOutput = layout.neuronOffsets[layout.layerCount - 1]
        let room = UnsafeMutablePointer<Double>.allocate(capacity: 2 * neurons * batch + widest + outputCount)
        let examples = UnsafeMutablePointer<Int>.allocate(capacity: batch)
        defer {
            room.deallocate()
            examples.deallocate()
        }
        let sums = room, acts = sums + neurons * batch, scratch = acts + neurons * batch, outputs = scratch + widest
        parameters.withUnsafeBufferPointer { parameters in
            dataSet.inputs.withUnsafeBufferPointer { inputs in
                var start = 0
                while start < total {
                    let count = min(batch, total - start)
                    for e in 0..<count { examples[e] = start + e }
                    BatchKernels.forward(
                        shape: shape, parameters: parameters.baseAddress!, inputs: inputs.baseAddress!,
                        examples: examples, count: count, sums: sums, acts: acts, scratch: scratch)
                    for e in 0..<count {
                        // The batch holds neuron n of example e at n * count + e.
                        for k in 0..<outputCount { outputs[k] = acts[(firstOutput + k) * count + e] }
                        body(start + e, outputs)
                    }
                    start += count
                }
            }
        }
    }
}
