/// A neuron's activation function, applied to its weighted sum `z`.
///
/// `sigmoid`, `tanh`, `relu` and `linear` work per neuron and may be used in any layer;
/// `softmax` couples the neurons of a layer and is allowed only on the output layer.
public enum Activation: String, CaseIterable, Sendable, Codable {
    case sigmoid, tanh, relu, linear, softmax

    /// The activations allowed on hidden layers.
    public static let hiddenChoices: [Activation] = [.sigmoid, .tanh, .relu, .linear]
    /// The activations allowed on the output layer.
    public static let outputChoices: [Activation] = [.sigmoid, .linear, .softmax]

    /// f(z) for an element-wise activation.
    @inline(__always)
    public func value(_ z: Double) -> Double {
        switch self {
        case .sigmoid: return Exponential.sigmoid(z)
        case .tanh: return Exponential.tanh(z)
        case .relu: return z > 0 ? z : 0
        case .linear, .softmax: return z
        }
    }

    /// f'(z), written in terms of the activation `a = f(z)` where that is cheaper.
    @inline(__always)
    public func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .linear, .softmax: return 1
        }
    }

    /// Maps an activation to 0…1 for display only: sigmoid and softmax as they are, tanh by |a|,
    /// ReLU and linear squashed by a/(1+|a|) on |a|.
    public func displayLevel(_ a: Double) -> Double {
        guard a.isFinite else { return 0 }
        switch self {
        case .sigmoid, .softmax: return min(max(a, 0), 1)
        case .tanh: return min(abs(a), 1)
        case .relu, .linear: return abs(a) / (1 + abs(a))
        }
    }

    /// Applies softmax in place to `values` (numerically stable: shifted by the maximum).
    static func softmax(_ values: UnsafeMutableBufferPointer<Double>) {
        var largest = -Double.infinity
        for v in values where v > largest { largest = v }
        for i in values.indices { values[i] = Exponential.value(values[i] - largest) }
        var total = 0.0
        for v in values { total += v }
        for i in values.indices { values[i] /= total }
    }
}
