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
            target.removeFrames(keeping: keepingFrames)
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
        let tally = Tally(
            recorder: recorder, first: min(firstFrame, total), total: total, start: start,
            showsProgress: showsProgress)
        let count = workers.count
        DispatchQueue.concurrentPerform(iterations: count) { w in
            let worker = workers[w]
            while let frame = tally.nextFrame() {
                // Failing the frame taken (not just leaving) keeps the frames after it unwritten.
                if StopSignal.isRequested {
                    tally.fail(frame: frame, message: "interrupted")
                    break
                }
                let sessionFrame = firstSessionFrame + frame
                worker.renderer.draw(
                    SceneBuilder.build(scene(frame: sessionFrame, progress: progress, secondProgress: secondProgress)))
                guard let prepared = recorder.prepare(from: worker.canvas) else {
                    tally.fail(frame: frame, message: recorder.failure ?? "recording failed")
                    break
                }
                tally.finished(frame, prepared)
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

/// What the recording workers share: the next frame to render, frames rendered ahead of their
/// turn, frames handed to the recorder (with the progress display) and the first failure.
///
/// Workers never wait for one another: a frame finished before the frames ahead of it waits
/// here and is handed over, in order, by whichever worker completes the frame it waits for (on
/// two cores, waiting for turns idled the workers an eighth of the time). A frame is taken at
/// most `window` frames past the first not handed over, so the frames waiting here never hold
/// all of the recorder's buffers while the frame they wait for still needs one.
private final class Tally: @unchecked Sendable {
    private let lock = Condition()
    private let recorder: FrameRecorder
    private let window = FrameRecorder.poolSize
    private var done = 0
    private var next = 0
    private var waiting: [Int: FrameRecorder.PreparedFrame] = [:]
    private let first: Int
    private let total: Int
    private var firstFailure: (frame: Int, message: String)?
    private var bar: ProgressReporter?
    private let start: Date

    /// Frames before `first` are on disk already (a resumed recording).
    init(recorder: FrameRecorder, first: Int, total: Int, start: Date, showsProgress: Bool) {
        self.recorder = recorder
        done = first
        next = first
        self.first = first
        self.total = total
        bar = showsProgress ? ProgressReporter(total: total - first) : nil
        self.start = start
    }

    /// The next frame to render, or nil when all are taken or a frame has failed. Waits while
    /// the next frame is a whole window past the first not handed over.
    func nextFrame() -> Int? {
        lock.withLock {
            while firstFailure == nil && next < total && next >= done + window { lock.wait() }
            guard firstFailure == nil, next < total else { return nil }
            next += 1
            return next - 1
        }
    }

    /// Takes `frame`, prepared, and hands the recorder every frame now complete in order. Frames
    /// after a failed one are dropped.
    func finished(_ frame: Int, _ prepared: FrameRecorder.PreparedFrame) {
        lock.withLock {
            waiting[frame] = prepared
            while let ready = waiting.removeValue(forKey: done) {
                if let failed = firstFailure?.frame, done >= failed {
                    recorder.discard(ready)
                } else if !recorder.submit(ready) {
                    recordFailure(frame: done, message: recorder.failure ?? "recording failed")
                } else {
                    bar?.update(done: done + 1 - first, elapsed: Date().timeIntervalSince(start))
                }
                done += 1
            }
            lock.broadcast()
        }
    }

    func fail(frame: Int, message: String) {
        lock.withLock {
            recordFailure(frame: frame, message: message)
            lock.broadcast()
        }
    }

    private func recordFailure(frame: Int, message: String) {
        if firstFailure == nil || frame < firstFailure!.frame { firstFailure = (frame, message) }
    }

    var failure: String? { lock.withLock { firstFailure?.message } }

    /// Returns the buffers of frames still waiting (behind a failed frame) to the recorder.
    func finish() {
        lock.withLock {
            for prepared in waiting.values { recorder.discard(prepared) }
            waiting = [:]
            bar?.finish()
        }
    }
}
