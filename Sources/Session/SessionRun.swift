import Foundation
import NeuralCore
import Playback
import Synchronization

/// Trains a session's network and captures its keyframes, on a background thread or in place.
///
/// Adaptive schedules need the trajectory before the keyframes can be placed: a first pass
/// trains to T measuring the visible change (`VisibleState`) at every iteration early on and at a
/// fine stride later, places the keyframes, and a second, identical pass (training is
/// deterministic) captures the networks at those iterations. Fixed modes need only the second
/// pass. The live window reads `progress` every frame and never waits on the trainer.
public final class SessionRun: Sendable {
    public let plan: SessionPlan

    /// Everything that changes while the session runs, behind one lock.
    private struct Shared {
        var progress = SessionProgress()
        var cancelled = false
        /// Whether `start` launched the thread. (The Thread itself is not kept: it holds this run
        /// through its closure, and keeping it would make a cycle.)
        var started = false
        var threadEnded = false
    }

    private let shared: Mutex<Shared>
    /// Signalled once when the background thread ends (and again by each waiter, for the next).
    private let threadEnd = DispatchSemaphore(value: 0)
    /// Iterations whose loss goes on the loss curve (log-spaced).
    private let curveIterations: Set<Int>

    /// Iterations below this are all measured for the adaptive schedule; later ones at a stride
    /// chosen so the first pass measures at most about 20,000 states.
    static let denselyMeasuredIterations = 2_000

    /// Keyframe 0 is always the untrained network, so it is published at once: the window's
    /// first frame never depends on how fast the trainer thread starts.
    public init(plan: SessionPlan) {
        self.plan = plan
        curveIterations = Set(Scheduler.geometric(total: plan.iterations, keyframes: 400))
        let loss = plan.initialNetwork.meanLoss(on: plan.dataSet, loss: plan.training.loss)
        var first = SessionProgress()
        first.keyframes = [plan.initialNetwork]
        first.keyframeLosses = [loss]
        first.keyframeChanges = [0]
        first.lossCurve = [LossSample(iteration: 0, loss: loss)]
        shared = Mutex(Shared(progress: first))
    }

    /// A consistent copy of what has been produced so far.
    public var progress: SessionProgress { shared.withLock { $0.progress } }

    /// Starts training on a background thread; returns at once. Call at most once.
    public func start() {
        let thread = Thread { [self] in
            Self.becomeBackgroundTrainer()
            run()
            shared.withLock { $0.threadEnded = true }
            threadEnd.signal()
        }
        thread.stackSize = 8 << 20
        shared.withLock { $0.started = true }
        thread.start()
    }

    /// Makes the calling thread the background trainer: named "neuroglow.train" (for `top -H`
    /// and gdb; Foundation's thread name does not reach the system on Linux) and at nice 10, so
    /// that on a machine with few cores the window's thread and the software rasteriser's win
    /// over training when both want a core. The trainer keeps every cycle the window leaves.
    private static func becomeBackgroundTrainer() {
        #if os(Linux)
            // On Linux the nice value is per thread, and "who = 0" names the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            try? "neuroglow.train".write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #endif
    }

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

    private func update(_ body: (inout SessionProgress) -> Void) {
        shared.withLock { body(&$0.progress) }
    }

    /// Runs the whole session in the calling thread (command line, recording, tests).
    public func run() {
        if plan.schedule.mode.needsTrajectory && plan.decidesKeyframesOnline {
            captureOnline()
            return
        }
        let schedule: [Int]
        if plan.schedule.mode.needsTrajectory {
            guard let adaptive = measureAdaptiveSchedule() else { return }
            schedule = adaptive
        } else {
            schedule = Scheduler.iterations(
                mode: plan.schedule.mode, iterations: plan.iterations, keyframes: plan.schedule.keyframes)
        }
        update { $0.keyframeIterations = schedule }
        captureKeyframes(at: schedule)
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

    /// Publishes the trainer's network as the next keyframe (and the decided iterations, online).
    private func publishKeyframe(_ trainer: Trainer, change: Double, iterations: [Int]? = nil) {
        let network = trainer.network
        let loss = network.meanLoss(on: plan.dataSet, loss: plan.training.loss)
        update {
            if let iterations { $0.keyframeIterations = iterations }
            $0.keyframes.append(network)
            $0.keyframeLosses.append(loss)
            $0.keyframeChanges.append(change)
            $0.trainerIteration = trainer.iteration
        }
    }

    /// First pass: the trajectory's cumulative visible change, then the adaptive keyframes.
    private func measureAdaptiveSchedule() -> [Int]? {
        let total = plan.iterations
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        var cumulative = [Double](repeating: 0, count: total + 1)
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        var lastMeasured = 0
        while trainer.iteration < total {
            if trainer.iteration % 256 == 0, isCancelled { return nil }
            trainer.runIteration()
            let i = trainer.iteration
            if trainer.hasDiverged {
                // Nothing past divergence is worth showing: the schedule ends at the last finite state.
                for j in (lastMeasured + 1)...total { cumulative[j] = cumulative[lastMeasured] }
                break
            }
            guard isMeasured(i) else { continue }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            let reached = cumulative[lastMeasured] + current.change(from: previous)
            // Between measured iterations the change is spread evenly.
            for j in (lastMeasured + 1)...i {
                cumulative[j] =
                    cumulative[lastMeasured] + (reached - cumulative[lastMeasured]) * Double(j - lastMeasured)
                    / Double(i - lastMeasured)
            }
            previous = current
            lastMeasured = i
        }
        return Scheduler.adaptive(cumulativeChange: cumulative, keyframes: plan.schedule.keyframes)
    }

    /// Final pass: trains from the start and keeps the network at every keyframe iteration.
    private func captureKeyframes(at schedule: [Int]) {
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        for target in schedule.dropFirst() {  // keyframe 0 was published by init
            while trainer.iteration < target && !trainer.hasDiverged {
                if trainer.iteration % 64 == 0, isCancelled { return }
                trainer.runIteration()
                sampleLossCurve(trainer)
            }
            if trainer.hasDiverged { return publishDivergence(at: trainer.iteration) }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            publishKeyframe(trainer, change: current.change(from: previous))
            previous = current
        }
        update { $0.isFinished = true }
    }

    /// Single pass for large adaptive sessions: keyframes are decided as the trainer reaches them
    /// (`OnlineAdaptiveScheduler`), so the window can show the first ones at once.
    private func captureOnline() {
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        var scheduler = OnlineAdaptiveScheduler(total: plan.iterations, keyframes: plan.schedule.keyframes)
        var cumulative = 0.0
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        var atKeyframe = previous
        update { $0.keyframeIterations = [0] }
        while trainer.iteration < plan.iterations && !scheduler.isComplete {
            if trainer.iteration % 64 == 0, isCancelled { return }
            trainer.runIteration()
            let i = trainer.iteration
            if trainer.hasDiverged { return publishDivergence(at: i) }
            sampleLossCurve(trainer)
            guard isMeasured(i) || scheduler.mustObserve(i) else { continue }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            cumulative += current.change(from: previous)
            previous = current
            guard scheduler.observe(iteration: i, cumulativeChange: cumulative) else { continue }
            publishKeyframe(trainer, change: current.change(from: atKeyframe), iterations: scheduler.keyframes)
            atKeyframe = current
        }
        update { $0.isFinished = true }
    }
}
