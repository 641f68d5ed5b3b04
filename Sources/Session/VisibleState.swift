import NeuralCore

/// What the eye sees of a network, reduced to numbers: the drawn width of every synapse and the
/// network's output for (up to 16 of) the training examples. The adaptive scheduler spaces
/// keyframes by the change of this state.
///
/// Contract: a synapse's drawn width is |w| / max|w| of the same picture (docs/DESIGN.md §1), so a
/// weight that grows with all the others does not count as change, but one that withers does;
/// outputs are what the output neuron's glow and label show. The change between two states is
/// the mean |Δ width| plus the mean |Δ output|, each in 0…1.
public struct VisibleState: Sendable {
    public static let sampledExamples = 16

    public let widths: [Double]
    public let outputs: [Double]

    public init(network: Network, dataSet: DataSet) {
        let layout = network.layout
        let largest = network.largestWeightMagnitude
        var widths: [Double] = []
        widths.reserveCapacity(layout.weightCount)
        for l in 0..<layout.connectionLayerCount {
            let start = layout.weightOffsets[l]
            for k in start..<(start + layout.layerSizes[l] * layout.layerSizes[l + 1]) {
                widths.append(largest > 0 ? abs(network.parameters[k]) / largest : 0)
            }
        }
        self.widths = widths
        let count = min(dataSet.count, VisibleState.sampledExamples)
        let stride = max(dataSet.count / max(count, 1), 1)
        var outputs: [Double] = []
        var trace = Trace(layout: layout)
        for s in 0..<count {
            network.forward(dataSet.input(s * stride), into: &trace)
            for k in 0..<layout.outputCount {
                let a = trace.activations[layout.neuronOffsets[layout.layerCount - 1] + k]
                outputs.append(network.activations.last!.displayLevel(a))
            }
        }
        self.outputs = outputs
    }

    /// The visible change from `other` to `self` (see the type's contract); 0 for equal states.
    public func change(from other: VisibleState) -> Double {
        func meanDifference(_ a: [Double], _ b: [Double]) -> Double {
            guard !a.isEmpty, a.count == b.count else { return 0 }
            var total = 0.0
            for k in a.indices { total += abs(a[k] - b[k]) }
            return total / Double(a.count)
        }
        let value = meanDifference(widths, other.widths) + meanDifference(outputs, other.outputs)
        return value.isFinite ? value : 0
    }
}
