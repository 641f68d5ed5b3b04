/// Trains a network on a data set, one iteration (one pass over the set) at a time.
///
/// Contract: an iteration visits every example once, in the set's order unless `shuffle` is on;
/// the weights are updated after every `batchSize` examples (and after the last, possibly
/// smaller, batch of the pass) with the batch's mean gradient:
/// `velocity = momentum · velocity − learningRate · meanGradient; parameters += velocity`.
/// After a step, `lastTrace` holds every intermediate value of the last example's pass and
/// `lastExampleLosses` the loss of each example as it was met in the last iteration.
/// Deterministic: the same network, set and options give the same parameters on every run.
public final class Trainer {
    public private(set) var network: Network
    public let dataSet: DataSet
    public let options: TrainingOptions
    /// Completed iterations.
    public private(set) var iteration = 0
    /// Set once a loss or parameter stops being a finite number; training then refuses to go on.
    public private(set) var hasDiverged = false
    public private(set) var lastTrace: Trace
    public private(set) var lastExampleLosses: [Double]

    private var velocity: [Double]
    private var accumulated: [Double]
    private var order: [Int]
    private var shuffler: SeededGenerator

    /// Precondition: the network's input and output counts match the data set (validated by
    /// `SessionOptions` for user input).
    public init(network: Network, dataSet: DataSet, options: TrainingOptions) {
        precondition(
            network.layout.inputCount == dataSet.inputCount && network.layout.outputCount == dataSet.targetCount)
        precondition(options.batchSize >= 1 && dataSet.count > 0)
        self.network = network
        self.dataSet = dataSet
        self.options = options
        lastTrace = Trace(layout: network.layout)
        lastExampleLosses = [Double](repeating: 0, count: dataSet.count)
        velocity = [Double](repeating: 0, count: network.layout.parameterCount)
        accumulated = velocity
        order = Array(0..<dataSet.count)
        shuffler = SeededGenerator(seed: options.seed ^ 0x5_4FF1E)
    }

    /// Runs `count` iterations, stopping early if the network diverges.
    public func train(iterations count: Int) {
        for _ in 0..<count where !hasDiverged { runIteration() }
    }

    /// One pass over the data set. Does nothing once the network has diverged.
    public func runIteration() {
        guard !hasDiverged else { return }
        if options.shuffle { shuffler.shuffle(&order) }
        let layout = network.layout
        let functions = network.activations
        let loss = options.loss
        let batchSize = options.batchSize
        let rate = options.learningRate
        let momentum = options.momentum
        let direct = batchSize == 1 && momentum == 0
        let parameterCount = layout.parameterCount
        let inputCount = dataSet.inputCount, targetCount = dataSet.targetCount
        var lossTotal = 0.0

        network.parameters.withUnsafeMutableBufferPointer { paramBuffer in
            let p = paramBuffer.baseAddress!
            lastTrace.withBuffers { sums, acts, deltas, grads in
                velocity.withUnsafeMutableBufferPointer { velocityBuffer in
                    accumulated.withUnsafeMutableBufferPointer { accumulatedBuffer in
                        dataSet.inputs.withUnsafeBufferPointer { inputs in
                            dataSet.targets.withUnsafeBufferPointer { targets in
                                lastExampleLosses.withUnsafeMutableBufferPointer { losses in
                                    layout.withKernelShape(functions) { shape in
                                        let v = velocityBuffer.baseAddress!, acc = accumulatedBuffer.baseAddress!
                                        var inBatch = 0
                                        func applyBatch() {
                                            let scale = rate / Double(inBatch)
                                            for k in 0..<parameterCount {
                                                v[k] = momentum * v[k] - scale * acc[k]
                                                p[k] += v[k]
                                                acc[k] = 0
                                            }
                                            inBatch = 0
                                        }
                                        for position in 0..<order.count {
                                            let e = order[position]
                                            Kernels.forward(
                                                shape: shape, parameters: p,
                                                input: inputs.baseAddress! + e * inputCount, sums: sums, acts: acts)
                                            let exampleLoss = Kernels.backward(
                                                shape: shape, loss: loss, parameters: p,
                                                target: targets.baseAddress! + e * targetCount,
                                                sums: sums, acts: acts, deltas: deltas, gradients: grads)
                                            losses[e] = exampleLoss
                                            lossTotal += exampleLoss
                                            if direct {
                                                for k in 0..<parameterCount { p[k] -= rate * grads[k] }
                                            } else {
                                                for k in 0..<parameterCount { acc[k] += grads[k] }
                                                inBatch += 1
                                                if inBatch == batchSize { applyBatch() }
                                            }
                                        }
                                        if inBatch > 0 { applyBatch() }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        lastTrace.loss = lastExampleLosses[order[order.count - 1]]
        iteration += 1
        // A non-finite parameter makes the next loss non-finite, so checking the sum catches both;
        // the parameters themselves are checked once here too because the update may have just overflowed.
        if !lossTotal.isFinite || (layout.parameterCount <= 4096 && !network.isFinite) { hasDiverged = true }
    }
}
