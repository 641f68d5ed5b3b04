import FoundationEssentials
import Glibc
import NeuralCore
import SDLPlatform

/// A recording folder whose recording did not finish: its manifest says it stopped early, or —
/// after a hard kill or a power loss — still says "recording in progress".
///
/// Frames are written in order, each under a temporary name and renamed when whole, so the
/// frames `0..<wholeFrames` on disk are complete and the rest can be rendered again: every frame
/// is a pure function of its index (docs/DESIGN.md §2).
struct InterruptedRecording {
    let directory: String
    /// The manifest as it was left.
    let manifest: JSONValue
    /// Why it stopped, as the manifest says.
    let reason: String
    /// Frames `0..<wholeFrames` are on disk, whole.
    let wholeFrames: Int
    /// Leftovers to remove: temporary files and frames past the first gap.
    let leftovers: [String]

    /// The folder's unfinished recording, or nil when it holds none (no manifest, or a finished one).
    static func find(in directory: String) -> InterruptedRecording? {
        let path = directory + "/session.json"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let manifest = try? JSONParser.parse(text, source: path),
            manifest["format"] == JSONValue("neuroglow-recording"),
            case .string(let reason)? = manifest["stopped_early"]
        else { return nil }
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        var whole = 0
        while names.contains(FrameRecorder.fileName(frame: whole)) { whole += 1 }
        let wholeNames = Set((0..<whole).map(FrameRecorder.fileName))
        let leftovers = names.filter { name in
            name.hasSuffix(".partial") || (name.hasPrefix("frame_") && !wholeNames.contains(name))
        }
        return InterruptedRecording(
            directory: directory, manifest: manifest, reason: reason, wholeFrames: whole, leftovers: leftovers.sorted())
    }

    /// What to tell a user who records into this folder without `--resume`.
    var advice: String {
        // The reserved manifest is never rewritten when the process is killed hard.
        let why = reason.hasPrefix("recording in progress") ? "it was cut off (killed, or the machine stopped)" : reason
        return "\(directory) holds an interrupted recording (\(wholeFrames) whole frames; \(why)). Run the same "
            + "`neuroglow record` command with --resume to finish it, or pass --overwrite to start again"
    }

    /// Throws unless `expected` (the manifest the current options would write) describes the same
    /// session: the same options, seed, size, fps and first frame, so the frames on disk are the
    /// frames these options render. The message names the first difference.
    func check(against expected: RecordingManifest) throws(InputError) {
        for (key, value) in expected.sessionFields {
            let recorded = manifest[key] ?? .null
            guard recorded != value else { continue }
            var what = key, was = recorded, now = value
            if case .object(let fields) = value {
                for (name, field) in fields where (recorded[name] ?? .null) != field {
                    what = "\(key).\(name)"
                    was = recorded[name] ?? .null
                    now = field
                    break
                }
            }
            throw InputError(
                "--resume: \(directory) was recorded with \(what) \(was.text), these options give \(now.text); "
                    + "resume with the options it was recorded with (its session.json lists them)")
        }
    }

    /// Removes the temporary files and any frame past the first gap.
    func removeLeftovers() {
        for name in leftovers { try? FileManager.default.removeItem(atPath: directory + "/" + name) }
    }
}
