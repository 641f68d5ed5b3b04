import Testing

@testable import NeuralCore

/// The trainer's kernel order (the first layer's weights grouped by input, `KernelOrder`) must
/// give the numbers of the layout's order bit for bit: the same sums, activations, δs and
/// gradients for one example.
struct KernelOrderTests {
    @Test(arguments: [[3, 4, 1], [2, 16, 16, 1], [20, 17, 9, 3], [7, 1, 2]])
    func firstLayerByInputGivesTheLayoutsNumbers(shape: [Int]) {
        let network = Network(layerSizes: shape, hidden: .tanh, output: .sigmoid, usesBias: true, seed: 3)
        let layout = network.layout
        var rng = SeededGenerator(seed: 11)
        let input = (0..<shape[0]).map { _ in rng.nextUniform(-1, 1) }
        let target = (0..<shape.last!).map { _ in rng.nextUnit() }
        let expected = network.trace(input: input, target: target, loss: .mse)

        let ordered = layout.kernelOrder(network.parameters)
        #expect(ordered.withUnsafeBufferPointer { layout.layoutOrder($0.baseAddress!) } == network.parameters)
        var trace = Trace(layout: layout)
        var gradients = [Double](repeating: 0, count: layout.parameterCount)
        let loss = ordered.withUnsafeBufferPointer { parameters in
            trace.withBuffers { sums, acts, deltas, _ in
                withUnsafeTemporaryAllocation(of: KernelLayer.self, capacity: shape.count - 1) { buffer in
                    KernelLayer.bind(
                        layout, firstLayerByInput: true, activations: network.activations,
                        parameters: parameters.baseAddress!, sums: sums, acts: acts, deltas: deltas,
                        into: buffer.baseAddress!)
                    let layers = KernelLayers(layers: buffer.baseAddress!, count: shape.count - 1)
                    return input.withUnsafeBufferPointer { inputs in
                        target.withUnsafeBufferPointer { targets in
                            gradients.withUnsafeMutableBufferPointer { g in
                                Kernels.forward(layers, input: inputs.baseAddress!)
                                return Kernels.backward(
                                    layers, loss: .mse, target: targets.baseAddress!, gradients: .store(g.baseAddress!))
                            }
                        }
                    }
                }
            }
        }
        #expect(loss == expected.loss)
        #expect(trace.sums == expected.sums && trace.activations == expected.activations)
        #expect(trace.deltas == expected.deltas)
        #expect(gradients.withUnsafeBufferPointer { layout.layoutOrder($0.baseAddress!) } == expected.gradients)
    }
}
