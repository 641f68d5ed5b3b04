import Dispatch
import Glibc
import NeuralCore
import Playback
import Synchronization

/// Trains a session's network and captures its keyframes, on a background thread or in place.
///
/// The weight scale (the strongest weight of the session) and adaptive keyframes need the
/// trajectory first: a first pass trains to T following the strongest weight at every iteration
/// and, for adaptive schedules, the visible change (`VisibleState`) at every iteration early on
/// and at a fine stride later; then a second, identical pass (training is deterministic) captures
/// the networks at the keyframes. Sessions too large for two passes are decided online, in one.
/// The live window reads `progress` every frame and never waits on the trainer.
public final class SessionRun: Sendable {
    public let plan: SessionPlan

    /// Everything that changes while the session runs, behind one lock.
    private struct Shared {
        var progress = SessionProgress()
        var cancelled = false
        /// Whether `start` launched the thread. (The thread itself is not kept: it holds this run
        /// through its closure, and keeping it would make a cycle.)
        var started = false
        var threadEnded = false
    }

    private let shared: Mutex<Shared>
    /// Signalled once when the background thread ends (and again by each waiter, for the next).
    private let threadEnd = DispatchSemaphore(value: 0)
    /// Iterations whose loss goes on the loss curve (log-spaced).
    private let curveIterations: Set<Int>
    /// `iterationsBetweenCancellationLooks` for this run's data set.
    private let cancellationStride: Int
    /// The run whose keyframe iterations this one takes (`--compare`'s second network), if any.
    private let leader: SessionRun?

    /// Iterations below this are all measured for the adaptive schedule; later ones at a stride
    /// chosen so the first pass measures at most about 20,000 states.
    static let denselyMeasuredIterations = 2_000

    /// Keyframe 0 is always the untrained network, so it is published at once: the window's
    /// first frame never depends on how fast the trainer thread starts. With a `leader`, the
    /// keyframes are at the leader's iterations, as it decides them, so two compared networks
    /// are shown at the same moments of their training.
    public init(plan: SessionPlan, following leader: SessionRun? = nil) {
        self.plan = plan
        self.leader = leader
        curveIterations = Set(Scheduler.geometric(total: plan.iterations, keyframes: 400))
        cancellationStride = Self.iterationsBetweenCancellationLooks(examples: plan.dataSet.count)
        let loss = plan.initialNetwork.meanLoss(on: plan.dataSet, loss: plan.training.loss)
        var first = SessionProgress()
        first.keyframes = [plan.initialNetwork]
        first.keyframeLosses = [loss]
        if let test = plan.testSet {
            first.keyframeTestLosses = [plan.initialNetwork.meanLoss(on: test, loss: plan.training.loss)]
            if !test.isRegression { first.keyframeTestAccuracies = [plan.initialNetwork.accuracy(on: test)] }
        }
        first.keyframeChanges = [0]
        first.keyframeWeightScales = [
            plan.decidesKeyframesOnline ? plan.initialNetwork.largestWeightMagnitude : .infinity
        ]
        first.isWeightScaleProvisional = !plan.decidesKeyframesOnline
        first.lossCurve = [LossSample(iteration: 0, loss: loss)]
        shared = Mutex(Shared(progress: first))
    }

    /// A consistent copy of what has been produced so far.
    public var progress: SessionProgress { shared.withLock { $0.progress } }

    /// Starts training on a background thread; returns at once. Call at most once.
    public func start() {
        shared.withLock { $0.started = true }
        DetachedThread.start(stackSize: 8 << 20) { [self] in
            Self.becomeBackgroundTrainer()
            run()
            shared.withLock { $0.threadEnded = true }
            threadEnd.signal()
        }
    }

    /// Makes the calling thread the background trainer: named "neuroglow.train" (for `top -H`
    /// and gdb) and scheduled as SCHED_IDLE, so that on a machine with few cores the window's
    /// thread and the software rasteriser's get a core whenever they want one, at once: at nice
    /// 10 a woken rasteriser thread waited 1.5–2.0 ms for a core on average and up to 30 ms,
    /// under SCHED_IDLE 0.55–1.0 ms and up to 10 ms (`perf sched latency`, the live digits
    /// session). The trainer keeps every cycle the window leaves. Where the policy is refused,
    /// nice 10.
    private static func becomeBackgroundTrainer() {
        #if os(Linux)
            // On Linux both apply per thread, and "0" names the calling thread.
            var unused = sched_param()
            if sched_setscheduler(0, schedIdle, &unused) != 0 {
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            }
            let comm = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC), name = "neuroglow.train"
            if comm >= 0 {
                _ = write(comm, name, name.utf8.count)
                close(comm)
            }
        #endif
    }

    /// Linux's SCHED_IDLE (<linux/sched.h>), which Glibc's module leaves out (a GNU extension).
    static let schedIdle: Int32 = 5

    /// Asks the background trainer to stop at its next iteration.
    public func cancel() {
        shared.withLock { $0.cancelled = true }
    }

    /// Cancels the background trainer and waits (at most `timeout` seconds) for its thread to
    /// end, so nothing is left running, or holding this run, when the program exits. Returns
    /// whether the thread has ended (true also when none was started).
    @discardableResult
    public func stop(timeout: Double = 5) -> Bool {
        let (started, ended) = shared.withLock { shared in
            shared.cancelled = true
            return (shared.started, shared.threadEnded)
        }
        guard started, !ended else { return true }
        guard threadEnd.wait(timeout: .now() + timeout) == .success else { return false }
        threadEnd.signal()  // for whoever waits next
        return true
    }

    private var isCancelled: Bool { shared.withLock { $0.cancelled } }

    /// How many iterations over a set of `examples` the trainer runs between two looks for a
    /// cancellation: about 4,096 example steps. A look takes a lock, a cost worth sparing where
    /// an iteration is a handful of examples (xor3's 7), but a large set's iteration is a pass of
    /// thousands: looking every 64 iterations kept a closing window waiting 5 s (the stop's
    /// timeout) on 20,000 examples of 784 pixels.
    static func iterationsBetweenCancellationLooks(examples: Int) -> Int { max(1, 4_096 / max(examples, 1)) }

    /// Whether the run was cancelled, looked at after every `cancellationStride`th iteration.
    private func isCancelled(at iteration: Int) -> Bool { iteration % cancellationStride == 0 && isCancelled }

    private func update(_ body: (inout SessionProgress) -> Void) {
        shared.withLock { body(&$0.progress) }
    }

    /// Runs the whole session in the calling thread (command line, recording, tests).
    public func run() {
        if let leader { return follow(leader) }
        let mode = plan.schedule.mode
        let fixedSchedule = {
            Scheduler.iterations(mode: mode, iterations: self.plan.iterations, keyframes: self.plan.schedule.keyframes)
        }
        if plan.decidesKeyframesOnline {
            if mode.needsTrajectory { return captureOnline() }
            let schedule = fixedSchedule()
            update { $0.keyframeIterations = schedule }
            return captureKeyframes(at: schedule, scale: nil)
        }
        guard let trajectory = measureTrajectory(measuringChange: mode.needsTrajectory) else { return }
        let schedule =
            mode.needsTrajectory
            ? Scheduler.adaptive(cumulativeChange: trajectory.cumulativeChange, keyframes: plan.schedule.keyframes)
            : fixedSchedule()
        update {
            $0.keyframeIterations = schedule
            $0.keyframeWeightScales = [trajectory.scale]
            $0.isWeightScaleProvisional = false
        }
        captureKeyframes(at: schedule, scale: trajectory.scale)
    }

    /// Whether the visible change is measured after iteration `i`: every iteration early on, then
    /// at a stride that keeps a pass to about 20,000 measurements.
    private func isMeasured(_ i: Int) -> Bool {
        let stride = max(1, (plan.iterations - SessionRun.denselyMeasuredIterations) / 18_000)
        return i <= SessionRun.denselyMeasuredIterations || i % stride == 0 || i == plan.iterations
    }

    /// Adds the loss curve's sample for the trainer's iteration, if it has one. The loss is the
    /// mean over the data set at the current weights: the same measure as the error bar.
    private func sampleLossCurve(_ trainer: Trainer) {
        guard curveIterations.contains(trainer.iteration) else { return }
        let sample = LossSample(
            iteration: trainer.iteration, loss: trainer.network.meanLoss(on: plan.dataSet, loss: plan.training.loss))
        update {
            $0.lossCurve.append(sample)
            $0.trainerIteration = sample.iteration
        }
    }

    private func publishDivergence(at iteration: Int) {
        update {
            $0.divergedAtIteration = iteration
            $0.isFinished = true
        }
    }

    /// Publishes the trainer's network as the next keyframe, with the weight scale in force there
    /// (and the decided iterations, online).
    private func publishKeyframe(_ trainer: Trainer, change: Double, scale: Double, iterations: [Int]? = nil) {
        let network = trainer.network
        let loss = network.meanLoss(on: plan.dataSet, loss: plan.training.loss)
        let testLoss = plan.testSet.map { network.meanLoss(on: $0, loss: plan.training.loss) }
        let testAccuracy = plan.testSet.flatMap { $0.isRegression ? nil : network.accuracy(on: $0) }
        update {
            if let iterations { $0.keyframeIterations = iterations }
            $0.keyframes.append(network)
            $0.keyframeLosses.append(loss)
            if let testLoss { $0.keyframeTestLosses.append(testLoss) }
            if let testAccuracy { $0.keyframeTestAccuracies.append(testAccuracy) }
            $0.keyframeChanges.append(change)
            $0.keyframeWeightScales.append(scale)
            $0.trainerIteration = trainer.iteration
        }
    }

    /// What the first pass learns about the whole trajectory.
    private struct Trajectory {
        /// The strongest weight at any iteration up to T (or up to divergence): the session's scale.
        var scale: Double
        /// `C[i]`, the cumulative visible change on that scale, for every iteration 0…T (adaptive only).
        var cumulativeChange: [Double]
    }

    /// First pass: the session's weight scale and, when `measuringChange`, the trajectory's
    /// cumulative visible change. The change is gathered in weight units and divided by the scale
    /// at the end, when the scale is known.
    private func measureTrajectory(measuringChange: Bool) -> Trajectory? {
        let total = plan.iterations
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        var scale = plan.initialNetwork.largestWeightMagnitude
        var weightChange = [Double](repeating: 0, count: measuringChange ? total + 1 : 0)
        var outputChange = weightChange
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        var lastMeasured = 0
        while trainer.iteration < total {
            if isCancelled(at: trainer.iteration) { return nil }
            trainer.runIteration()
            let i = trainer.iteration
            if trainer.hasDiverged {
                // Nothing past divergence is worth showing: the schedule ends at the last finite state.
                for j in (lastMeasured + 1)...total where measuringChange {
                    weightChange[j] = weightChange[lastMeasured]
                    outputChange[j] = outputChange[lastMeasured]
                }
                break
            }
            scale = max(scale, trainer.network.largestWeightMagnitude)
            guard measuringChange, isMeasured(i) else { continue }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            let weightsReached = weightChange[lastMeasured] + current.weightChange(from: previous)
            let outputsReached = outputChange[lastMeasured] + current.outputChange(from: previous)
            // Between measured iterations the change is spread evenly.
            for j in (lastMeasured + 1)...i {
                let t = Double(j - lastMeasured) / Double(i - lastMeasured)
                weightChange[j] = weightChange[lastMeasured] + (weightsReached - weightChange[lastMeasured]) * t
                outputChange[j] = outputChange[lastMeasured] + (outputsReached - outputChange[lastMeasured]) * t
            }
            previous = current
            lastMeasured = i
        }
        let cumulative = weightChange.indices.map { i in
            (scale > 0 ? weightChange[i] / scale : 0) + outputChange[i]
        }
        return Trajectory(scale: scale, cumulativeChange: cumulative)
    }

    /// Final pass: trains from the start and keeps the network at every keyframe iteration. With
    /// no `scale` (a fixed schedule decided online) each keyframe's is the strongest weight so far.
    private func captureKeyframes(at schedule: [Int], scale: Double?) {
        captureKeyframes(scale: scale) { k in k < schedule.count ? schedule[k] : nil }
    }

    /// Trains from the start and keeps the network at keyframe k's iteration, `target(k)`, for
    /// k = 1, 2, … until `target` says nil (keyframe 0 was published by init).
    private func captureKeyframes(scale: Double?, target: (Int) -> Int?) {
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        var keyframeScale = scale ?? previous.largestWeightMagnitude
        var k = 1
        while let goal = target(k) {
            while trainer.iteration < goal && !trainer.hasDiverged {
                if isCancelled(at: trainer.iteration) { return }
                trainer.runIteration()
                sampleLossCurve(trainer)
            }
            if trainer.hasDiverged { return publishDivergence(at: trainer.iteration) }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            if scale == nil { keyframeScale = max(keyframeScale, current.largestWeightMagnitude) }
            publishKeyframe(trainer, change: current.change(from: previous, scale: keyframeScale), scale: keyframeScale)
            previous = current
            k += 1
        }
        if !isCancelled { update { $0.isFinished = true } }
    }

    /// `--compare`'s second network: a keyframe at each iteration the leader decides, as soon as
    /// it decides it. A small session first finds its own weight scale, as a leader would.
    private func follow(_ leader: SessionRun) {
        var scale: Double? = nil
        if !plan.decidesKeyframesOnline {
            guard let trajectory = measureTrajectory(measuringChange: false) else { return }
            scale = trajectory.scale
            update {
                $0.keyframeWeightScales = [trajectory.scale]
                $0.isWeightScaleProvisional = false
            }
        }
        captureKeyframes(scale: scale) { k in
            while !isCancelled {
                let led = leader.progress
                if let iterations = led.keyframeIterations, iterations.count > k {
                    update { $0.keyframeIterations = iterations }
                    return iterations[k]
                }
                if led.isFinished { return nil }
                usleep(2_000)
            }
            return nil
        }
    }

    /// Single pass for large adaptive sessions: keyframes are decided as the trainer reaches them
    /// (`OnlineAdaptiveScheduler`), so the window can show the first ones at once. Widths are
    /// measured on the strongest weight seen so far, as they are drawn.
    private func captureOnline() {
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        var scheduler = OnlineAdaptiveScheduler(total: plan.iterations, keyframes: plan.schedule.keyframes)
        var cumulative = 0.0
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        var atKeyframe = previous
        var scale = previous.largestWeightMagnitude
        update { $0.keyframeIterations = [0] }
        while trainer.iteration < plan.iterations && !scheduler.isComplete {
            if isCancelled(at: trainer.iteration) { return }
            trainer.runIteration()
            let i = trainer.iteration
            if trainer.hasDiverged { return publishDivergence(at: i) }
            sampleLossCurve(trainer)
            guard isMeasured(i) || scheduler.mustObserve(i) else { continue }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            scale = max(scale, current.largestWeightMagnitude)
            cumulative += current.change(from: previous, scale: scale)
            previous = current
            guard scheduler.observe(iteration: i, cumulativeChange: cumulative) else { continue }
            publishKeyframe(
                trainer, change: current.change(from: atKeyframe, scale: scale), scale: scale,
                iterations: scheduler.keyframes)
            atKeyframe = current
        }
        update { $0.isFinished = true }
    }
}
