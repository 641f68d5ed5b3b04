/// One connection layer of the forward pass: fills the sums and activations of layer `l + 1`
/// from the activations of layer `l`. Run through `LayerKernel.run(width:)`, so small layers get
/// loops of constant length. The layer is read through its pointer: copying the whole record for
/// every layer of every example cost more than the fields used.
struct ForwardLayer: LayerKernel {
    let layer: UnsafePointer<KernelLayer>

    @inline(__always)
    func run<W: LayerWidth>(_ width: W.Type) {
        let nIn = W.of(layer.pointee.inCount), nOut = layer.pointee.outCount
        let inAct = layer.pointee.inActs, outSum = layer.pointee.outSums
        let w = layer.pointee.weights, bias = layer.pointee.biases
        if layer.pointee.byInput {
            Self.sumsByInput(w, bias: bias, inAct, nIn: nIn, nOut: nOut, into: outSum)
            layer.pointee.function.activate(outSum, into: layer.pointee.outActs, count: nOut)
            return
        }
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
        layer.pointee.function.activate(outSum, into: layer.pointee.outActs, count: nOut)
    }
}

extension ForwardLayer {
    /// `outSum[j] = bias[j] + Σ_i w[i][j] · inAct[i]`, the inputs in order, with row i of `w` the
    /// weights out of input i (`KernelOrder`): each input adds its contribution to a block of
    /// sums held in registers, along memory — sixteen, eight, four, then one at a time.
    @inline(__always)
    static func sumsByInput(
        _ w: UnsafePointer<Double>, bias: UnsafePointer<Double>?, _ inAct: UnsafePointer<Double>, nIn: Int, nOut: Int,
        into outSum: UnsafeMutablePointer<Double>
    ) {
        let width = Lanes.scalarCount
        var j = 0
        while j + 2 * width <= nOut {
            var z0 = bias.map { ($0 + j).lanes() } ?? Lanes(repeating: 0)
            var z1 = bias.map { ($0 + j + width).lanes() } ?? Lanes(repeating: 0)
            for i in 0..<nIn {
                let x = Lanes(repeating: inAct[i]), row = w + i * nOut + j
                z0 += row.lanes() * x
                z1 += (row + width).lanes() * x
            }
            (outSum + j).store(z0)
            (outSum + j + width).store(z1)
            j += 2 * width
        }
        while j + width <= nOut {
            var z = bias.map { ($0 + j).lanes() } ?? Lanes(repeating: 0)
            for i in 0..<nIn { z += (w + i * nOut + j).lanes() * Lanes(repeating: inAct[i]) }
            (outSum + j).store(z)
            j += width
        }
        while j + 4 <= nOut {
            var z = bias.map { SIMD4($0[j], $0[j + 1], $0[j + 2], $0[j + 3]) } ?? SIMD4(repeating: 0)
            for i in 0..<nIn {
                let row = w + i * nOut + j
                z += SIMD4(row[0], row[1], row[2], row[3]) * SIMD4(repeating: inAct[i])
            }
            for k in 0..<4 { outSum[j + k] = z[k] }
            j += 4
        }
        while j < nOut {
            var z = bias?[j] ?? 0
            for i in 0..<nIn { z += w[i * nOut + j] * inAct[i] }
            outSum[j] = z
            j += 1
        }
    }
}

/// One connection layer of the backward pass: given the δs of layer `l + 1`, fills those of
/// layer `l` (the input layer has none: its deltas are left as they are) and uses the gradients
/// of the weights and biases into layer `l + 1` as `gradients` says.
struct BackwardLayer: LayerKernel {
    let layer: UnsafePointer<KernelLayer>
    let gradients: GradientUse

    @inline(__always)
    func run<W: LayerWidth>(_ width: W.Type) {
        let nIn = W.of(layer.pointee.inCount), nNext = layer.pointee.outCount
        let inAct = layer.pointee.inActs, nextDelta = layer.pointee.outDeltas
        // (The first layer, the only one whose weights are grouped by input, sends no δ back.)
        if let inFunction = layer.pointee.inFunction {
            // δ_i = f′(z_i) · Σ_j w_ji δ_j, the sum over j in order, for all i a row at a time.
            let w = layer.pointee.weights, inDelta = layer.pointee.inDeltas
            for i in 0..<nIn { inDelta[i] = 0 }
            for j in 0..<nNext {
                let d = nextDelta[j], row = w + j * nIn
                for i in 0..<nIn { inDelta[i] += row[i] * d }
            }
            inFunction.multiplyByDerivative(inDelta, sums: layer.pointee.inSums, acts: inAct, count: nIn)
        }
        // ∂L/∂w_ji = δ_j a_i and ∂L/∂b_j = δ_j.
        let usesBias = layer.pointee.biases != nil
        switch gradients {
        case .store(let g):
            let gw = g + layer.pointee.weightOffset
            if layer.pointee.byInput {
                for i in 0..<nIn {
                    let a = inAct[i], row = gw + i * nNext
                    for j in 0..<nNext { row[j] = nextDelta[j] * a }
                }
            } else {
                for j in 0..<nNext {
                    let d = nextDelta[j], row = gw + j * nIn
                    for i in 0..<nIn { row[i] = d * inAct[i] }
                }
            }
            if usesBias {
                let gb = g + layer.pointee.biasOffset
                for j in 0..<nNext { gb[j] = nextDelta[j] }
            }
        case .accumulate(let sum):
            let sw = sum + layer.pointee.weightOffset
            if layer.pointee.byInput {
                for i in 0..<nIn {
                    let a = inAct[i], row = sw + i * nNext
                    for j in 0..<nNext { row[j] += nextDelta[j] * a }
                }
            } else {
                for j in 0..<nNext {
                    let d = nextDelta[j], row = sw + j * nIn
                    for i in 0..<nIn { row[i] += d * inAct[i] }
                }
            }
            if usesBias {
                let sb = sum + layer.pointee.biasOffset
                for j in 0..<nNext { sb[j] += nextDelta[j] }
            }
        case .descend(let stepped, let rate):
            let pw = stepped + layer.pointee.weightOffset
            if layer.pointee.byInput {
                for i in 0..<nIn {
                    let a = inAct[i], row = pw + i * nNext
                    for j in 0..<nNext { row[j] -= rate * (nextDelta[j] * a) }
                }
            } else {
                for j in 0..<nNext {
                    let d = nextDelta[j], row = pw + j * nIn
                    for i in 0..<nIn { row[i] -= rate * (d * inAct[i]) }
                }
            }
            if usesBias {
                let pb = stepped + layer.pointee.biasOffset
                for j in 0..<nNext { pb[j] -= rate * nextDelta[j] }
            }
        }
    }
}
