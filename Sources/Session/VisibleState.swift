import NeuralCore

/// What the eye sees of a network, reduced to numbers: the size of every weight and the network's
/// output for (up to 16 of) the training examples. The adaptive scheduler spaces keyframes by the
/// change of this state.
///
/// Contract: a synapse is drawn |w| / S wide (in units of the widest line), S being the session's
/// weight scale (docs/DESIGN.md §1), so the change between two states is the mean |Δ|w|| / S plus
/// the mean |Δ output|, outputs being what the output neurons' glow and labels show. (The
/// hairline every synapse keeps at least is left out: it only hides changes among the weakest
/// weights.)
public struct VisibleState: Sendable {
    public static let sampledExamples = 16

    /// |w| of every weight, layer by layer.
    public let weightMagnitudes: [Double]
    public let outputs: [Double]

    public init(network: Network, dataSet: DataSet) {
        let layout = network.layout
        var magnitudes: [Double] = []
        magnitudes.reserveCapacity(layout.weightCount)
        for l in 0..<layout.connectionLayerCount {
            let start = layout.weightOffsets[l]
            for k in start..<(start + layout.layerSizes[l] * layout.layerSizes[l + 1]) {
                magnitudes.append(abs(network.parameters[k]))
            }
        }
        weightMagnitudes = magnitudes
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

    /// The strongest weight of the state (0 for an all-zero network).
    public var largestWeightMagnitude: Double { weightMagnitudes.max() ?? 0 }

    /// Mean |Δ|w|| from `other`, in weight units (divide by the scale for widths).
    public func weightChange(from other: VisibleState) -> Double {
        Self.meanDifference(weightMagnitudes, other.weightMagnitudes)
    }

    /// Mean |Δ output| from `other`, 0…1.
    public func outputChange(from other: VisibleState) -> Double { Self.meanDifference(outputs, other.outputs) }

    /// The visible change from `other` to `self` with synapses drawn on `scale` (see the type's
    /// contract); 0 for equal states.
    public func change(from other: VisibleState, scale: Double) -> Double {
        let widths = scale > 0 ? weightChange(from: other) / scale : 0
        let value = widths + outputChange(from: other)
        return value.isFinite ? value : 0
    }

    private static func meanDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard !a.isEmpty, a.count == b.count else { return 0 }
        var total = 0.0
        for k in a.indices { total += abs(a[k] - b[k]) }
        let mean = total / Double(a.count)
        return mean.isFinite ? mean : 0
    }
}
