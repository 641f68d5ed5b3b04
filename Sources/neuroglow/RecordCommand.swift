import ArgumentParser
import FoundationEssentials
import Glibc
import NeuralCore
import Playback
import Scene
import SDLPlatform
import Session

/// `neuroglow record DIR|FILE.mp4`: renders every frame of the session headless (no X server
/// needed) into a folder of BMP frames, or through ffmpeg into a video.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Render the session into a folder of BMP frames or a video (ffmpeg).")

    @Argument(
        help: ArgumentHelp(
            """
            The folder for frame_000000.bmp, … and session.json (created if missing), or a video file \
            (\(VideoFormat.extensionList), chosen by the extension; its manifest goes beside it as FILE.json).
            """, valueName: "dir|file.mp4"))
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
    @OptionGroup var encoding: EncodingArguments
    @Flag(
        help: """
            Record explain mode instead of the session: one training step of the first keyframe's network on \
            the first example, stage by stage (for teaching videos).
            """)
    var explain = false
    @Flag(help: "Allow a folder that already holds frames, or a video file that exists (they are replaced).")
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
        let (plan, compared) = try validating { try model.plans(schedule: scheduleOptions.resolved()) }
        try validating { try KeptWeights.check(compared.map { [$0.first, $0.second] } ?? [plan]) }
        for note in plan.notes { report("neuroglow: \(note)") }
        if compared != nil && explain {
            throw ValidationError("--explain and --compare: explain one network at a time")
        }
        let size = try validating { try view.resolvedSize() }
        if let frames, frames < 1 { throw ValidationError("--frames \(frames): expected a whole number of at least 1") }
        if resume && overwrite { throw ValidationError("--resume and --overwrite: choose one") }
        let target = try validating { try RecordingTarget.parse(dir, option: "record") }
        try validating { try target.checkCRF(encoding.crf) }
        if target.isVideo { try checkVideoTarget() }
        if explain && (resume || fromKeyframe != nil || toKeyframe != nil) {
            throw ValidationError(
                "--explain records one explained step: it takes no --resume, --from-keyframe or --to-keyframe")
        }
        let smallest = ExplainView.smallestWindow
        if explain && (size.width < smallest.width || size.height < smallest.height) {
            throw ValidationError(
                "--explain with --size \(size.width)x\(size.height): explain mode's cards need "
                    + "\(smallest.width)x\(smallest.height) or more")
        }
        let explanation = explain ? Self.explanation(of: plan) : nil
        let slice =
            try explanation.map { 0..<($0.stages.count * ExplainCursor.defaultFramesPerStage) }
            ?? validating { try sessionFrames(plan) }
        var manifest = RecordingManifest(
            plan: plan, arguments: Array(CommandLine.arguments.dropFirst()), width: size.width, height: size.height,
            palette: view.palette, dashed: view.dashed, widths: view.widths, firstSessionFrame: slice.lowerBound)
        manifest.compare = compared?.comparison.caption
        manifest.explain = explanation.map { ($0.stages.count, ExplainCursor.defaultFramesPerStage) }
        let keptFrames = target.isVideo ? 0 : try validating { try framesToKeep(manifest) }
        let events = try validating { try EventLog(destination: view.events) }
        installStopHandlers()
        let result: HeadlessRecording.Result
        do {
            let recording = try HeadlessRecording(
                plan: plan, manifest: manifest, target: target, events: events, keepingFrames: keptFrames,
                crf: encoding.crf, explanation: explanation, compared: compared)
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
        // For frame-exact work the folder stays the source; this is the recipe for a video of it.
        if !target.isVideo {
            print(
                "ffmpeg -framerate \(plan.schedule.fps) -i \(dir)/frame_%06d.bmp -pix_fmt yuv420p "
                    + "\(dir.hasSuffix("/") ? String(dir.dropLast()) : dir).mp4"
            )
        }
    }

    /// The step explain mode shows in the live window at the session's first frame: keyframe 0's
    /// network on example 0, with the session's loss and learning rate.
    static func explanation(of plan: SessionPlan) -> Explanation {
        let step = LearningStep(
            network: plan.initialNetwork, input: plan.dataSet.input(0), target: plan.dataSet.target(0),
            loss: plan.training.loss, learningRate: plan.training.learningRate)
        return Explanation(step: step, training: plan.training, outputClasses: plan.dataSet.outputClasses)
    }

    /// A video needs ffmpeg, cannot be resumed, and replaces a file only when told to.
    private func checkVideoTarget() throws {
        if resume {
            throw ValidationError(
                "--resume: \(dir) is a video, and a video cannot be continued; record it again (--overwrite), or "
                    + "record into a folder of BMP frames, which can be resumed")
        }
        try validating { try RecordingTarget(path: dir).checkNothingReplaced(overwrite: overwrite) }
        if VideoEncoder.locateFFmpeg() == nil {
            report("neuroglow: cannot record \(dir): \(VideoEncoder.missingFFmpeg)")
            throw ExitCode(1)
        }
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
        try RecordingTarget.frames(directory: dir).checkNothingReplaced(overwrite: false)
        return 0
    }
}
