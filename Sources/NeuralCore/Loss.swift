/// The loss of one example, summed over the output neurons.
///
/// - `mse`: ½ Σ (y − o)²  (docs/DESIGN.md §5; its gradient is o − y, as in the video's program)
/// - `bce`: −Σ [y log o + (1 − y) log(1 − o)], for sigmoid outputs
/// - `ce`:  −Σ y log o, for softmax outputs
public enum Loss: String, CaseIterable, Sendable, Codable {
    case mse, bce, ce

    /// Probabilities are clamped this far from 0 and 1 when a log is taken, so a saturated
    /// output gives a large finite loss rather than infinity.
    static let probabilityFloor = 1e-12

    /// The output activations this loss is defined for.
    public var allowedOutputActivations: [Activation] {
        switch self {
        case .mse: return Activation.outputChoices
        case .bce: return [.sigmoid]
        case .ce: return [.softmax]
        }
    }

    /// The loss of output `o` against target `y` for one neuron (ce and bce: its term of the sum).
    @inline(__always)
    public func value(output o: Double, target y: Double) -> Double {
        switch self {
        case .mse:
            let d = y - o
            return 0.5 * d * d
        case .bce:
            let p = min(max(o, Loss.probabilityFloor), 1 - Loss.probabilityFloor)
            return -(y * _log(p) + (1 - y) * _log(1 - p))
        case .ce:
            return y == 0 ? 0 : -y * _log(max(o, Loss.probabilityFloor))
        }
    }

    /// ∂loss/∂o for one neuron.
    @inline(__always)
    public func gradient(output o: Double, target y: Double) -> Double {
        switch self {
        case .mse:
            return o - y
        case .bce:
            let p = min(max(o, Loss.probabilityFloor), 1 - Loss.probabilityFloor)
            return (p - y) / (p * (1 - p))
        case .ce:
            return y == 0 ? 0 : -y / max(o, Loss.probabilityFloor)
        }
    }
}
