import SDLPlatform
import Session

/// A recording made from the live window: each presented session frame is read back from the
/// window and written once. While the clock cannot move (paused, minimised, waiting for the
/// trainer) nothing is written again, so file k is session frame `firstSessionFrame + k`, exactly
/// as in a headless recording of the same options.
final class LiveRecording {
    let target: RecordingTarget
    let firstSessionFrame: Int
    private let recorder: FrameRecorder
    private let journal: RecordingJournal
    /// The session frame captured last, if any.
    private var lastSessionFrame: Int?

    /// Creates the folder (or starts ffmpeg for a video), reserves the manifest and announces the
    /// recording; throws (with the system's or ffmpeg's reason) if it cannot be written.
    init(
        target: RecordingTarget, crf: Int?, canvas: Canvas, plan: SessionPlan, view: ViewChoices,
        arguments: [String], events: EventLog, firstSessionFrame: Int, keyframeIterations: [Int],
        compare: String? = nil
    ) throws {
        self.target = target
        self.firstSessionFrame = firstSessionFrame
        // (A folder of frames is only replaced where --overwrite was passed: `LiveCommand` checks.)
        target.removeFrames()
        let sink = try target.openSink(
            width: canvas.width, height: canvas.height, fps: plan.schedule.fps, crf: crf,
            pixelFormat: canvas.capturePixelFormat)
        recorder = FrameRecorder(sink: sink, canvas: canvas)
        var manifest = RecordingManifest(
            plan: plan, arguments: arguments, width: canvas.width, height: canvas.height, palette: view.palette.name,
            dashed: view.dashed, widths: view.widths, firstSessionFrame: firstSessionFrame)
        manifest.compare = compare
        journal = RecordingJournal(manifest: manifest, target: target, sink: sink, events: events)
        do {
            try journal.begin(plannedFrames: plan.timeline.frameCount, keyframeIterations: keyframeIterations)
        } catch {
            recorder.finish()
            throw error
        }
    }

    /// Whether frames of `canvas` have the recording's size (a resized window's do not).
    func fits(_ canvas: Canvas) -> Bool { canvas.width == recorder.width && canvas.height == recorder.height }

    /// The recording's frame size, as "W×H".
    var frameSize: String { "\(recorder.width)×\(recorder.height)" }

    /// Frames accepted so far (for the REC mark).
    var capturedFrames: Int { recorder.capturedFrames }

    /// Whether session frame `frame` is in the recording already: then the clock may move on.
    func holds(frame: Int) -> Bool { lastSessionFrame == frame }

    /// Captures what the canvas shows (call before presenting) as session frame `frame`, unless
    /// that frame is recorded already. Returns why the recording failed, if it did.
    func capture(frame: Int, from canvas: Canvas) -> String? {
        guard !holds(frame: frame) else { return nil }
        lastSessionFrame = frame
        if !recorder.capture(from: canvas) || recorder.failure != nil {
            return recorder.failure ?? "recording failed"
        }
        return nil
    }

    /// Waits for every queued frame, writes the final manifest and the `stopped` event. Returns
    /// the frames written and why the recording stopped early (a write failure wins over `reason`).
    func finish(reason: String?, keyframeIterations: [Int]) -> (frames: Int, reason: String?) {
        recorder.finish()
        let written = recorder.writtenFrames
        let why = recorder.failure ?? reason
        journal.end(frames: written, keyframeIterations: keyframeIterations, reason: why)
        return (written, why)
    }
}
