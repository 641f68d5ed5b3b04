import CSDL2
import Glibc

/// A video file written by an ffmpeg child process fed raw frames on its standard input: the
/// well-kept encoder does the encoding, neuroglow only hands it pixels.
///
/// Contract: frames are written in order, each exactly once, and reach ffmpeg before `write`
/// returns (a slow encoder slows the caller down; nothing is dropped). `finish()` closes
/// ffmpeg's input so it writes the file's end: the file then plays and holds every frame written,
/// also when the recording stopped early. ffmpeg runs in its own process group, so a Ctrl+C meant
/// for neuroglow does not cut the file short. If ffmpeg fails or is killed, the next `write` or
/// `finish` throws with ffmpeg's last error line.
public final class VideoEncoder: FrameSink, @unchecked Sendable {  // used by one thread at a time
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public let path: String
    public let width: Int
    public let height: Int
    /// ffmpeg's whole command line, as it was started (for the recording's manifest).
    public let commandLine: [String]
    private let process: ChildProcess
    /// The conversion when ffmpeg takes YUV 4:2:0, and its buffer for frames written as surfaces.
    private let yuv: YUV420Frame?
    private var yuvBytes: [UInt8] = []
    private var failure: Failure?

    /// Starts ffmpeg writing `path` in `format` from frames of `width`×`height` pixels in SDL pixel
    /// format `pixelFormat`, played at `fps`. Throws if ffmpeg is not installed or does not start.
    public init(
        path: String, format: VideoFormat, width: Int, height: Int, fps: Int, crf: Int?, pixelFormat: UInt32
    ) throws(Failure) {
        guard let ffmpeg = Self.locateFFmpeg() else { throw Self.missingFFmpeg }
        guard let input = Self.ffmpegPixelFormat(pixelFormat) else {
            throw Failure(description: "frames in SDL pixel format \(pixelFormat) cannot be given to ffmpeg")
        }
        let yuv = format.takesYUV ? YUV420Frame(width: width, height: height) : nil
        let frameSize = yuv.map { "\($0.width)x\($0.height)" } ?? "\(width)x\(height)"
        let inputFormat = yuv == nil ? ["-pix_fmt", input] : ["-pix_fmt", "yuv420p"] + VideoFormat.yuvColourTags
        let arguments =
            ["-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "rawvideo"] + inputFormat
            + ["-s", frameSize, "-r", String(fps), "-i", "-"] + format.outputArguments(crf: crf)
            + ["-r", String(fps), path]
        self.path = path
        self.width = width
        self.height = height
        self.yuv = yuv
        commandLine = ["ffmpeg"] + arguments
        do {
            process = try ChildProcess(executable: ffmpeg, arguments: arguments)
        } catch {
            throw Failure(description: "ffmpeg: \(error)")
        }
    }

    /// ffmpeg's process id (tests check it is reaped).
    var processID: Int32 { process.pid }

    /// What a user without ffmpeg is told.
    public static let missingFFmpeg = Failure(
        description: "a video needs ffmpeg, which is not installed (no ffmpeg on PATH): install it with "
            + "`sudo apt-get install ffmpeg`, or record into a folder of BMP frames instead")

    /// ffmpeg's path, found on PATH as a shell would, or nil.
    public static func locateFFmpeg() -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/ffmpeg"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The command line as one shell line, quoted where needed.
    public var shellCommand: String {
        commandLine.map { argument in
            argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=+,".contains($0) }
                ? argument : "'" + argument.replacing("'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// Hands the surface's pixels to ffmpeg as the next frame.
    public func write(_ surface: Surface, frame: Int) throws {
        precondition(surface.width == width && surface.height == height)
        if let yuv {
            yuv.encode(surface, into: &yuvBytes)
            return try write(encoded: yuvBytes, frame: frame)
        }
        let s = surface.pointer.pointee
        let rowBytes = width * Int(s.format.pointee.BytesPerPixel), pitch = Int(s.pitch)
        try pipe {
            if pitch == rowBytes {
                try process.write(UnsafeRawBufferPointer(start: s.pixels, count: rowBytes * height))
            } else {
                for y in 0..<height {
                    try process.write(UnsafeRawBufferPointer(start: s.pixels! + y * pitch, count: rowBytes))
                }
            }
        }
    }

    /// YUV 4:2:0 frames can be converted on the threads that draw them.
    public var encoding: FrameEncoding? { yuv }

    /// Hands a frame `encoding` converted to ffmpeg.
    public func write(encoded: [UInt8], frame: Int) throws {
        precondition(encoded.count == yuv?.byteCount)
        try pipe { try encoded.withUnsafeBytes { try process.write($0) } }
    }

    /// Runs `body`'s writes into ffmpeg's input; when one fails, ffmpeg is ended and its error
    /// becomes this and every later write's.
    private func pipe(_ body: () throws -> Void) throws {
        if let failure { throw failure }
        do {
            try body()
        } catch {
            let failure = ffmpegFailure(process.finish())
            self.failure = failure
            throw failure
        }
    }

    /// Ends the stream and waits for ffmpeg to write the file's end; throws if ffmpeg failed.
    public func finish() throws {
        if let failure { throw failure }
        let ending = process.finish()
        if ending != .exited(0) {
            let failure = ffmpegFailure(ending)
            self.failure = failure
            throw failure
        }
    }

    private func ffmpegFailure(_ ending: ChildProcess.Ending) -> Failure {
        let said = process.lastErrorLine.map { ": \($0)" } ?? ""
        return Failure(description: "ffmpeg \(ending)\(said)")
    }

    /// ffmpeg's name for a 32- or 24-bit SDL pixel format, as the bytes lie in memory.
    static func ffmpegPixelFormat(_ format: UInt32) -> String? {
        switch format {
        case SDL_PIXELFORMAT_ARGB8888.rawValue: "bgra"
        case SDL_PIXELFORMAT_ABGR8888.rawValue: "rgba"
        case SDL_PIXELFORMAT_RGB888.rawValue: "bgr0"
        case SDL_PIXELFORMAT_BGR24.rawValue: "bgr24"
        case SDL_PIXELFORMAT_RGB24.rawValue: "rgb24"
        default: nil
        }
    }
}
