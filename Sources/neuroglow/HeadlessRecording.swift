import Dispatch
import Dispatch
import FoundationEssentials
import Glibc
import Scene
import SDLPlatform
import Session

/// Renders a session's frames into a folder of BMP files or a video with SDL's software renderer,
/// one worker per core: each frame is a pure function of its index, so workers render the next
/// frames in parallel and hand them in order to a `FrameRecorder`, which writes them off their
/// threads. A disk that fills up therefore keeps every frame
/// that fitted, from 0 on, with no gap; a video stopped early is finished by ffmpeg and holds
/// every frame written. Frames already in a folder are removed first, except the `keepingFrames`
/// whole frames of a recording being resumed: rendering starts after them. Frame k holds session
/// frame `manifest.firstSessionFrame + k` (a slice starts part-way).
final class HeadlessRecording: @unchecked Sendable {  // each worker is used by one thread only
    struct Result {
        /// Whole frames in the folder, 0…frames−1 (kept ones included).
        let frames: Int
        /// Frames this run rendered.
        let rendered: Int
        let seconds: Double
        let failure: String?
    }

    private let plan: SessionPlan
    /// With `--compare`, both sessions (`plan` is the first).
    private let compared: ComparedPlans?
    private let workers: [FrameWorker]
    private let presenter: FramePresenter
    private let events: EventLog
    private let journal: RecordingJournal
    private let recorder: FrameRecorder
    private let firstFrame: Int
    /// The session frame of file 0.
    private let firstSessionFrame: Int

    /// With an explanation, frame k is explain mode at frame k of its default pace, over the
    /// session's first frame (`record --explain`), instead of session frame k.
    private let explanation: Explanation?

    /// Prepares the target (a video's ffmpeg is started here); `crf` is the video's quality.
    init(
        plan: SessionPlan, manifest: RecordingManifest, target: RecordingTarget, events: EventLog,
        keepingFrames: Int = 0, crf: Int? = nil, explanation: Explanation? = nil, compared: ComparedPlans? = nil
    ) throws {
        self.compared = compared
        self.explanation = explanation
        let font = try AssetLocator.requireFontPath()
        let width = manifest.width, height = manifest.height
        self.plan = plan
        self.events = events
        firstFrame = keepingFrames
        firstSessionFrame = manifest.firstSessionFrame
        if case .frames(let directory) = target {
            try RecordingFolder.prepare(directory)
            let kept = Set((0..<keepingFrames).map(FrameRecorder.fileName))
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            where name.hasPrefix("frame_") && !kept.contains(name) {
                try? FileManager.default.removeItem(atPath: directory + "/" + name)
            }
        }
        let system = try SDLSystem.start(headless: true)
        let count = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        workers = try (0..<count).map { _ in
            try FrameWorker(system: system, width: width, height: height, fontPath: font)
        }
        presenter = FramePresenter(
            plan: plan, width: width, height: height, palette: Palette(manifest.palette), dashed: manifest.dashed,
            widths: manifest.widths, compared: compared)
        let sink = try target.openSink(
            width: width, height: height, fps: plan.schedule.fps, crf: crf,
            pixelFormat: workers[0].canvas.capturePixelFormat)
        recorder = FrameRecorder(sink: sink, canvas: workers[0].canvas, firstFrame: keepingFrames)
        journal = RecordingJournal(manifest: manifest, target: target, sink: sink, events: events)
    }

    func render(frames total: Int, showsProgress: Bool = true) -> Result {
        let start = Date()
        // Where everything is in the frames, as the live window reports it.
        events.layout(presenter.layouts)
        let run = SessionRun(plan: plan)
        // The second compared network follows the first's keyframes: trained beside it.
        let secondRun = compared.map { SessionRun(plan: $0.second, following: run) }
        if let secondRun {
            DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? run.run() : secondRun.run() }
        } else {
            run.run()
        }
        let progress = run.progress, secondProgress = secondRun?.progress
        let timeline = plan.timeline
        if let at = progress.divergedAtIteration {
            let message =
                "the network diverged at iteration \(at); the recording shows it up to its last finite state — "
                + "lower the learning rate"
            events.warning(message)
            report("neuroglow: \(message)")
        }
        let keyframeIterations = progress.keyframeIterations ?? []
        do {
            try journal.begin(plannedFrames: total, keyframeIterations: keyframeIterations)
        } catch {
            recorder.finish()
            return Result(frames: firstFrame, rendered: 0, seconds: 0, failure: "\(error)")
        }
        let recorded = (firstSessionFrame + firstFrame)..<(firstSessionFrame + total)
        for (k, iteration) in keyframeIterations.enumerated()
        where explanation == nil && recorded.contains(timeline.firstFrame(ofKeyframe: k)) {
            events.keyframe(
                index: k, frame: timeline.firstFrame(ofKeyframe: k), iteration: iteration,
                example: k % plan.dataSet.count, loss: progress.keyframeLosses[k])
        }
        let tally = Tally(first: min(firstFrame, total), total: total, start: start, showsProgress: showsProgress)
        let count = workers.count
        DispatchQueue.concurrentPerform(iterations: count) { w in
            let worker = workers[w]
            while let frame = tally.nextFrame() {
                // Failing the frame taken (not just leaving) wakes a worker waiting for its turn.
                if StopSignal.isRequested {
                    tally.fail(frame: frame, message: "interrupted")
                    break
                }
                let sessionFrame = firstSessionFrame + frame
                worker.renderer.draw(
                    SceneBuilder.build(scene(frame: sessionFrame, progress: progress, secondProgress: secondProgress)))
                guard tally.waitForTurn(frame) else { break }
                guard recorder.capture(from: worker.canvas) else {
                    tally.fail(frame: frame, message: recorder.failure ?? "recording failed")
                    break
                }
                tally.frameDone()
            }
        }
        tally.finish()
        recorder.finish()
        let written = firstFrame + recorder.writtenFrames  // in order: frames 0…written−1
        let failure = recorder.failure ?? tally.failure ?? (StopSignal.isRequested ? "interrupted" : nil)
        journal.end(frames: written, keyframeIterations: keyframeIterations, reason: failure)
        return Result(
            frames: written, rendered: written - firstFrame, seconds: Date().timeIntervalSince(start), failure: failure)
    }
}

extension HeadlessRecording {
    /// Session frame `frame`, or with an explanation explain mode's frame `frame` of it.
    fileprivate func scene(frame: Int, progress: SessionProgress, secondProgress: SessionProgress?) -> SceneInput {
        guard let explanation else {
            return presenter.sceneInput(progress: progress, secondProgress: secondProgress, frame: frame)
        }
        let per = ExplainCursor.defaultFramesPerStage
        let stage = min(frame / per, explanation.stages.count - 1)
        return presenter.sceneInput(progress: progress, frame: 0) { input in
            input.isPaused = true
            input.explain = ExplainView(
                explanation: explanation, stage: stage, progress: Double(frame - stage * per) / Double(per))
        }
    }
}

/// What the recording workers share: the next frame to render, whose turn it is to hand its frame
/// over, frames handed over (with the progress display) and the first failure.
private final class Tally: @unchecked Sendable {
    private let lock = Condition()
    private var done = 0
    private var next = 0
    private let first: Int
    private let total: Int
    private var firstFailure: (frame: Int, message: String)?
    private var bar: ProgressReporter?
    private let start: Date

    /// Frames before `first` are on disk already (a resumed recording).
    init(first: Int, total: Int, start: Date, showsProgress: Bool) {
        done = first
        next = first
        self.first = first
        self.total = total
        bar = showsProgress ? ProgressReporter(total: total - first) : nil
        self.start = start
    }

    /// Waits until every frame before `frame` is handed over; false if a frame failed meanwhile.
    func waitForTurn(_ frame: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while done < frame && firstFailure == nil { lock.wait() }
        return firstFailure == nil
    }

    func frameDone() {
        lock.lock()
        done += 1
        bar?.update(done: done - first, elapsed: Date().timeIntervalSince(start))
        lock.broadcast()
        lock.unlock()
    }

    func fail(frame: Int, message: String) {
        lock.lock()
        if firstFailure == nil || frame < firstFailure!.frame { firstFailure = (frame, message) }
        lock.broadcast()
        lock.unlock()
    }

    /// The next frame to render, or nil when all are taken or a frame has failed.
    func nextFrame() -> Int? {
        lock.withLock {
            guard firstFailure == nil, next < total else { return nil }
            next += 1
            return next - 1
        }
    }

    var failure: String? { lock.withLock { firstFailure?.message } }

    func finish() { lock.withLock { bar?.finish() } }
}
