/// One connection layer of the forward pass: fills the sums and activations of layer `l + 1`
/// from the activations of layer `l`. Run through `LayerKernel.run(width:)`, so small layers get
/// loops of constant length.
struct ForwardLayer: LayerKernel {
    let shape: KernelShape
    let layer: Int
    let parameters: UnsafePointer<Double>
    let sums: UnsafeMutablePointer<Double>
    let acts: UnsafeMutablePointer<Double>

    @inline(__always)
    func run<W: LayerWidth>(_ width: W.Type) {
        let l = layer, p = parameters
        let nIn = W.of(shape.sizes[l]), nOut = shape.sizes[l + 1]
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

/// One connection layer of the backward pass: given the δs of layer `l + 1`, fills those of
/// layer `l` (zero for the input layer) and uses the gradients of the weights and biases into
/// layer `l + 1` as `gradients` says.
struct BackwardLayer: LayerKernel {
    let shape: KernelShape
    let layer: Int
    let parameters: UnsafePointer<Double>
    let sums: UnsafeMutablePointer<Double>
    let acts: UnsafeMutablePointer<Double>
    let deltas: UnsafeMutablePointer<Double>
    let gradients: GradientUse

    @inline(__always)
    func run<W: LayerWidth>(_ width: W.Type) {
        let l = layer, p = parameters
        let nIn = W.of(shape.sizes[l]), nNext = shape.sizes[l + 1]
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
        case .accumulate(let sum):
            let sw = sum + shape.weightOffsets[l]
            for j in 0..<nNext {
                let d = nextDelta[j], row = sw + j * nIn
                for i in 0..<nIn { row[i] += d * inAct[i] }
            }
            if shape.usesBias {
                let sb = sum + shape.biasOffsets[l]
                for j in 0..<nNext { sb[j] += nextDelta[j] }
            }
        case .descend(let stepped, let rate):
            let pw = stepped + shape.weightOffsets[l]
            for j in 0..<nNext {
                let d = nextDelta[j], row = pw + j * nIn
                for i in 0..<nIn { row[i] -= rate * (d * inAct[i]) }
            }
            if shape.usesBias {
                let pb = stepped + shape.biasOffsets[l]
                for j in 0..<nNext { pb[j] -= rate * nextDelta[j] }
            }
        }
    }
}
