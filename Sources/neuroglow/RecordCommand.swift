import ArgumentParser
import Foundation
import NeuralCore
import Playback
import Scene
import SDLPlatform
import Session

/// `neuroglow record DIR`: renders every frame of the session headless (no X server needed).
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Render the session into a folder of BMP frames.")

    @Argument(help: "The folder for frame_000000.bmp, … and session.json (created if missing).")
    var dir: String
    @OptionGroup var model: ModelArguments
    @OptionGroup var scheduleOptions: ScheduleArguments
    @OptionGroup var view: ViewArguments
    @Option(help: "Stop after this many frames (default: the whole session, keyframes × beat).")
    var frames: Int?
    @Flag(help: "Allow a folder that already holds frames (they are replaced).")
    var overwrite = false

    mutating func run() throws {
        let plan = try validating { try SessionPlan.make(model: try model.resolved(), schedule: try scheduleOptions.resolved()) }
        let size = try validating { try view.resolvedSize() }
        let palette = try validating { try view.resolvedPalette() }
        if let frames, frames < 1 { throw ValidationError("--frames \(frames): expected a whole number of at least 1") }
        if !overwrite, let existing = try? FileManager.default.contentsOfDirectory(atPath: dir),
           existing.contains(where: { $0.hasPrefix("frame_") && $0.hasSuffix(".bmp") }) {
            throw ValidationError("\(dir) already holds frames; choose an empty folder or pass --overwrite")
        }
        let events = try validating { try EventLog(destination: view.events) }
        let result: HeadlessRecording.Result
        do {
            let recording = try HeadlessRecording(plan: plan, width: size.width, height: size.height, palette: palette, dashed: view.dashed,
                                                  directory: dir, events: events, arguments: Array(CommandLine.arguments.dropFirst()))
            result = recording.render(frames: frames ?? plan.timeline.frameCount)
        } catch {
            events.error("cannot record: \(error)")
            report("neuroglow: cannot record to \(dir): \(error)")
            throw ExitCode(1)
        }
        if let failure = result.failure {
            report("neuroglow: recording stopped after \(result.frames) frames: \(failure)")
            throw ExitCode(1)
        }
        report("neuroglow: \(result.frames) frames in \(format(result.seconds, 1)) s (\(format(Double(result.frames) / max(result.seconds, 1e-9), 0)) frames/s) → \(dir)")
        print("ffmpeg -framerate \(plan.schedule.fps) -i \(dir)/frame_%06d.bmp -pix_fmt yuv420p \(dir.hasSuffix("/") ? String(dir.dropLast()) : dir).mp4")
    }
}

/// Renders a session's frames into a folder with SDL's software renderer on a surface.
final class HeadlessRecording {
    struct Result {
        let frames: Int
        let seconds: Double
        let failure: String?
    }

    private let plan: SessionPlan
    private let system: SDLSystem
    private let canvas: SurfaceCanvas
    private let renderer: SceneRenderer
    private let recorder: FrameRecorder
    private let presenter: FramePresenter
    private let events: EventLog
    private let manifest: RecordingManifest

    init(plan: SessionPlan, width: Int, height: Int, palette: Palette, dashed: Bool, directory: String, events: EventLog, arguments: [String]) throws {
        guard let font = AssetLocator.fontPath() else { throw InputError("cannot find \(AssetLocator.fontName) (set NEUROGLOW_ASSETS to the Assets folder)") }
        self.plan = plan
        self.events = events
        system = try SDLSystem(headless: true)
        canvas = try SurfaceCanvas(width: width, height: height)
        renderer = try SceneRenderer(canvas: canvas, fontPath: font)
        recorder = try FrameRecorder(directory: directory, width: width, height: height)
        presenter = FramePresenter(plan: plan, width: width, height: height, palette: palette, dashed: dashed)
        manifest = RecordingManifest(plan: plan, arguments: arguments, width: width, height: height)
    }

    func render(frames total: Int) -> Result {
        let start = Date()
        let run = SessionRun(plan: plan)
        run.run()
        let progress = run.progress
        let timeline = plan.timeline
        var progressBar = ProgressReporter(total: total)
        do {
            try manifest.reserve(in: recorder.directory, plannedFrames: total, keyframeIterations: progress.keyframeIterations ?? [], timeline: timeline)
        } catch {
            return Result(frames: 0, seconds: 0, failure: "cannot write \(recorder.directory)/session.json: \(error.localizedDescription)")
        }
        events.write("record", [("state", JSONValue("started")), ("dir", JSONValue(recorder.directory)), ("frames", JSONValue(0))])
        for frame in 0..<total {
            guard stopRequested == 0 else { break }
            let state = timeline.state(atFrame: frame)
            if frame == timeline.firstFrame(ofKeyframe: state.keyframe), !state.isSessionOver, state.keyframe < progress.readyKeyframeCount {
                events.write("keyframe", [("index", JSONValue(state.keyframe)), ("frame", JSONValue(frame)),
                                          ("iteration", JSONValue(progress.keyframeIterations?[state.keyframe] ?? 0)),
                                          ("example", JSONValue(state.example)), ("loss", JSONValue(progress.keyframeLosses[state.keyframe]))])
            }
            renderer.draw(SceneBuilder.build(presenter.sceneInput(progress: progress, frame: frame)))
            if !recorder.capture(from: canvas) { break }
            progressBar.update(done: frame + 1, elapsed: Date().timeIntervalSince(start))
        }
        recorder.finish()
        progressBar.finish()
        let written = recorder.writtenFrames
        let failure = recorder.failure ?? (stopRequested != 0 ? "interrupted" : nil)
        do {
            try manifest.write(to: recorder.directory, frames: written, keyframeIterations: progress.keyframeIterations ?? [],
                               timeline: timeline, stoppedBecause: failure)
        } catch {
            report("neuroglow: \(error)")
        }
        events.write("record", [("state", JSONValue("stopped")), ("dir", JSONValue(recorder.directory)), ("frames", JSONValue(written)),
                                ("reason", failure.map(JSONValue.init) ?? .null)])
        return Result(frames: written, seconds: Date().timeIntervalSince(start), failure: failure)
    }
}
