/// A network's layout and activations as raw pointers, for the mini-batch kernels
/// (`BatchKernels`): passing the arrays themselves cost retain/release and bounds checks on every
/// step.
struct KernelShape {
    let layerCount: Int
    let sizes: UnsafePointer<Int>
    let neuronOffsets: UnsafePointer<Int>
    let weightOffsets: UnsafePointer<Int>
    let biasOffsets: UnsafePointer<Int>
    let functions: UnsafePointer<Activation>
    let usesBias: Bool
}

/// What the backward pass does with each parameter's gradient ∂L/∂p.
enum GradientUse {
    /// Writes the gradients to a buffer laid out like the parameters the layers are bound to.
    case store(UnsafeMutablePointer<Double>)
    /// Takes the plain SGD step `p −= rate · ∂L/∂p` on these parameters at once, with the same
    /// numbers as storing the gradients and stepping afterwards (each layer's weights are
    /// changed only after the δs below them have been computed from the old values).
    case descend(UnsafeMutablePointer<Double>, rate: Double)
    /// Adds the gradients to a running sum laid out like the parameters (a mini-batch's), with
    /// the same numbers as storing them and adding them afterwards.
    case accumulate(UnsafeMutablePointer<Double>)
}

/// The forward and backward passes on raw buffers: the one hot path of the core.
///
/// Everything here allocates nothing; callers own the buffers and their sizes follow
/// `NetworkLayout` (neurons for sums/activations/deltas, parameters for gradients).
///
/// Floating-point sums are never reordered (results stay bit for bit those of the equations
/// written plainly); speed comes from the loops' shape instead. In the trainer the first layer's
/// weights are grouped by input (`KernelOrder`), so its sums form along memory, a block at a
/// time in registers; elsewhere a weighted sum is a chain of dependent additions, so four
/// neurons' sums are formed side by side; the δs sent back are accumulated a row of weights at
/// a time, which runs along memory and vectorises.
enum Kernels {
    /// Fills sums and activations for every layer; layer 0 receives `input`.
    @inline(__always)
    static func forward(_ network: KernelLayers, input: UnsafePointer<Double>) {
        let first = network.first
        for i in 0..<first.inCount {
            first.inSums[i] = input[i]
            first.inActs[i] = input[i]
        }
        for l in 0..<network.count {
            ForwardLayer(layer: network.layers + l).run(width: network.layers[l].inCount)
        }
    }

    /// The output layer of one example: fills its δ = ∂loss/∂sum from its sums and activations
    /// (`count` neurons from the given pointers) and returns the example's loss.
    @inline(__always)
    static func outputLayer(
        function f: Activation, loss: Loss, count nOut: Int, sums outSum: UnsafePointer<Double>,
        acts outAct: UnsafePointer<Double>, target: UnsafePointer<Double>, deltas outDelta: UnsafeMutablePointer<Double>
    ) -> Double {
        var exampleLoss = 0.0
        for k in 0..<nOut { exampleLoss += loss.value(output: outAct[k], target: target[k]) }

        // The output layer's δ = ∂loss/∂sum. The two canonical pairings have the exact closed
        // form (o − y); it is also the numerically safe one when outputs saturate.
        // (Switches, not ==: for String-backed enums == can resolve to the RawRepresentable
        // overload, which compares strings — a third of this function's time when it did.)
        switch (f, loss) {
        case (.sigmoid, .bce):
            for k in 0..<nOut { outDelta[k] = outAct[k] - target[k] }
        case (.softmax, .ce):
            var targetTotal = 0.0
            for k in 0..<nOut { targetTotal += target[k] }
            for k in 0..<nOut { outDelta[k] = outAct[k] * targetTotal - target[k] }
        case (.softmax, _):
            var weighted = 0.0
            for k in 0..<nOut { weighted += loss.gradient(output: outAct[k], target: target[k]) * outAct[k] }
            for k in 0..<nOut {
                outDelta[k] = outAct[k] * (loss.gradient(output: outAct[k], target: target[k]) - weighted)
            }
        default:
            for k in 0..<nOut {
                outDelta[k] =
                    loss.gradient(output: outAct[k], target: target[k]) * f.derivative(z: outSum[k], a: outAct[k])
            }
        }
        return exampleLoss
    }

    /// Given a forward pass, fills the deltas, uses every parameter's gradient for `target` as
    /// `gradients` says, and returns the example's loss.
    @inline(__always)
    static func backward(_ network: KernelLayers, loss: Loss, target: UnsafePointer<Double>, gradients: GradientUse)
        -> Double
    {
        let last = network.last
        let exampleLoss = outputLayer(
            function: last.function, loss: loss, count: last.outCount, sums: last.outSums, acts: last.outActs,
            target: target, deltas: last.outDeltas)
        for l in stride(from: network.count - 1, through: 0, by: -1) {
            BackwardLayer(layer: network.layers + l, gradients: gradients).run(width: network.layers[l].inCount)
        }
        return exampleLoss
    }
}
