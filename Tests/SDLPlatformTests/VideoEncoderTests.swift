import CSDL2
import Foundation
import Testing

@testable import SDLPlatform

/// The ffmpeg child process behind video recordings: what reaches the file, and what a failure says.
@Suite(.serialized)
struct VideoEncoderTests {
    /// A 32-bit ARGB surface of four quadrants: red, green, blue and white.
    func quadrants(width: Int, height: Int) throws -> Surface {
        let surface = try Surface(width: width, height: height, pixelFormat: SDL_PIXELFORMAT_ARGB8888.rawValue)
        let s = surface.pointer.pointee
        for y in 0..<height {
            let row = (s.pixels! + y * Int(s.pitch)).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let colours: [UInt32] = [0xFFFF_0000, 0xFF00_FF00, 0xFF00_00FF, 0xFFFF_FFFF]
                row[x] = colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]
            }
        }
        return surface
    }

    func temporaryPath(_ name: String) -> String {
        let folder = NSTemporaryDirectory() + "neuroglow-video-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder + "/" + name
    }

    func which(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Decodes frame 0 of `path` to RGB the way a player reads its tags (BT.709, limited range).
    func decodedRGB(_ path: String) throws -> [UInt8] {
        let ffmpeg = try #require(which("ffmpeg"), "ffmpeg is installed by make test-deps")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = [
            "-v", "error", "-i", path, "-frames:v", "1", "-vf", "scale=in_color_matrix=bt709:in_range=tv", "-f",
            "rawvideo", "-pix_fmt", "rgb24", "-",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test func colourReachesTheVideoAsDrawn() throws {
        let path = temporaryPath("quadrants.mp4")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let width = 64, height = 48
        let encoder = try VideoEncoder(
            path: path, format: .mp4, width: width, height: height, fps: 10, crf: 0,
            pixelFormat: SDL_PIXELFORMAT_ARGB8888.rawValue)
        let frame = try quadrants(width: width, height: height)
        for k in 0..<3 { try encoder.write(frame, frame: k) }
        try encoder.finish()
        let rgb = try decodedRGB(path)
        #expect(rgb.count == width * height * 3)
        let expected: [(x: Int, y: Int, rgb: [Int])] = [
            (16, 12, [255, 0, 0]), (48, 12, [0, 255, 0]), (16, 36, [0, 0, 255]), (48, 36, [255, 255, 255]),
        ]
        for point in expected {
            let offset = (point.y * width + point.x) * 3
            let got = rgb[offset..<offset + 3].map(Int.init)
            #expect(zip(got, point.rgb).allSatisfy { abs($0 - $1) <= 3 }, "at \(point.x),\(point.y): \(got)")
        }
    }

    @Test func aFailingFFmpegIsReportedWithItsLastLineAndReaped() throws {
        let path = "/proc/neuroglow-cannot-be-here/x.mp4"
        let encoder = try VideoEncoder(
            path: path, format: .mp4, width: 64, height: 48, fps: 10, crf: nil,
            pixelFormat: SDL_PIXELFORMAT_ARGB8888.rawValue)
        let frame = try quadrants(width: 64, height: 48)
        var failure: String?
        do {
            // ffmpeg fails on opening its output: the pipe closes under one of these frames, or
            // the end reports it.
            for k in 0..<200 { try encoder.write(frame, frame: k) }
            try encoder.finish()
        } catch {
            failure = "\(error)"
        }
        let message = try #require(failure, "a video that cannot be written must fail")
        #expect(message.hasPrefix("ffmpeg exited with status") && message.contains(path), "\(message)")
        // Reaped: no zombie keeps its process id.
        #expect(kill(encoder.processID, 0) == -1 && errno == ESRCH)
    }

    @Test func theExtensionNamesTheFormat() {
        #expect(VideoFormat(path: "talk.mp4") == .mp4 && VideoFormat(path: "a/b.WEBM") == .webm)
        #expect(VideoFormat(path: "x.mkv") == .mkv && VideoFormat(path: "loop.gif") == .gif)
        #expect(VideoFormat(path: "frames") == nil && VideoFormat(path: "v1.2/frames") == nil)
        #expect(VideoFormat(path: "out.bmp") == nil && VideoFormat.extensionList == ".mp4, .webm, .mkv or .gif")
    }
}
