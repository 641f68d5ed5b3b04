import FoundationEssentials
import Glibc
import NeuralCore
import SDLPlatform

/// Where a recording goes, from the path the user gave (docs/DESIGN.md §5): a video file when the
/// path ends in .mp4, .webm, .mkv or .gif, else a folder of BMP frames.
enum RecordingTarget {
    case frames(directory: String)
    case video(path: String, format: VideoFormat)

    init(path: String) {
        self = VideoFormat(path: path).map { .video(path: path, format: $0) } ?? .frames(directory: path)
    }

    /// Other containers people name videos with: a path ending in one is refused rather than
    /// made a folder of BMP frames under that name.
    static let unwrittenVideoExtensions: Set<String> = [
        "avi", "mov", "m4v", "mpg", "mpeg", "wmv", "flv", "ogv", "ogg", "3gp", "ts", "apng",
    ]

    /// The target a path given to `option` names, refusing a video format ffmpeg is not asked
    /// to write here (`x.avi` would otherwise become a folder of frames called x.avi).
    static func parse(_ path: String, option: String) throws(InputError) -> RecordingTarget {
        if let ext = VideoFormat.fileExtension(of: path), unwrittenVideoExtensions.contains(ext) {
            throw InputError(
                "\(option) \(path): neuroglow does not write .\(ext) videos; a video is "
                    + "\(VideoFormat.extensionList) (ffmpeg encodes it), any other name a folder of BMP frames")
        }
        return RecordingTarget(path: path)
    }

    /// The folder or the video file.
    var path: String {
        switch self {
        case .frames(let directory): directory
        case .video(let path, _): path
        }
    }

    /// `DIR/session.json` beside the frames, `FILE.mp4.json` beside a video.
    var manifestPath: String {
        switch self {
        case .frames(let directory): directory + "/session.json"
        case .video(let path, _): path + ".json"
        }
    }

    var isVideo: Bool { if case .video = self { true } else { false } }

    /// Checks `--crf` against the target: only videos with a quality scale take it, in its range.
    func checkCRF(_ crf: Int?) throws(InputError) {
        guard let crf else { return }
        switch self {
        case .frames(let directory):
            throw InputError(
                "--crf \(crf): applies to a video (\(VideoFormat.extensionList)); "
                    + "\(directory) is a folder of BMP frames")
        case .video(_, let format):
            guard let range = format.crfRange else {
                throw InputError("--crf \(crf): a .\(format.rawValue) has no quality scale; leave --crf out")
            }
            guard range.contains(crf) else {
                throw InputError(
                    "--crf \(crf): expected a whole number from \(range.lowerBound) (best, largest) to "
                        + "\(range.upperBound) (smallest) for .\(format.rawValue) (default \(format.defaultCRF!))")
            }
        }
    }

    /// Refuses to replace an earlier recording unless `overwrite`: a video file that exists, or a
    /// folder that holds frames.
    func checkNothingReplaced(overwrite: Bool) throws(InputError) {
        guard !overwrite else { return }
        switch self {
        case .frames(let directory):
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            if names.contains(where: Self.isFrameFile) {
                throw InputError("\(directory) already holds frames; choose an empty folder or pass --overwrite")
            }
        case .video(let path, _):
            if FileManager.default.fileExists(atPath: path) {
                throw InputError("\(path) exists; choose another name or pass --overwrite to replace it")
            }
        }
    }

    /// Removes a folder's frame files but the first `keeping` (those of a recording being
    /// resumed), so that no frame of an earlier recording is left after the new one's last.
    func removeFrames(keeping: Int = 0) {
        guard case .frames(let directory) = self else { return }
        let kept = Set((0..<keeping).map(FrameRecorder.fileName))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where Self.isFrameFile(name) && !kept.contains(name) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    private static func isFrameFile(_ name: String) -> Bool { name.hasPrefix("frame_") && name.hasSuffix(".bmp") }

    /// Creates the folder the recording goes in (the frames', or the video's) and checks that it
    /// can be written, with the system's reason when not: what opening the sink needs, found out
    /// before a window opens.
    func prepareFolder() throws {
        switch self {
        case .frames(let directory):
            try RecordingFolder.prepare(directory)
        case .video(let path, _):
            let folder = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? ""
            guard !folder.isEmpty else { return }
            do { try RecordingFolder.prepare(folder) } catch { throw InputError("its folder \(folder): \(error)") }
        }
    }

    /// Opens the sink frames are written to: creates the folder (or the video's folder) and, for a
    /// video, starts ffmpeg. Throws with the system's or ffmpeg's reason.
    func openSink(width: Int, height: Int, fps: Int, crf: Int?, pixelFormat: UInt32) throws -> FrameSink {
        switch self {
        case .frames(let directory):
            return try BMPSequence(directory: directory)
        case .video(let path, let format):
            try prepareFolder()
            return try VideoEncoder(
                path: path, format: format, width: width, height: height, fps: fps, crf: crf, pixelFormat: pixelFormat)
        }
    }
}
