import FoundationEssentials
import Glibc
import NeuralCore
import Playback
import Scene
import Session

/// `DIR/session.json`, or `FILE.mp4.json` beside a video (docs/DESIGN.md §5): the options, seed,
/// size, fps, frame count, each keyframe's first frame, iteration and example, why the recording
/// stopped early if it did, and for a video the ffmpeg command that encoded it.
/// Written atomically (temporary file, then rename).
///
/// A live recording started part-way (R), or a slice (`record --from-keyframe`), begins at session
/// frame `firstSessionFrame`: keyframes are listed from there, each `frame` counted in files
/// (exact unless playback was stepped or scrubbed while recording live, which skips or repeats
/// session frames).
struct RecordingManifest {
    let plan: SessionPlan
    let arguments: [String]
    let width: Int
    let height: Int
    /// The palette, line style and width scale the frames are drawn in.
    var palette: Palette.Name = .video
    var dashed = false
    var widths = WeightScaleMode.session
    var firstSessionFrame = 0
    /// For `record --explain`: the stages explained and frames per stage (no keyframes are shown).
    var explain: (stages: Int, framesPerStage: Int)?
    /// For a video: its format and ffmpeg's command line, as one shell line.
    var video: (format: String, ffmpeg: String)?
    /// With `--compare`: what the second network differs by ("learning-rate=3").
    var compare: String?

    /// Space kept after the reserved manifest, so the final one fits where the reservation was.
    static let reservePadding = 1024

    /// Writes a provisional manifest before the first frame, padded with spaces: the final manifest
    /// overwrites it in place, so it can still be written when the frames have filled the disk.
    func reserve(at path: String, plannedFrames: Int, keyframeIterations: [Int], timeline: Timeline) throws {
        let text = document(
            frames: plannedFrames, keyframeIterations: keyframeIterations, timeline: timeline,
            stoppedBecause: "recording in progress (this manifest is rewritten when the recording ends)")
        do {
            try (text + String(repeating: " ", count: Self.reservePadding) + "\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError("cannot write \(path): \(systemReason(error))")
        }
    }

    /// Writes the final manifest: in place over the reservation when it fits, else through a
    /// temporary file and a rename.
    func write(
        to path: String, frames: Int, keyframeIterations: [Int], timeline: Timeline, stoppedBecause reason: String?
    ) throws {
        let text = document(
            frames: frames, keyframeIterations: keyframeIterations, timeline: timeline, stoppedBecause: reason)
        let bytes = Array((text + "\n").utf8)
        if let reserved = SystemCalls.fileSize(path),
            reserved >= bytes.count,
            case let file = open(path, O_WRONLY | O_CLOEXEC), file >= 0
        {
            defer { close(file) }
            // Spaces after the document are JSON whitespace; the line ends at the reservation's end.
            let spaces = Array(repeating: UInt8(ascii: " "), count: reserved - bytes.count - 1)
            guard SystemCalls.writeAll(bytes + spaces + [UInt8(ascii: "\n")], to: file), fsync(file) == 0 else {
                throw InputError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            return
        }
        let temporary = path + ".partial"
        do { try (text + "\n").write(toFile: temporary, atomically: false, encoding: .utf8) } catch {
            throw InputError("cannot write \(temporary): \(systemReason(error))")
        }
        guard rename(temporary, path) == 0 else {
            throw InputError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func document(frames: Int, keyframeIterations: [Int], timeline: Timeline, stoppedBecause reason: String?)
        -> String
    {
        let keyframes: [JSONValue] =
            explain != nil
            ? []
            : keyframeIterations.enumerated().compactMap { k, iteration in
                let frame = timeline.firstFrame(ofKeyframe: k) - firstSessionFrame
                guard frame >= 0 && frame < frames else { return nil }
                return .object([
                    ("index", JSONValue(k)), ("frame", JSONValue(frame)), ("iteration", JSONValue(iteration)),
                    ("example", JSONValue(k % plan.dataSet.count)),
                ])
            }
        let document = JSONValue.object(
            [
                ("format", JSONValue("neuroglow-recording")),
                ("version", JSONValue(1)),
                ("arguments", .array(arguments.map(JSONValue.init))),
            ] + sessionFields + videoFields + [
                ("frames", JSONValue(frames)),
                ("keyframes", .array(keyframes)),
                ("stopped_early", reason.map(JSONValue.init) ?? .null),
            ])
        return document.text
    }

    private var videoFields: [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let explain {
            fields.append(
                (
                    "explain",
                    .object([
                        ("stages", JSONValue(explain.stages)), ("frames_per_stage", JSONValue(explain.framesPerStage)),
                    ])
                ))
        }
        if let video {
            fields.append(
                ("video", .object([("format", JSONValue(video.format)), ("ffmpeg", JSONValue(video.ffmpeg))])))
        }
        return fields
    }

    /// The fields that say which frames a recording holds: the same in two manifests exactly when
    /// frame k of one is frame k of the other (what `record --resume` checks).
    var sessionFields: [(String, JSONValue)] {
        let model = plan.model
        var options: [(String, JSONValue)] = [
            ("dataset", JSONValue(plan.dataSet.name)),
            ("load", model.loadPath.map(JSONValue.init) ?? .null),
            ("layers", .array(plan.initialNetwork.layout.layerSizes.map(JSONValue.init))),
            ("activations", .array(plan.initialNetwork.activations.map { JSONValue($0.rawValue) })),
            ("loss", JSONValue(plan.training.loss.rawValue)),
            ("learning_rate", JSONValue(plan.training.learningRate)),
            ("momentum", JSONValue(plan.training.momentum)),
            ("batch_size", JSONValue(plan.training.batchSize)),
            ("bias", .bool(plan.initialNetwork.layout.usesBias)),
            ("init", JSONValue(plan.initialization.rawValue)),
            ("iterations", JSONValue(plan.iterations)),
            ("noise", JSONValue(model.noise)),
            ("categorical", .array(model.categorical.map(JSONValue.init))),
            ("standardize", .bool(plan.inputScaling != nil)),
            ("test_fraction", JSONValue(model.resolvedTestFraction(for: model.dataSet))),
            ("compare", compare.map(JSONValue.init) ?? .null),
            ("shuffle", .bool(plan.training.shuffle)),
            ("schedule", JSONValue(plan.schedule.mode.rawValue)),
            ("keyframes", JSONValue(plan.schedule.keyframes)),
            ("beat", JSONValue(plan.schedule.beat)),
            ("palette", JSONValue(palette.rawValue)),
            ("dashed", .bool(dashed)),
            ("widths", JSONValue(widths.rawValue)),
        ]
        // Written only when given, so that recordings made before these options existed still resume.
        if !model.ignored.isEmpty { options.insert(("ignore", .array(model.ignored.map(JSONValue.init))), at: 1) }
        if !model.targets.isEmpty { options.insert(("target", .array(model.targets.map(JSONValue.init))), at: 1) }
        return [
            ("options", .object(options)),
            ("seed", JSONValue(Int(model.seed))),
            ("size", .object([("width", JSONValue(width)), ("height", JSONValue(height))])),
            ("fps", JSONValue(plan.schedule.fps)),
            ("first_session_frame", JSONValue(firstSessionFrame)),
        ]
    }
}
