import FoundationEssentials
import Glibc
import NeuralCore
import SDLPlatform

/// What the live window writes to disk on request: recordings (R), screenshots (S) and the
/// shown model (Ctrl+S).
extension LiveApp {
    /// Starts recording: into `--record`'s target the first time it starts from the first frame,
    /// else (R) into a new `recordings/<date-time>` video — or folder of BMP frames when `--record`
    /// named a folder or ffmpeg is not installed — so no recording replaces another.
    func startRecording() {
        let target = nextRecordingTarget()
        let directory = target.path
        do {
            recording = try LiveRecording(
                target: target, crf: options.crf, canvas: canvas, plan: plan,
                view: ViewChoices(palette: presenter.palette, dashed: presenter.dashed, widths: presenter.widths),
                arguments: options.arguments,
                events: events,
                firstSessionFrame: clock.frame, keyframeIterations: run.progress.keyframeIterations ?? [],
                compare: presenter.compared?.comparison.caption)
            notice = nil
            report("neuroglow: recording to \(directory)")
        } catch {
            notice = "cannot record: \(error)"
            events.error("cannot record to \(directory): \(error)")
            report("neuroglow: cannot record to \(directory): \(error)")
        }
    }

    /// Ends the recording, if any; `reason` says why it stopped early (nil: the user or the end).
    func stopRecording(reason: String?) {
        guard let recording else { return }
        self.recording = nil
        let result = recording.finish(reason: reason, keyframeIterations: run.progress.keyframeIterations ?? [])
        if let why = result.reason {
            notice = "recording stopped: \(why)"
            events.error("recording stopped: \(why)")
            report("neuroglow: recording stopped after \(result.frames) frames: \(why)")
        } else {
            report("neuroglow: recorded \(result.frames) frames to \(recording.target.path)")
        }
    }

    /// Saves the frame as drawn now (without the live-only marks) as a BMP in the working folder.
    func saveScreenshot() {
        let path = "neuroglow-frame-" + String(printf: "%06ld", clock.frame) + ".bmp"
        do {
            let surface = try Surface(width: canvas.width, height: canvas.height)
            draw()
            try canvas.readPixels(into: surface)
            try surface.saveBMP(to: path)
            report("neuroglow: saved \(path)")
        } catch {
            report("neuroglow: cannot save \(path): \(error)")
        }
    }

    /// Saves the network on screen as a model file in the working folder.
    func saveModel() {
        let scene = sceneInput()
        let path = "neuroglow-model-\(scene.shownIteration).json"
        do {
            try ModelFile.encode(scene.displayedNetwork, inputScaling: plan.inputScaling).write(
                toFile: path, atomically: true, encoding: .utf8)
            report("neuroglow: saved the model to \(path)")
        } catch {
            report("neuroglow: cannot save \(path): \(systemReason(error))")
        }
    }

    private func nextRecordingTarget() -> RecordingTarget {
        if let first = options.recordTarget, !recordedFromStart {
            recordedFromStart = true
            return first
        }
        let format: VideoFormat?
        switch options.recordTarget {
        case .video(_, let chosen): format = chosen
        case .frames: format = nil
        case nil:
            format = VideoEncoder.locateFFmpeg() == nil ? nil : .mp4
            if format == nil { report("neuroglow: ffmpeg is not installed: R records BMP frames") }
        }
        return RecordingTarget(path: Self.freshRecordingPath(extension: format.map { "." + $0.rawValue } ?? ""))
    }

    /// `recordings/<date-time>` plus the extension, or with `-2`, `-3`, … when a recording of the
    /// same second exists: two recordings never share a name.
    private static func freshRecordingPath(extension ext: String) -> String {
        let base = "recordings/" + SystemCalls.now("%Y-%m-%d_%H-%M-%S")
        var candidate = base + ext, n = 1
        while FileManager.default.fileExists(atPath: candidate) {
            n += 1
            candidate = base + "-\(n)" + ext
        }
        return candidate
    }
}
