import Foundation
import NeuralCore
import SDLPlatform

/// What the live window writes to disk on request: recordings (R), screenshots (S) and the
/// shown model (Ctrl+S).
extension LiveApp {
    func startRecording() {
        let directory = options.recordDirectory ?? Self.freshRecordingFolder()
        do {
            recording = try LiveRecording(
                directory: directory, canvas: canvas, plan: plan,
                view: ViewChoices(palette: presenter.palette, dashed: presenter.dashed, widths: presenter.widths),
                arguments: options.arguments,
                events: events,
                firstSessionFrame: clock.frame, keyframeIterations: run.progress.keyframeIterations ?? [])
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
            report("neuroglow: recorded \(result.frames) frames to \(recording.directory)")
        }
    }

    /// Saves the frame as drawn now (without the live-only marks) as a BMP in the working folder.
    func saveScreenshot() {
        let path = "neuroglow-frame-" + String(format: "%06d", clock.frame) + ".bmp"
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
            try ModelFile.encode(scene.displayedNetwork).write(toFile: path, atomically: true, encoding: .utf8)
            report("neuroglow: saved the model to \(path)")
        } catch {
            report("neuroglow: cannot save \(path): \(error.localizedDescription)")
        }
    }

    /// `recordings/<date-time>`, or with `-2`, `-3`, … when a recording of the same second exists:
    /// two recordings never share a folder.
    private static func freshRecordingFolder() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
        let base = "recordings/" + formatter.string(from: Date())
        var candidate = base, n = 1
        while FileManager.default.fileExists(atPath: candidate) {
            n += 1
            candidate = base + "-\(n)"
        }
        return candidate
    }
}
