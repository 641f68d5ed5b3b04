import Foundation
import NeuralCore
import Playback

/// Trains a session's network and captures its keyframes, on a background thread or in place.
///
/// Adaptive schedules need the trajectory before the keyframes can be placed: a first pass
/// trains to T measuring the visible change (`VisibleState`) at every iteration early on and at a
/// fine stride later, places the keyframes, and a second, identical pass (training is
/// deterministic) captures the networks at those iterations. Fixed modes need only the second
/// pass. The live window reads `progress` every frame and never waits on the trainer.
public final class SessionRun: @unchecked Sendable {
    public let plan: SessionPlan

    private let lock = NSLock()
    private var state = SessionProgress()
    private var cancelled = false
    private var threadEnded = false
    /// Whether `start` launched the thread. (The Thread itself is not kept: it holds this run
    /// through its closure, and keeping it would make a cycle.)
    private var started = false

    /// Iterations below this are all measured for the adaptive schedule; later ones at a stride
    /// chosen so the first pass measures at most about 20,000 states.
    static let denselyMeasuredIterations = 2_000

    /// Keyframe 0 is always the untrained network, so it is published at once: the window's
    /// first frame never depends on how fast the trainer thread starts.
    public init(plan: SessionPlan) {
        self.plan = plan
        let loss = plan.initialNetwork.meanLoss(on: plan.dataSet, loss: plan.training.loss)
        state.keyframes = [plan.initialNetwork]
        state.keyframeLosses = [loss]
        state.keyframeChanges = [0]
        state.lossCurve = [LossSample(iteration: 0, loss: loss)]
    }

    /// A consistent copy of what has been produced so far.
    public var progress: SessionProgress {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    /// Starts training on a background thread; returns at once.
    public func start() {
        let thread = Thread { [self] in
            run()
            lock.withLock { threadEnded = true }
        }
        thread.name = "neuroglow.trainer"
        thread.stackSize = 8 << 20
        started = true
        thread.start()
    }

    /// Asks the background trainer to stop at its next iteration.
    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Cancels the background trainer and waits (at most `timeout` seconds) for its thread to
    /// end, so nothing is left running, or holding this run, when the program exits.
    public func stop(timeout: Double = 5) {
        cancel()
        guard started else { return }
        let deadline = Date().addingTimeInterval(timeout)
        while !lock.withLock({ threadEnded }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    private func update(_ body: (inout SessionProgress) -> Void) {
        lock.lock()
        body(&state)
        lock.unlock()
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
            schedule = Scheduler.iterations(mode: plan.schedule.mode, iterations: plan.iterations, keyframes: plan.schedule.keyframes)
        }
        update { $0.keyframeIterations = schedule }
        captureKeyframes(at: schedule)
    }

    /// First pass: the trajectory's cumulative visible change, then the adaptive keyframes.
    private func measureAdaptiveSchedule() -> [Int]? {
        let total = plan.iterations
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        let stride = max(1, (total - SessionRun.denselyMeasuredIterations) / 18_000)
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
            guard i <= SessionRun.denselyMeasuredIterations || i % stride == 0 || i == total else { continue }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            let reached = cumulative[lastMeasured] + current.change(from: previous)
            // Between measured iterations the change is spread evenly.
            for j in (lastMeasured + 1)...i {
                cumulative[j] = cumulative[lastMeasured] + (reached - cumulative[lastMeasured]) * Double(j - lastMeasured) / Double(i - lastMeasured)
            }
            previous = current
            lastMeasured = i
        }
        return Scheduler.adaptive(cumulativeChange: cumulative, keyframes: plan.schedule.keyframes)
    }

    /// Final pass: trains from the start and keeps the network at every keyframe iteration.
    private func captureKeyframes(at schedule: [Int]) {
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        let curveIterations = Set(Scheduler.geometric(total: plan.iterations, keyframes: 400))
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        for (k, target) in schedule.enumerated() {
            while trainer.iteration < target && !trainer.hasDiverged {
                if trainer.iteration % 64 == 0, isCancelled { return }
                trainer.runIteration()
                if curveIterations.contains(trainer.iteration) {
                    let sample = LossSample(iteration: trainer.iteration, loss: trainer.lastIterationLoss)
                    update {
                        $0.lossCurve.append(sample)
                        $0.trainerIteration = trainer.iteration
                    }
                }
            }
            if trainer.hasDiverged {
                let at = trainer.iteration
                update {
                    $0.divergedAtIteration = at
                    $0.isFinished = true
                }
                return
            }
            if k == 0 { continue }   // published by init
            let network = trainer.network
            let current = VisibleState(network: network, dataSet: plan.dataSet)
            let change = current.change(from: previous)
            previous = current
            let loss = network.meanLoss(on: plan.dataSet, loss: plan.training.loss)
            update {
                $0.keyframes.append(network)
                $0.keyframeLosses.append(loss)
                $0.keyframeChanges.append(change)
                $0.trainerIteration = trainer.iteration
            }
        }
        update { $0.isFinished = true }
    }

    /// Single pass for large adaptive sessions: keyframes are decided as the trainer reaches them
    /// (`OnlineAdaptiveScheduler`), so the window can show the first ones at once.
    private func captureOnline() {
        let total = plan.iterations
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        var scheduler = OnlineAdaptiveScheduler(total: total, keyframes: plan.schedule.keyframes)
        let stride = max(1, (total - SessionRun.denselyMeasuredIterations) / 18_000)
        let curveIterations = Set(Scheduler.geometric(total: total, keyframes: 400))
        var cumulative = 0.0
        var previous = VisibleState(network: trainer.network, dataSet: plan.dataSet)
        var atKeyframe = previous
        update { $0.keyframeIterations = [0] }
        while trainer.iteration < total && !scheduler.isComplete {
            if trainer.iteration % 64 == 0, isCancelled { return }
            trainer.runIteration()
            let i = trainer.iteration
            if trainer.hasDiverged {
                update {
                    $0.divergedAtIteration = i
                    $0.isFinished = true
                }
                return
            }
            if curveIterations.contains(i) {
                let sample = LossSample(iteration: i, loss: trainer.lastIterationLoss)
                update {
                    $0.lossCurve.append(sample)
                    $0.trainerIteration = i
                }
            }
            guard i <= SessionRun.denselyMeasuredIterations || i % stride == 0 || scheduler.mustObserve(i) else { continue }
            let current = VisibleState(network: trainer.network, dataSet: plan.dataSet)
            cumulative += current.change(from: previous)
            previous = current
            guard scheduler.observe(iteration: i, cumulativeChange: cumulative) else { continue }
            let network = trainer.network
            let loss = network.meanLoss(on: plan.dataSet, loss: plan.training.loss)
            let change = current.change(from: atKeyframe)
            atKeyframe = current
            let decided = scheduler.keyframes
            update {
                $0.keyframeIterations = decided
                $0.keyframes.append(network)
                $0.keyframeLosses.append(loss)
                $0.keyframeChanges.append(change)
                $0.trainerIteration = i
            }
        }
        update { $0.isFinished = true }
    }

    /// Waits (polling) until the background run has finished or `timeout` seconds pass.
    @discardableResult
    public func waitUntilFinished(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if progress.isFinished { return true }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return progress.isFinished
    }
}
