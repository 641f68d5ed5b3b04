/// The forward and backward passes on raw buffers: the one hot path of the core.
///
/// Everything here allocates nothing; callers own the buffers and their sizes follow
/// `NetworkLayout` (neurons for sums/activations/deltas, parameters for gradients).
enum Kernels {
    /// Fills sums and activations for every layer; layer 0 receives `input`.
    @inline(__always)
    static func forward(
        layout: NetworkLayout, activations functions: [Activation],
        parameters p: UnsafePointer<Double>, input: UnsafePointer<Double>,
        sums: UnsafeMutablePointer<Double>, acts: UnsafeMutablePointer<Double>
    ) {
        let sizes = layout.layerSizes
        for i in 0..<sizes[0] {
            sums[i] = input[i]
            acts[i] = input[i]
        }
        for l in 0..<(sizes.count - 1) {
            let nIn = sizes[l], nOut = sizes[l + 1]
            let inAct = acts + layout.neuronOffsets[l]
            let outSum = sums + layout.neuronOffsets[l + 1]
            let outAct = acts + layout.neuronOffsets[l + 1]
            let w = p + layout.weightOffsets[l]
            let f = functions[l]
            for j in 0..<nOut {
                let row = w + j * nIn
                var z = layout.usesBias ? p[layout.biasOffsets[l] + j] : 0
                for i in 0..<nIn { z += row[i] * inAct[i] }
                outSum[j] = z
                outAct[j] = f.value(z)
            }
            if f == .softmax {
                for j in 0..<nOut { outAct[j] = outSum[j] }
                Activation.softmax(UnsafeMutableBufferPointer(start: outAct, count: nOut))
            }
        }
    }

    /// Given a forward pass in sums/acts, fills deltas and gradients for `target` and returns the
    /// example's loss.
    @inline(__always)
    static func backward(
        layout: NetworkLayout, activations functions: [Activation], loss: Loss,
        parameters p: UnsafePointer<Double>, target: UnsafePointer<Double>,
        sums: UnsafeMutablePointer<Double>, acts: UnsafeMutablePointer<Double>,
        deltas: UnsafeMutablePointer<Double>, gradients g: UnsafeMutablePointer<Double>
    ) -> Double {
        let sizes = layout.layerSizes
        let last = sizes.count - 1
        let nOut = sizes[last]
        let outAct = acts + layout.neuronOffsets[last]
        let outSum = sums + layout.neuronOffsets[last]
        let outDelta = deltas + layout.neuronOffsets[last]
        let f = functions[last - 1]
        var exampleLoss = 0.0
        for k in 0..<nOut { exampleLoss += loss.value(output: outAct[k], target: target[k]) }

        // The output layer's δ = ∂loss/∂sum. The two canonical pairings have the exact closed
        // form (o − y); it is also the numerically safe one when outputs saturate.
        if f == .sigmoid && loss == .bce {
            for k in 0..<nOut { outDelta[k] = outAct[k] - target[k] }
        } else if f == .softmax && loss == .ce {
            var targetTotal = 0.0
            for k in 0..<nOut { targetTotal += target[k] }
            for k in 0..<nOut { outDelta[k] = outAct[k] * targetTotal - target[k] }
        } else if f == .softmax {
            var weighted = 0.0
            for k in 0..<nOut { weighted += loss.gradient(output: outAct[k], target: target[k]) * outAct[k] }
            for k in 0..<nOut { outDelta[k] = outAct[k] * (loss.gradient(output: outAct[k], target: target[k]) - weighted) }
        } else {
            for k in 0..<nOut {
                outDelta[k] = loss.gradient(output: outAct[k], target: target[k]) * f.derivative(z: outSum[k], a: outAct[k])
            }
        }

        var l = last - 1
        while l >= 0 {
            let nIn = sizes[l], nNext = sizes[l + 1]
            let inAct = acts + layout.neuronOffsets[l]
            let nextDelta = deltas + layout.neuronOffsets[l + 1]
            let w = p + layout.weightOffsets[l]
            let gw = g + layout.weightOffsets[l]
            for j in 0..<nNext {
                let d = nextDelta[j]
                let row = gw + j * nIn
                for i in 0..<nIn { row[i] = d * inAct[i] }
            }
            if layout.usesBias {
                let gb = g + layout.biasOffsets[l]
                for j in 0..<nNext { gb[j] = nextDelta[j] }
            }
            let inDelta = deltas + layout.neuronOffsets[l]
            if l == 0 {
                for i in 0..<nIn { inDelta[i] = 0 }
            } else {
                let fIn = functions[l - 1]
                let inSum = sums + layout.neuronOffsets[l]
                for i in 0..<nIn {
                    var back = 0.0
                    for j in 0..<nNext { back += w[j * nIn + i] * nextDelta[j] }
                    inDelta[i] = back * fIn.derivative(z: inSum[i], a: inAct[i])
                }
            }
            l -= 1
        }
        return exampleLoss
    }
}
