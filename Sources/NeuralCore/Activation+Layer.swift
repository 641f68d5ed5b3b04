/// Whole-layer forms of `Activation`, for the kernels: the function is chosen once per layer
/// rather than once per neuron, so each case's loop is straight arithmetic the compiler can
/// unroll and vectorise. Each gives exactly what `value` and `derivative` give per neuron.
extension Activation {
    /// Fills `acts[0..<count]` with f(`sums`); softmax normalises across the layer.
    @inline(__always)
    func activate(_ sums: UnsafePointer<Double>, into acts: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .sigmoid: for j in 0..<count { acts[j] = Exponential.sigmoid(sums[j]) }
        case .tanh: for j in 0..<count { acts[j] = Exponential.tanh(sums[j]) }
        case .relu: for j in 0..<count { acts[j] = Activation.relu.value(sums[j]) }
        case .linear: for j in 0..<count { acts[j] = sums[j] }
        case .softmax:
            for j in 0..<count { acts[j] = sums[j] }
            Activation.softmax(UnsafeMutableBufferPointer(start: acts, count: count))
        }
    }

    /// Multiplies `deltas[i]` by f′ at neuron i (`sums`, `acts`) for `count` neurons.
    @inline(__always)
    func multiplyByDerivative(
        _ deltas: UnsafeMutablePointer<Double>, sums: UnsafePointer<Double>, acts: UnsafePointer<Double>, count: Int
    ) {
        switch self {
        case .sigmoid:
            for i in 0..<count { deltas[i] *= Activation.sigmoid.derivative(z: sums[i], a: acts[i]) }
        case .tanh:
            for i in 0..<count { deltas[i] *= Activation.tanh.derivative(z: sums[i], a: acts[i]) }
        case .relu:
            for i in 0..<count { deltas[i] *= Activation.relu.derivative(z: sums[i], a: acts[i]) }
        case .linear, .softmax:
            // f′ = 1 (softmax never sits on a hidden layer).
            break
        }
    }
}
