import ArgumentParser
import Foundation
import NeuralCore
import Playback
import Scene
import SDLPlatform
import Session

/// `neuroglow record DIR`: renders every frame of the session headless (no X server needed).
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Render the session into a folder of BMP frames.")

    @Argument(help: "The folder for frame_000000.bmp, … and session.json (created if missing).")
    var dir: String
    @OptionGroup var model: ModelArguments
    @OptionGroup var scheduleOptions: ScheduleArguments
    @OptionGroup var view: ViewArguments
    @Option(
        parsing: .unconditional,
        help: """
            Stop after this many frames (default: the whole session, keyframes × beat; more frames hold the \
            last keyframe, as the live window does; never past --to-keyframe).
            """)
    var frames: Int?
    @Flag(help: "Allow a folder that already holds frames (they are replaced).")
    var overwrite = false
    @Flag(help: "Finish an interrupted recording in DIR: checks its options, renders only the missing frames.")
    var resume = false
    @Option(
        name: .customLong("from-keyframe"), parsing: .unconditional,
        help: "Record a slice: from this keyframe's first frame (0-based; default 0).")
    var fromKeyframe: Int?
    @Option(
        name: .customLong("to-keyframe"), parsing: .unconditional,
        help: "Record a slice: to this keyframe's last frame, its whole beat (default: the last keyframe).")
    var toKeyframe: Int?

    mutating func run() throws {
        let plan = try validating {
            try SessionPlan.make(model: try model.resolved(), schedule: scheduleOptions.resolved())
        }
        let size = try validating { try view.resolvedSize() }
        if let frames, frames < 1 { throw ValidationError("--frames \(frames): expected a whole number of at least 1") }
        if resume && overwrite { throw ValidationError("--resume and --overwrite: choose one") }
        let slice = try validating { try sessionFrames(plan) }
        let manifest = RecordingManifest(
            plan: plan, arguments: Array(CommandLine.arguments.dropFirst()), width: size.width, height: size.height,
            palette: view.palette, dashed: view.dashed, widths: view.widths, firstSessionFrame: slice.lowerBound)
        let keptFrames = try validating { try framesToKeep(manifest) }
        let events = try validating { try EventLog(destination: view.events) }
        installStopHandlers()
        let result: HeadlessRecording.Result
        do {
            let recording = try HeadlessRecording(
                plan: plan, manifest: manifest, directory: dir, events: events, keepingFrames: keptFrames)
            result = recording.render(frames: framesToRender(slice))
        } catch {
            events.error("cannot record: \(error)")
            report("neuroglow: cannot record to \(dir): \(error)")
            throw ExitCode(1)
        }
        if let failure = result.failure {
            report("neuroglow: recording stopped after \(result.frames) frames: \(failure)")
            throw ExitCode(1)
        }
        if keptFrames > 0 { report("neuroglow: resumed after frame \(keptFrames - 1)") }
        report(
            "neuroglow: \(result.rendered) frames in \(format(result.seconds, 1)) s "
                + "(\(format(Double(result.rendered) / max(result.seconds, 1e-9), 0)) frames/s) → \(dir)"
        )
        print(
            "ffmpeg -framerate \(plan.schedule.fps) -i \(dir)/frame_%06d.bmp -pix_fmt yuv420p "
                + "\(dir.hasSuffix("/") ? String(dir.dropLast()) : dir).mp4"
        )
    }

    /// The session frames to record: the whole session, or the beats of keyframes
    /// `--from-keyframe` … `--to-keyframe` (both included).
    private func sessionFrames(_ plan: SessionPlan) throws(InputError) -> Range<Int> {
        let timeline = plan.timeline
        let last = timeline.keyframeCount - 1
        let from = fromKeyframe ?? 0, to = toKeyframe ?? last
        for (name, value) in [("--from-keyframe", fromKeyframe), ("--to-keyframe", toKeyframe)] {
            if let value, !(0...last).contains(value) {
                throw InputError(
                    "\(name) \(value): expected a keyframe from 0 to \(last) (this session shows \(last + 1))")
            }
        }
        if from > to { throw InputError("--from-keyframe \(from) is after --to-keyframe \(to): expected from ≤ to") }
        return timeline.firstFrame(ofKeyframe: from)..<timeline.firstFrame(ofKeyframe: to + 1)
    }

    /// How many frames to write: `--frames`, or the slice. Past the session's end the last keyframe
    /// is held (so a live recording that ran on after the end can be rendered again headless), but
    /// never past an explicit `--to-keyframe`.
    private func framesToRender(_ slice: Range<Int>) -> Int {
        guard let frames else { return slice.count }
        return toKeyframe == nil ? frames : min(frames, slice.count)
    }

    /// How many frames already in DIR stay: those of the interrupted recording being resumed, or
    /// none. Refuses a folder that holds frames unless told what to do with them.
    private func framesToKeep(_ manifest: RecordingManifest) throws(InputError) -> Int {
        let interrupted = InterruptedRecording.find(in: dir)
        if resume {
            guard let interrupted else {
                throw InputError(
                    "--resume: \(dir) holds no interrupted recording (no session.json that says it stopped early)")
            }
            try interrupted.check(against: manifest)
            interrupted.removeLeftovers()
            return interrupted.wholeFrames
        }
        if overwrite { return 0 }
        if let interrupted { throw InputError(interrupted.advice) }
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        if existing.contains(where: { $0.hasPrefix("frame_") && $0.hasSuffix(".bmp") }) {
            throw InputError("\(dir) already holds frames; choose an empty folder or pass --overwrite")
        }
        return 0
    }
}

/// Renders a session's frames into a folder with SDL's software renderer, one worker per core:
/// each frame is a pure function of its index, so workers render the next frames in parallel and
/// write them in order. A disk that fills up therefore keeps every frame that fitted, from 0 on,
/// with no gap. Frames already in the folder are removed first, except the `keepingFrames` whole
/// frames of a recording being resumed: rendering starts after them. File k holds session frame
/// `manifest.firstSessionFrame + k` (a slice starts part-way).
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
    private let workers: [FrameWorker]
    private let presenter: FramePresenter
    private let events: EventLog
    private let journal: RecordingJournal
    private let directory: String
    private let firstFrame: Int
    /// The session frame of file 0.
    private let firstSessionFrame: Int

    init(
        plan: SessionPlan, manifest: RecordingManifest, directory: String, events: EventLog, keepingFrames: Int = 0
    ) throws {
        let font = try AssetLocator.requireFontPath()
        let width = manifest.width, height = manifest.height
        self.plan = plan
        self.events = events
        self.directory = directory
        firstFrame = keepingFrames
        firstSessionFrame = manifest.firstSessionFrame
        try RecordingFolder.prepare(directory)
        let kept = Set((0..<keepingFrames).map(FrameRecorder.fileName))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where name.hasPrefix("frame_") && !kept.contains(name) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
        let system = try SDLSystem.start(headless: true)
        let count = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        workers = try (0..<count).map { _ in
            try FrameWorker(system: system, width: width, height: height, fontPath: font)
        }
        presenter = FramePresenter(
            plan: plan, width: width, height: height, palette: Palette(manifest.palette), dashed: manifest.dashed,
            widths: manifest.widths)
        journal = RecordingJournal(manifest: manifest, directory: directory, events: events)
    }

    func render(frames total: Int, showsProgress: Bool = true) -> Result {
        let start = Date()
        let run = SessionRun(plan: plan)
        run.run()
        let progress = run.progress
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
            return Result(frames: firstFrame, rendered: 0, seconds: 0, failure: "\(error)")
        }
        let recorded = (firstSessionFrame + firstFrame)..<(firstSessionFrame + total)
        for (k, iteration) in keyframeIterations.enumerated()
        where recorded.contains(timeline.firstFrame(ofKeyframe: k)) {
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
                worker.renderer.draw(SceneBuilder.build(presenter.sceneInput(progress: progress, frame: sessionFrame)))
                guard tally.waitForTurn(frame) else { break }
                do {
                    try worker.writeFrame(frame, in: directory)
                } catch {
                    tally.fail(frame: frame, message: "\(error)")
                    break
                }
                tally.frameDone()
            }
        }
        tally.finish()
        let written = tally.written  // writes happen in order, so these are frames 0…written−1
        let failure = tally.failure ?? (StopSignal.isRequested ? "interrupted" : nil)
        journal.end(frames: written, keyframeIterations: keyframeIterations, reason: failure)
        return Result(
            frames: written, rendered: written - firstFrame, seconds: Date().timeIntervalSince(start), failure: failure)
    }
}

/// What the recording workers share: the next frame to render, whose turn it is to write, frames
/// done (with the progress display) and the first failure.
private final class Tally: @unchecked Sendable {
    private let lock = NSCondition()
    private var done = 0
    private var next = 0
    private let first: Int
    private let total: Int
    private var firstFailure: (frame: Int, message: String)?
    private var bar: ProgressReporter?
    private let start: Date

    /// Frames before `first` are already written (a resumed recording).
    init(first: Int, total: Int, start: Date, showsProgress: Bool) {
        done = first
        next = first
        self.first = first
        self.total = total
        bar = showsProgress ? ProgressReporter(total: total - first) : nil
        self.start = start
    }

    /// Waits until every frame before `frame` is written; false if a frame failed meanwhile.
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

    /// Frames written so far (all of 0…written−1).
    var written: Int { lock.withLock { done } }

    func finish() { lock.withLock { bar?.finish() } }
}
