/// Trains a network on a data set, one iteration (one pass over the set) at a time.
///
/// Contract: an iteration visits every example once, in the set's order unless `shuffle` is on;
/// the weights are updated after every `batchSize` examples (and after the last, possibly
/// smaller, batch of the pass) with the batch's mean gradient:
/// `velocity = momentum · velocity − learningRate · meanGradient; parameters += velocity`.
/// After a step, `lastExampleLosses` holds the loss of each example as it was met in the last
/// iteration. Mini-batches are computed a batch at a time (`BatchKernels`), with the same numbers.
/// Deterministic: the same network, set and options give the same parameters on every run.
public final class Trainer {
    /// The network as of the last completed iteration (copied out of the trainer's memory when
    /// asked for, not after every iteration: for small sets that copy would cost as much as the
    /// iteration).
    public var network: Network {
        if snapshotIteration != iteration {
            snapshot.parameters = memory.networkParameters()
            snapshotIteration = iteration
        }
        return snapshot
    }
    public let dataSet: DataSet
    public let options: TrainingOptions
    /// Completed iterations.
    public private(set) var iteration = 0
    /// Set once a loss or parameter stops being a finite number; training then refuses to go on.
    public private(set) var hasDiverged = false

    /// Everything the hot loop reads and writes; `network` is copied out of it.
    private let memory: TrainerMemory
    private var snapshot: Network
    private var snapshotIteration = 0
    private var order: [Int]
    private var shuffler: SeededGenerator

    /// Precondition: the network's input and output counts match the data set (validated by
    /// `SessionOptions` for user input).
    public init(network: Network, dataSet: DataSet, options: TrainingOptions) {
        precondition(
            network.layout.inputCount == dataSet.inputCount && network.layout.outputCount == dataSet.targetCount)
        precondition(options.batchSize >= 1 && dataSet.count > 0)
        snapshot = network
        self.dataSet = dataSet
        self.options = options
        memory = TrainerMemory(network: network, dataSet: dataSet, batchSize: options.batchSize)
        order = Array(0..<dataSet.count)
        shuffler = SeededGenerator(seed: options.seed ^ 0x5_4FF1E)
    }

    /// The loss of each example as it was met in the last iteration.
    public var lastExampleLosses: [Double] { TrainerMemory.array(memory.losses, count: dataSet.count) }

    /// Runs `count` iterations, stopping early if the network diverges.
    ///
    /// The loop keeps the order and the shuffler in locals and writes them back once: every touch
    /// of a class's stored `var` is a run-time exclusivity check, and with a small set (the
    /// default's 7 examples) those checks and the retains around them cost about 5 % of the pass.
    public func train(iterations count: Int) {
        guard count > 0, !hasDiverged else { return }
        var order = self.order, shuffler = self.shuffler
        self.order = []  // so shuffling the local copy does not copy it again
        var done = 0
        while done < count {
            if options.shuffle { shuffler.shuffle(&order) }
            let finite = runPass(order)
            done += 1
            if !finite {
                hasDiverged = true
                break
            }
        }
        iteration += done
        self.order = order
        self.shuffler = shuffler
    }

    /// One pass over the data set. Does nothing once the network has diverged.
    public func runIteration() { train(iterations: 1) }

    /// One pass over the examples in `order`; returns false when a loss or a parameter stopped
    /// being a finite number.
    private func runPass(_ order: [Int]) -> Bool {
        let loss = options.loss, rate = options.learningRate, momentum = options.momentum
        let batchSize = options.batchSize
        let direct = batchSize == 1 && momentum == 0
        let inputCount = dataSet.inputCount, targetCount = dataSet.targetCount
        let m = memory, parameterCount = m.parameterCount
        let p = m.parameters, v = m.velocity, acc = m.accumulated
        var lossTotal = 0.0
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
        if batchSize > 1 {
            // A batch at a time (`BatchKernels`): the same numbers as one example at a time.
            var position = 0
            while position < order.count {
                let count = min(batchSize, order.count - position)
                for e in 0..<count { m.batchExamples[e] = order[position + e] }
                BatchKernels.forward(
                    shape: m.shape, parameters: p, inputs: m.inputs, examples: m.batchExamples, count: count,
                    sums: m.batchSums, acts: m.batchActivations, scratch: m.scratch)
                BatchKernels.backward(
                    shape: m.shape, loss: loss, parameters: p, targets: m.targets, examples: m.batchExamples,
                    count: count, sums: m.batchSums, acts: m.batchActivations, deltas: m.batchDeltas,
                    accumulated: acc, losses: m.batchLosses, scratch: m.scratch, widest: m.widest)
                for e in 0..<count {
                    m.losses[order[position + e]] = m.batchLosses[e]
                    lossTotal += m.batchLosses[e]
                }
                inBatch = count
                applyBatch()
                position += count
            }
        } else {
            for position in 0..<order.count {
                let e = order[position]
                Kernels.forward(m.layers, input: m.inputs + e * inputCount)
                let exampleLoss = Kernels.backward(
                    m.layers, loss: loss, target: m.targets + e * targetCount,
                    gradients: direct ? .descend(p, rate: rate) : .accumulate(acc))
                m.losses[e] = exampleLoss
                lossTotal += exampleLoss
                if !direct {
                    // Momentum: the step of a batch of one, from the gradients just summed.
                    inBatch = 1
                    applyBatch()
                }
            }
        }
        // A non-finite parameter makes the next loss non-finite, so checking the sum catches both;
        // the parameters themselves are checked once here too because the update may have just overflowed.
        return lossTotal.isFinite && (parameterCount > 4096 || (0..<parameterCount).allSatisfy({ p[$0].isFinite }))
    }
}
