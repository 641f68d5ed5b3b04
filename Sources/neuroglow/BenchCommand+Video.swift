import ArgumentParser
import FoundationEssentials
import Glibc
import NeuralCore
import SDLPlatform
import Session

extension BenchCommand {
    /// The default session to an mp4 at 1280x720 through ffmpeg, end to end (training, rendering
    /// and encoding share the cores): frames per second, the file's size, and how many times
    /// smaller it is than the BMP frames of the same recording.
    func benchVideo() throws -> (JSONValue, String) {
        guard VideoEncoder.locateFFmpeg() != nil else {
            throw ValidationError("video benchmark: \(VideoEncoder.missingFFmpeg)")
        }
        let base =
            dir ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : SystemCalls.temporaryDirectory)
        let path = base + "/neuroglow-bench-\(ProcessInfo.processInfo.processIdentifier).mp4"
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".json")
        }
        let plan = try SessionPlan.make(model: ModelOptions())
        let frames = quick ? 300 : plan.timeline.frameCount
        var rates: [Double] = []
        var bytes = 0
        for _ in 0..<(quick ? 1 : 3) {
            try? FileManager.default.removeItem(atPath: path)
            let manifest = RecordingManifest(plan: plan, arguments: ["bench"], width: 1280, height: 720)
            let recording = try HeadlessRecording(
                plan: plan, manifest: manifest, target: .video(path: path, format: .mp4),
                events: try EventLog(destination: nil))
            let result = recording.render(frames: frames, showsProgress: false)
            if let failure = result.failure { throw ValidationError("video benchmark failed: \(failure)") }
            rates.append(Double(result.frames) / result.seconds)
            bytes = SystemCalls.fileSize(path) ?? 0
        }
        // A 24-bit BMP frame: 54 header bytes and rows padded to 4 bytes.
        let bmpBytes = frames * (54 + ((1280 * 3 + 3) & ~3) * 720)
        let smaller = Double(bmpBytes) / Double(max(bytes, 1))
        let s = Summary(rates)
        return (
            .object([
                ("frames_per_second", summaryJSON(s, unit: "frames/s")), ("frames", JSONValue(frames)),
                ("bytes", JSONValue(bytes)), ("bmp_bytes", JSONValue(bmpBytes)), ("times_smaller", JSONValue(smaller)),
            ]),
            "video (1280x720 mp4 through ffmpeg, \(frames) frames): \(format(s.median, 0)) frames/s "
                + "[\(format(s.min, 0))–\(format(s.max, 0))], \(format(Double(bytes) / 1e6, 1)) MB, "
                + "\(format(smaller, 0))x smaller than its BMP frames"
        )
    }
}
