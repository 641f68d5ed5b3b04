/// A network's layout and activations as raw pointers, for the hot loops: passing the arrays
/// themselves cost retain/release and bounds checks on every example step.
struct KernelShape {
    let layerCount: Int
    let sizes: UnsafePointer<Int>
    let neuronOffsets: UnsafePointer<Int>
    let weightOffsets: UnsafePointer<Int>
    let biasOffsets: UnsafePointer<Int>
    let functions: UnsafePointer<Activation>
    let usesBias: Bool
}

extension NetworkLayout {
    /// Calls `body` with this layout and `activations` as a `KernelShape` valid for the call.
    func withKernelShape<R>(_ activations: [Activation], _ body: (KernelShape) throws -> R) rethrows -> R {
        try layerSizes.withUnsafeBufferPointer { sizes in
            try neuronOffsets.withUnsafeBufferPointer { neurons in
                try weightOffsets.withUnsafeBufferPointer { weights in
                    try biasOffsets.withUnsafeBufferPointer { biases in
                        try activations.withUnsafeBufferPointer { functions in
                            // An empty array's buffer may have no address; a network has at least
                            // one connection layer, so these never are.
                            try body(
                                KernelShape(
                                    layerCount: sizes.count, sizes: sizes.baseAddress!,
                                    neuronOffsets: neurons.baseAddress!,
                                    weightOffsets: weights.baseAddress!, biasOffsets: biases.baseAddress!,
                                    functions: functions.baseAddress!, usesBias: usesBias))
                        }
                    }
                }
            }
        }
    }
}

/// What the backward pass does with each parameter's gradient ∂L/∂p.
enum GradientUse {
    /// Writes the gradients to a buffer laid out like the parameters.
    case store(UnsafeMutablePointer<Double>)
    /// Takes the plain SGD step `p −= rate · ∂L/∂p` on these parameters at once, with the same
    /// numbers as storing the gradients and stepping afterwards (each layer's weights are
    /// changed only after the δs below them have been computed from the old values).
    case descend(UnsafeMutablePointer<Double>, rate: Double)
}

/// The forward and backward passes on raw buffers: the one hot path of the core.
///
/// Everything here allocates nothing; callers own the buffers and their sizes follow
/// `NetworkLayout` (neurons for sums/activations/deltas, parameters for gradients).
///
/// Floating-point sums are never reordered (results stay bit for bit those of the equations
/// written plainly); speed comes from the loops' shape instead. A weighted sum is a chain of
/// dependent additions, so four neurons' sums are formed side by side; the δs sent back are
/// accumulated a row of weights at a time, which runs along memory and vectorises.
enum Kernels {
    /// Fills sums and activations for every layer; layer 0 receives `input`.
    @inline(__always)
    static func forward(
        shape: KernelShape, parameters p: UnsafePointer<Double>, input: UnsafePointer<Double>,
        sums: UnsafeMutablePointer<Double>, acts: UnsafeMutablePointer<Double>
    ) {
        let sizes = shape.sizes
        for i in 0..<sizes[0] {
            sums[i] = input[i]
            acts[i] = input[i]
        }
        for l in 0..<(shape.layerCount - 1) {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let inAct = acts + shape.neuronOffsets[l]
            let outSum = sums + shape.neuronOffsets[l + 1]
            let w = p + shape.weightOffsets[l]
            let bias: UnsafePointer<Double>? = shape.usesBias ? p + shape.biasOffsets[l] : nil
            var j = 0
            while j + 4 <= nOut {
                let r0 = w + j * nIn, r1 = r0 + nIn, r2 = r1 + nIn, r3 = r2 + nIn
                var z0 = bias?[j] ?? 0, z1 = bias?[j + 1] ?? 0, z2 = bias?[j + 2] ?? 0, z3 = bias?[j + 3] ?? 0
                for i in 0..<nIn {
                    let x = inAct[i]
                    z0 += r0[i] * x
                    z1 += r1[i] * x
                    z2 += r2[i] * x
                    z3 += r3[i] * x
                }
                outSum[j] = z0
                outSum[j + 1] = z1
                outSum[j + 2] = z2
                outSum[j + 3] = z3
                j += 4
            }
            while j < nOut {
                let row = w + j * nIn
                var z = bias?[j] ?? 0
                for i in 0..<nIn { z += row[i] * inAct[i] }
                outSum[j] = z
                j += 1
            }
            shape.functions[l].activate(outSum, into: acts + shape.neuronOffsets[l + 1], count: nOut)
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

    /// Given a forward pass in sums/acts, fills deltas, uses every parameter's gradient for
    /// `target` as `gradients` says, and returns the example's loss.
    @inline(__always)
    static func backward(
        shape: KernelShape, loss: Loss,
        parameters p: UnsafePointer<Double>, target: UnsafePointer<Double>,
        sums: UnsafeMutablePointer<Double>, acts: UnsafeMutablePointer<Double>,
        deltas: UnsafeMutablePointer<Double>, gradients: GradientUse
    ) -> Double {
        let sizes = shape.sizes
        let last = shape.layerCount - 1
        let nOut = sizes[last]
        let outAct = acts + shape.neuronOffsets[last]
        let outSum = sums + shape.neuronOffsets[last]
        let outDelta = deltas + shape.neuronOffsets[last]
        let exampleLoss = outputLayer(
            function: shape.functions[last - 1], loss: loss, count: nOut, sums: outSum, acts: outAct, target: target,
            deltas: outDelta)

        var l = last - 1
        while l >= 0 {
            let nIn = sizes[l], nNext = sizes[l + 1]
            let inAct = acts + shape.neuronOffsets[l]
            let nextDelta = deltas + shape.neuronOffsets[l + 1]
            let w = p + shape.weightOffsets[l]
            let inDelta = deltas + shape.neuronOffsets[l]
            for i in 0..<nIn { inDelta[i] = 0 }
            if l > 0 {
                // δ_i = f′(z_i) · Σ_j w_ji δ_j, the sum over j in order, for all i a row at a time.
                for j in 0..<nNext {
                    let d = nextDelta[j], row = w + j * nIn
                    for i in 0..<nIn { inDelta[i] += row[i] * d }
                }
                shape.functions[l - 1].multiplyByDerivative(
                    inDelta, sums: sums + shape.neuronOffsets[l], acts: inAct, count: nIn)
            }
            // ∂L/∂w_ji = δ_j a_i and ∂L/∂b_j = δ_j.
            switch gradients {
            case .store(let g):
                let gw = g + shape.weightOffsets[l]
                for j in 0..<nNext {
                    let d = nextDelta[j], row = gw + j * nIn
                    for i in 0..<nIn { row[i] = d * inAct[i] }
                }
                if shape.usesBias {
                    let gb = g + shape.biasOffsets[l]
                    for j in 0..<nNext { gb[j] = nextDelta[j] }
                }
            case .descend(let parameters, let rate):
                let pw = parameters + shape.weightOffsets[l]
                for j in 0..<nNext {
                    let d = nextDelta[j], row = pw + j * nIn
                    for i in 0..<nIn { row[i] -= rate * (d * inAct[i]) }
                }
                if shape.usesBias {
                    let pb = parameters + shape.biasOffsets[l]
                    for j in 0..<nNext { pb[j] -= rate * nextDelta[j] }
                }
            }
            l -= 1
        }
        return exampleLoss
    }
}
