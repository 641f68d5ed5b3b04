/// A multi-layer perceptron: its shape, its activations and its parameters. A value type, so a
/// copy is a snapshot (the playback keeps one per keyframe).
public struct Network: Sendable, Equatable {
    public let layout: NetworkLayout
    /// `activations[l]` is the activation of layer `l + 1` (inputs have none).
    public let activations: [Activation]
    /// Weights and biases, flat, in `layout` order.
    public var parameters: [Double]

    /// A network with the given parameters. Precondition: the counts agree with `layout`.
    public init(layout: NetworkLayout, activations: [Activation], parameters: [Double]) {
        precondition(activations.count == layout.connectionLayerCount)
        precondition(parameters.count == layout.parameterCount)
        self.layout = layout
        self.activations = activations
        self.parameters = parameters
    }

    /// A new network with weights drawn by `initialization` from a generator seeded with `seed`.
    /// Weights are drawn layer by layer, for each receiving neuron j, each sending neuron i — the
    /// order is part of the determinism contract.
    public init(
        layerSizes: [Int], hidden: Activation, output: Activation, usesBias: Bool,
        initialization: WeightInitialization = .uniform, seed: UInt64
    ) {
        let layout = NetworkLayout(layerSizes: layerSizes, usesBias: usesBias)
        var rng = SeededGenerator(seed: seed)
        var parameters = [Double](repeating: 0, count: layout.parameterCount)
        for l in 0..<layout.connectionLayerCount {
            let fanIn = layerSizes[l], fanOut = layerSizes[l + 1]
            for j in 0..<fanOut {
                for i in 0..<fanIn {
                    parameters[layout.weightIndex(layer: l, to: j, from: i)] =
                        initialization.sample(fanIn: fanIn, fanOut: fanOut, using: &rng)
                }
            }
        }
        let activations = (0..<layout.connectionLayerCount).map {
            $0 == layout.connectionLayerCount - 1 ? output : hidden
        }
        self.init(layout: layout, activations: activations, parameters: parameters)
    }

    public func weight(layer: Int, to j: Int, from i: Int) -> Double {
        parameters[layout.weightIndex(layer: layer, to: j, from: i)]
    }

    /// The weights into neuron `j` of layer `layer + 1`, from each neuron of layer `layer` in
    /// order: `incomingWeights(layer: l, neuron: j)[i]` (indexed from the slice's start) is
    /// `weight(layer: l, to: j, from: i)`.
    public func incomingWeights(layer: Int, neuron j: Int) -> ArraySlice<Double> {
        let start = layout.weightIndex(layer: layer, to: j, from: 0)
        return parameters[start..<(start + layout.layerSizes[layer])]
    }

    /// The bias of neuron `j` of layer `layer + 1`, or nil when the network has no biases.
    public func bias(layer: Int, neuron j: Int) -> Double? {
        layout.usesBias ? parameters[layout.biasIndex(layer: layer, neuron: j)] : nil
    }

    /// The largest |weight| of the network (biases excluded); 0 for an all-zero network.
    public var largestWeightMagnitude: Double {
        var largest = 0.0
        for l in 0..<layout.connectionLayerCount {
            let start = layout.weightOffsets[l]
            for k in start..<(start + layout.layerSizes[l] * layout.layerSizes[l + 1]) {
                largest = max(largest, abs(parameters[k]))
            }
        }
        return largest
    }

    /// Whether every parameter is a finite number.
    public var isFinite: Bool { parameters.allSatisfy { $0.isFinite } }

    /// The network's outputs for `input` (forward pass only).
    public func predict(_ input: [Double]) -> [Double] {
        precondition(input.count == layout.inputCount)
        var trace = Trace(layout: layout)
        forward(input, into: &trace)
        return trace.outputs
    }

    /// Runs the forward pass for `input`, filling `trace`'s sums and activations.
    public func forward(_ input: [Double], into trace: inout Trace) {
        precondition(input.count == layout.inputCount && trace.layout == layout)
        parameters.withUnsafeBufferPointer { params in
            input.withUnsafeBufferPointer { inputs in
                trace.withBuffers { sums, acts, deltas, _ in
                    withKernelLayers(parameters: params.baseAddress!, sums: sums, acts: acts, deltas: deltas) {
                        layers in
                        Kernels.forward(layers, input: inputs.baseAddress!)
                    }
                }
            }
        }
    }

    /// Every neuron's activation for many inputs at once: `inputs` holds them one after another
    /// (`layout.inputCount` values each); the result holds `layout.neuronCount` activations per
    /// input, in the same order (inputs first). One set-up for the whole batch, so a decision
    /// map's thousands of points cost little more than their arithmetic.
    public func activations(forInputs inputs: [Double]) -> [Double] {
        let n = layout.inputCount, neurons = layout.neuronCount
        precondition(inputs.count % n == 0)
        let count = inputs.count / n
        var result = [Double](repeating: 0, count: count * neurons)
        // One pass's buffers, bound once; each input's activations are then copied out.
        var sums = [Double](repeating: 0, count: neurons)
        var acts = sums, deltas = sums
        parameters.withUnsafeBufferPointer { params in
            inputs.withUnsafeBufferPointer { points in
                sums.withUnsafeMutableBufferPointer { sums in
                    acts.withUnsafeMutableBufferPointer { acts in
                        deltas.withUnsafeMutableBufferPointer { deltas in
                            result.withUnsafeMutableBufferPointer { out in
                                withKernelLayers(
                                    parameters: params.baseAddress!, sums: sums.baseAddress!, acts: acts.baseAddress!,
                                    deltas: deltas.baseAddress!
                                ) { layers in
                                    for k in 0..<count {
                                        Kernels.forward(layers, input: points.baseAddress! + k * n)
                                        (out.baseAddress! + k * neurons).update(from: acts.baseAddress!, count: neurons)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// A full forward and backward pass for one example, without changing the network: the trace
    /// holds every value the picture shows (sums, activations, deltas, gradients, loss).
    public func trace(input: [Double], target: [Double], loss: Loss) -> Trace {
        precondition(target.count == layout.outputCount)
        var trace = Trace(layout: layout)
        forward(input, into: &trace)
        let exampleLoss = parameters.withUnsafeBufferPointer { params in
            target.withUnsafeBufferPointer { targets in
                trace.withBuffers { sums, acts, deltas, grads in
                    withKernelLayers(parameters: params.baseAddress!, sums: sums, acts: acts, deltas: deltas) {
                        layers in
                        Kernels.backward(layers, loss: loss, target: targets.baseAddress!, gradients: .store(grads))
                    }
                }
            }
        }
        trace.loss = exampleLoss
        return trace
    }

    /// The mean per-example loss over `dataSet` at the current parameters.
    public func meanLoss(on dataSet: DataSet, loss: Loss) -> Double {
        guard dataSet.count > 0 else { return 0 }
        let n = layout.outputCount
        var total = 0.0
        dataSet.targets.withUnsafeBufferPointer { targets in
            forEachOutput(on: dataSet) { e, outputs in
                for k in 0..<n { total += loss.value(output: outputs[k], target: targets[e * n + k]) }
            }
        }
        return total / Double(dataSet.count)
    }
}
