/// The forward and backward passes of a whole mini-batch at once, on raw buffers.
///
/// Batch buffers hold the `count` examples side by side: neuron n of example e at `n * count + e`,
/// so the innermost loops run over the examples. One example's weighted sum is a chain of
/// dependent additions; the same sum for the batch's examples is `count` independent chains the
/// processor overlaps and vectorises. Each example's arithmetic is `Kernels`' own, in the same
/// order (the bias first, then inputs in order; the batch's gradients added example by example),
/// so a batch gives the same numbers, bit for bit, as its examples one at a time.
///
/// A chain of additions waits out each addition's latency (about four cycles), so the hot loops
/// keep four blocks of lanes side by side — four independent chains, the adder busy every
/// cycle — and fall back to one block, then one value, for what is left.
enum BatchKernels {
    /// Fills the batch's sums and activations; example e is row `examples[e]` of `inputs`.
    static func forward(
        shape: KernelShape, parameters p: UnsafePointer<Double>, inputs: UnsafePointer<Double>,
        examples: UnsafePointer<Int>, count: Int, sums: UnsafeMutablePointer<Double>,
        acts: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>
    ) {
        let sizes = shape.sizes
        let nIn0 = sizes[0]
        for e in 0..<count {
            let input = inputs + examples[e] * nIn0
            for i in 0..<nIn0 {
                sums[i * count + e] = input[i]
                acts[i * count + e] = input[i]
            }
        }
        for l in 0..<(shape.layerCount - 1) {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let inAct = acts + shape.neuronOffsets[l] * count
            let outSum = sums + shape.neuronOffsets[l + 1] * count
            let outAct = acts + shape.neuronOffsets[l + 1] * count
            let w = p + shape.weightOffsets[l]
            let f = shape.functions[l]
            for j in 0..<nOut {
                let row = w + j * nIn
                let z = outSum + j * count
                let bias = shape.usesBias ? p[shape.biasOffsets[l] + j] : 0
                weightedSums(
                    start: bias, weights: row, weightStride: 1, terms: nIn, values: inAct, valueStride: count,
                    length: count, into: z)
                if case .softmax = f { continue }
                f.activate(z, into: outAct + j * count, count: count)
            }
            if case .softmax = f {
                // Per example, across the layer's neurons: gathered, as `Kernels` computes it.
                for e in 0..<count {
                    for j in 0..<nOut { scratch[j] = outSum[j * count + e] }
                    Activation.softmax(UnsafeMutableBufferPointer(start: scratch, count: nOut))
                    for j in 0..<nOut { outAct[j * count + e] = scratch[j] }
                }
            }
        }
    }

    /// Given the batch's forward pass, fills its deltas, adds every example's gradient to
    /// `accumulated` (example by example, in order) and writes each example's loss to
    /// `losses[e]`. `scratch` holds at least (3 + `count`) × the widest layer values.
    static func backward(
        shape: KernelShape, loss: Loss, parameters p: UnsafePointer<Double>, targets: UnsafePointer<Double>,
        examples: UnsafePointer<Int>, count: Int, sums: UnsafeMutablePointer<Double>,
        acts: UnsafeMutablePointer<Double>, deltas: UnsafeMutablePointer<Double>,
        accumulated acc: UnsafeMutablePointer<Double>, losses: UnsafeMutablePointer<Double>,
        scratch: UnsafeMutablePointer<Double>, widest: Int
    ) {
        let sizes = shape.sizes
        let last = shape.layerCount - 1
        let nOut = sizes[last]
        let outAct = acts + shape.neuronOffsets[last] * count
        let outSum = sums + shape.neuronOffsets[last] * count
        let outDelta = deltas + shape.neuronOffsets[last] * count
        let exampleSums = scratch, exampleActs = scratch + widest, exampleDeltas = scratch + 2 * widest
        for e in 0..<count {
            for k in 0..<nOut {
                exampleSums[k] = outSum[k * count + e]
                exampleActs[k] = outAct[k * count + e]
            }
            losses[e] = Kernels.outputLayer(
                function: shape.functions[last - 1], loss: loss, count: nOut, sums: exampleSums, acts: exampleActs,
                target: targets + examples[e] * nOut, deltas: exampleDeltas)
            for k in 0..<nOut { outDelta[k * count + e] = exampleDeltas[k] }
        }
        let byExample = scratch + 3 * widest
        var l = last - 1
        while l >= 0 {
            let nIn = sizes[l], nNext = sizes[l + 1]
            let inAct = acts + shape.neuronOffsets[l] * count
            let nextDelta = deltas + shape.neuronOffsets[l + 1] * count
            let w = p + shape.weightOffsets[l]
            let gw = acc + shape.weightOffsets[l]
            // Each weight's sum runs over the examples in order, a row's weights side by side in
            // registers (`weightedSums`), reading the layer's activations laid out example by example.
            for i in 0..<nIn {
                let from = inAct + i * count
                var to = byExample + i
                for e in 0..<count {
                    to.pointee = from[e]
                    to += nIn
                }
            }
            for j in 0..<nNext {
                weightedSums(
                    start: nil, weights: nextDelta + j * count, weightStride: 1, terms: count, values: byExample,
                    valueStride: nIn, length: nIn, into: gw + j * nIn)
            }
            if shape.usesBias {
                let gb = acc + shape.biasOffsets[l]
                for j in 0..<nNext {
                    let d = nextDelta + j * count
                    for e in 0..<count { gb[j] += d[e] }
                }
            }
            if l > 0 {
                let fIn = shape.functions[l - 1]
                let inSum = sums + shape.neuronOffsets[l] * count
                let inDelta = deltas + shape.neuronOffsets[l] * count
                for i in 0..<nIn {
                    let back = inDelta + i * count
                    weightedSums(
                        start: 0, weights: w + i, weightStride: nIn, terms: nNext, values: nextDelta,
                        valueStride: count, length: count, into: back)
                    fIn.multiplyByDerivative(back, sums: inSum + i * count, acts: inAct + i * count, count: count)
                }
            }
            l -= 1
        }
    }

    /// `out[n] = start + Σ_k weights[k · weightStride] · values[k · valueStride + n]` for n in
    /// `0..<length`, the terms added in order of k; with no `start`, the sums are added to what
    /// `out` holds. The batch's three sums: a forward pass's weighted sums and the δs sent back
    /// (n over the examples), and the gradients summed over the examples (n over a row's weights).
    @inline(__always)
    static func weightedSums(
        start: Double?, weights: UnsafePointer<Double>, weightStride: Int, terms: Int, values: UnsafePointer<Double>,
        valueStride: Int, length: Int, into out: UnsafeMutablePointer<Double>
    ) {
        let width = Lanes.scalarCount
        func initial(_ n: Int) -> Lanes { start.map { Lanes(repeating: $0) } ?? (out + n).lanes() }
        var n = 0
        while n + 4 * width <= length {
            var s0 = initial(n), s1 = initial(n + width), s2 = initial(n + 2 * width), s3 = initial(n + 3 * width)
            for k in 0..<terms {
                let weight = Lanes(repeating: weights[k * weightStride]), v = values + k * valueStride + n
                s0 += weight * v.lanes()
                s1 += weight * (v + width).lanes()
                s2 += weight * (v + 2 * width).lanes()
                s3 += weight * (v + 3 * width).lanes()
            }
            (out + n).store(s0)
            (out + n + width).store(s1)
            (out + n + 2 * width).store(s2)
            (out + n + 3 * width).store(s3)
            n += 4 * width
        }
        while n + width <= length {
            var sum = initial(n)
            for k in 0..<terms {
                sum += Lanes(repeating: weights[k * weightStride]) * (values + k * valueStride + n).lanes()
            }
            (out + n).store(sum)
            n += width
        }
        while n < length {
            var sum = start ?? out[n]
            for k in 0..<terms { sum += weights[k * weightStride] * values[k * valueStride + n] }
            out[n] = sum
            n += 1
        }
    }
}
