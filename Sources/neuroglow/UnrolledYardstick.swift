import Glibc
import NeuralCore

/// The logistic sigmoid a yardstick runs on.
protocol YardstickSigmoid {
    static func sigmoid(_ z: Double) -> Double
}

/// The core's own sigmoid (`Exponential`), the trainer's: the yardstick then reaches the
/// trainer's weights bit for bit.
enum CoreSigmoid: YardstickSigmoid {
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double { Exponential.sigmoid(z) }
}

/// 1 / (1 + e^−z) with the C library's `exp`, the one the core used until 2026-12-02 (so also when
/// #18 measured a hand-unrolled loop at 21 M example-steps/s): its chain of dependent steps is
/// shorter than the core's e^x, which matters in a loop that waits on one sigmoid after another.
/// Its weights differ from the trainer's in the last bits.
enum LibrarySigmoid: YardstickSigmoid {
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
}

/// The default session's training written out by hand for exactly its shape: 3-4-1, sigmoid,
/// mean squared error, no biases, plain SGD one example at a time. It is the limit `Trainer`'s
/// general loops are measured against (`neuroglow bench`), not a second trainer: nothing else
/// uses it. With `CoreSigmoid` it performs the trainer's arithmetic in the trainer's order, so
/// both reach the same weights bit for bit; bench checks that, so the two are known to do the
/// same work.
enum UnrolledYardstick<Sigmoid: YardstickSigmoid> {
    /// `network`'s parameters after `passes` passes over `data` (which must be 3 → 1) at `rate`.
    static func train(_ network: Network, on data: DataSet, rate: Double, passes: Int) -> [Double] {
        precondition(network.layout.layerSizes == [3, 4, 1] && !network.layout.usesBias)
        var w = network.parameters
        let x = data.inputs, y = data.targets, count = data.count
        w.withUnsafeMutableBufferPointer { w in
            for _ in 0..<passes {
                for e in 0..<count {
                    let x0 = x[3 * e], x1 = x[3 * e + 1], x2 = x[3 * e + 2]
                    let h0 = Sigmoid.sigmoid(0 + w[0] * x0 + w[1] * x1 + w[2] * x2)
                    let h1 = Sigmoid.sigmoid(0 + w[3] * x0 + w[4] * x1 + w[5] * x2)
                    let h2 = Sigmoid.sigmoid(0 + w[6] * x0 + w[7] * x1 + w[8] * x2)
                    let h3 = Sigmoid.sigmoid(0 + w[9] * x0 + w[10] * x1 + w[11] * x2)
                    let o = Sigmoid.sigmoid(0 + w[12] * h0 + w[13] * h1 + w[14] * h2 + w[15] * h3)
                    let d = (o - y[e]) * (o * (1 - o))
                    let d0 = (0 + w[12] * d) * (h0 * (1 - h0)), d1 = (0 + w[13] * d) * (h1 * (1 - h1))
                    let d2 = (0 + w[14] * d) * (h2 * (1 - h2)), d3 = (0 + w[15] * d) * (h3 * (1 - h3))
                    w[12] -= rate * (d * h0)
                    w[13] -= rate * (d * h1)
                    w[14] -= rate * (d * h2)
                    w[15] -= rate * (d * h3)
                    w[0] -= rate * (d0 * x0)
                    w[1] -= rate * (d0 * x1)
                    w[2] -= rate * (d0 * x2)
                    w[3] -= rate * (d1 * x0)
                    w[4] -= rate * (d1 * x1)
                    w[5] -= rate * (d1 * x2)
                    w[6] -= rate * (d2 * x0)
                    w[7] -= rate * (d2 * x1)
                    w[8] -= rate * (d2 * x2)
                    w[9] -= rate * (d3 * x0)
                    w[10] -= rate * (d3 * x1)
                    w[11] -= rate * (d3 * x2)
                }
            }
        }
        return w
    }
}
