import Playback
import SDLPlatform
import Session

/// The paper trail of one recording, the same for the live window and the headless recorder: the
/// manifest reserved before the first frame and rewritten when the recording ends, and the
/// `record` events.
struct RecordingJournal {
    let manifest: RecordingManifest
    let target: RecordingTarget
    let events: EventLog

    /// Before the first frame: reserves the manifest (so the final one fits even on a full disk)
    /// and announces the recording. Throws if the manifest cannot be written.
    func begin(plannedFrames: Int, keyframeIterations: [Int]) throws {
        try manifest.reserve(
            at: target.manifestPath, plannedFrames: plannedFrames, keyframeIterations: keyframeIterations,
            timeline: manifest.plan.timeline)
        events.recordStarted(directory: target.path)
    }

    /// After the last frame: the final manifest with `frames` whole frames and why the recording
    /// stopped early (nil: it did not), then the `stopped` event. A manifest that cannot be
    /// written is reported, not thrown: the frames on disk are whole either way.
    func end(frames: Int, keyframeIterations: [Int], reason: String?) {
        do {
            try manifest.write(
                to: target.manifestPath, frames: frames, keyframeIterations: keyframeIterations,
                timeline: manifest.plan.timeline, stoppedBecause: reason)
        } catch {
            events.error("\(error)")
            report("neuroglow: \(error)")
        }
        events.recordStopped(directory: target.path, frames: frames, reason: reason)
    }
}

extension RecordingJournal {
    /// The journal of a recording written into `sink`: for a video, the manifest also names its
    /// format and the ffmpeg command that encodes it.
    init(manifest: RecordingManifest, target: RecordingTarget, sink: FrameSink, events: EventLog) {
        var manifest = manifest
        if let encoder = sink as? VideoEncoder, case .video(_, let format) = target {
            manifest.video = (format.rawValue, encoder.shellCommand)
        }
        self.init(manifest: manifest, target: target, events: events)
    }
}
