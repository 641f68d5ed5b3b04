import Foundation
import Testing

/// `record FILE.mp4` and `--record FILE.mp4`: video through an ffmpeg child process, checked with
/// ffprobe and ffmpeg's own decoder.
@Suite(.serialized)
struct VideoTests {
    /// 60 frames of 320x240: three keyframes, a beat of 20.
    static let small = ["--keyframes", "3", "--beat", "20", "--size", "320x240", "--iterations", "2000"]

    @Test func aVideoHoldsTheSessionsFramesAndIsTheSameEachTime() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let video = directory + "/talk.mp4", again = directory + "/again.mp4"
        let made = try Tool.neuroglow(["record", video] + Self.small, environment: ["DISPLAY": ""])
        #expect(made.status == 0, "\(made.stderr)")
        let stream = try #require(Video.probe(video))
        #expect(stream.codec == "h264" && stream.width == 320 && stream.height == 240, "\(stream)")
        #expect(stream.frames == 60 && stream.rate == "60/1" && stream.pixelFormat == "yuv420p", "\(stream)")
        // The sidecar manifest: the session, the frames and the ffmpeg command that made the file.
        let manifest = try #require(Video.manifest(video))
        #expect(manifest["frames"] as? Int == 60 && manifest["stopped_early"] is NSNull)
        let ffmpeg = try #require((manifest["video"] as? [String: Any])?["ffmpeg"] as? String)
        #expect(ffmpeg.hasPrefix("ffmpeg ") && ffmpeg.contains("libx264") && ffmpeg.hasSuffix(video), "\(ffmpeg)")

        // Frame for frame the BMP recording of the same options, within what compression loses:
        // at this small size 4:2:0 chroma costs thin coloured lines ~32 dB; a frame off by one
        // drops below 17 dB where a keyframe begins.
        #expect(try Tool.neuroglow(["record", directory + "/bmp"] + Self.small).status == 0)
        let psnr = try #require(Video.psnr(video, againstFrames: directory + "/bmp"), "no PSNR from ffmpeg")
        #expect(psnr.frames == 60 && psnr.minimum > 30, "PSNR against the BMP frames: \(psnr)")

        // Same options, same file.
        #expect(try Tool.neuroglow(["record", again] + Self.small).status == 0)
        #expect(FileManager.default.contents(atPath: video) == FileManager.default.contents(atPath: again))

        // An existing video is kept unless told otherwise.
        let refused = try Tool.neuroglow(["record", video] + Self.small)
        #expect(refused.status != 0 && refused.stderr.contains("--overwrite"), "\(refused.stderr)")
        #expect(try Tool.neuroglow(["record", video, "--overwrite", "--frames", "5"] + Self.small).status == 0)
        #expect(Video.probe(video)?.frames == 5)
    }

    @Test(arguments: [("w.webm", "vp9"), ("k.mkv", "h264"), ("g.gif", "gif")])
    func theExtensionChoosesTheFormat(file: String, codec: String) throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // An odd size: yuv420p needs even ones, so the picture is padded by a pixel, not refused.
        let options = ["--keyframes", "2", "--beat", "10", "--size", "321x241", "--iterations", "100"]
        let result = try Tool.neuroglow(["record", directory + "/" + file] + options)
        #expect(result.status == 0, "\(result.stderr)")
        let stream = try #require(Video.probe(directory + "/" + file))
        #expect(stream.codec == codec && stream.frames == 20, "\(stream)")
        #expect(stream.width >= 321 && stream.width <= 322 && stream.height >= 241 && stream.height <= 242)
        // Same options, same file (Matroska's are told to leave out their random id and date).
        #expect(try Tool.neuroglow(["record", directory + "/again-" + file] + options).status == 0)
        let first = FileManager.default.contents(atPath: directory + "/" + file)
        #expect(first != nil && first == FileManager.default.contents(atPath: directory + "/again-" + file))
    }

    @Test func withoutFFmpegAVideoIsRefusedBeforeAnyFrame() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for command in [["record", directory + "/a.mp4"], ["--record", directory + "/b.mp4", "--seconds", "5"]] {
            let result = try Tool.neuroglow(command, environment: ["PATH": "/nonexistent", "DISPLAY": ""])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("needs ffmpeg") && result.stderr.contains("apt-get install ffmpeg"))
            #expect(!result.stderr.contains("frames/s"), "no frame may be rendered: \(result.stderr)")
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty)
        // A folder of BMP frames needs no ffmpeg.
        let frames = try Tool.neuroglow(
            ["record", directory + "/bmp", "--frames", "2"] + Self.small, environment: ["PATH": "/nonexistent"])
        #expect(frames.status == 0, "\(frames.stderr)")
    }

    @Test func badQualityValuesAreRefusedWithTheRange() throws {
        let cases: [([String], String)] = [
            (["record", "a.mp4", "--crf", "52"], "from 0 (best, largest) to 51"),
            (["record", "a.webm", "--crf", "-1"], "to 63"),
            (["record", "a.gif", "--crf", "20"], "no quality scale"),
            (["record", "folder", "--crf", "20"], "folder of BMP frames"),
            (["record", "a.mp4", "--resume"], "cannot be continued"),
        ]
        for (arguments, message) in cases {
            let result = try Tool.neuroglow(arguments)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    /// A name in a video format neuroglow does not write is refused, not made a folder of frames
    /// under that name; other names with a dot are folders.
    @Test func otherVideoFormatsAreRefusedNotMadeFolders() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for arguments in [["record", directory + "/talk.avi"], ["--record", directory + "/talk.MOV"]] {
            let result = try Tool.neuroglow(arguments)
            #expect(
                result.status != 0 && result.stderr.contains("does not write .") && result.stderr.contains(".mp4"),
                "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/talk.avi"))
        let dotted = try Tool.neuroglow(["record", directory + "/take.2", "--frames", "1"] + Self.small)
        #expect(dotted.status == 0 && FileManager.default.fileExists(atPath: directory + "/take.2/frame_000000.bmp"))
    }

    @Test func anInterruptedVideoPlaysAndHoldsEveryFrameReported() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let video = directory + "/cut.mp4"
        let app = try Tool.start(Tool.binary, ["record", video, "--size", "640x360"])
        Video.waitForBytes(video, atLeast: 100_000)
        app.signal(SIGINT)
        let result = app.finish()
        #expect(result.status != 0 && result.stderr.contains("interrupted"), "\(result.stderr)")
        let manifest = try #require(Video.manifest(video))
        let reported = try #require(manifest["frames"] as? Int)
        #expect(reported > 0 && reported < 3600 && manifest["stopped_early"] as? String == "interrupted")
        let stream = try #require(Video.probe(video), "ffprobe cannot read the interrupted file")
        #expect(stream.frames >= reported, "\(stream.frames) frames in the file, \(reported) reported")
    }

    @Test func ffmpegKilledMidwayEndsTheRecordingWithItsReason() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let video = directory + "/killed.mp4"
        let app = try Tool.start(Tool.binary, ["record", video, "--size", "640x360"])
        Video.waitForBytes(video, atLeast: 1)
        let ffmpeg = try #require(Video.children(of: app.process.processIdentifier).first, "no ffmpeg child")
        kill(ffmpeg, SIGKILL)
        let result = app.finish()
        #expect(result.status == 1 && result.stderr.contains("ffmpeg was killed by signal 9"), "\(result.stderr)")
        let manifest = try #require(Video.manifest(video))
        #expect((manifest["stopped_early"] as? String)?.contains("ffmpeg was killed") == true)
    }

    @Test func aSignalWhileRecordingLiveLeavesAPlayableVideo() throws {
        let x = try VirtualDisplay()
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let video = directory + "/live.mp4"
        let app = try Tool.start(
            Tool.binary, ["--record", video, "--size", "640x360", "--seconds", "60"],
            environment: ["DISPLAY": x.display])
        Video.waitForBytes(video, atLeast: 50_000)
        app.signal(SIGTERM)
        let result = app.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let frames = try #require(Video.manifest(video)?["frames"] as? Int)
        #expect(frames > 0 && Video.probe(video)?.frames == frames)
    }

    /// A live recording holds the frames the headless recorder writes. With 2,000,000 iterations
    /// the trainer falls behind playback, which then waits at the last frame it may show, the
    /// picture saying "training…": that frame is recorded only once the trainer has gone past it,
    /// without those words (it was recorded while waiting, and CI once saw it).
    @Test(arguments: [200, 2_000_000]) func aLiveVideoIsTheHeadlessOneFrameForFrame(iterations: Int) throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = LiveWindowTests.shortSession + ["--iterations", String(iterations)]
        let live = directory + "/live.mp4", headless = directory + "/headless.mp4"
        let window = try LiveWindow(
            options + ["--record", live, "--seconds", "60"], environment: ["SDL_RENDER_DRIVER": "software"])
        // Recording, the clock moves one frame per recorded frame: once the last keyframe (3, at
        // frame 18) is announced, its frame is recorded before the window reads another key.
        eventually(timeout: 120) {
            window.events.events.contains { $0["event"] as? String == "keyframe" && $0["index"] as? Int == 3 }
        }
        try window.key("Escape")
        let result = window.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let events = window.events.events.filter { $0["event"] as? String == "record" }
        #expect(events.map { $0["state"] as? String } == ["started", "stopped"] && events[0]["dir"] as? String == live)
        let frames = try #require(events.last?["frames"] as? Int)
        #expect(frames >= 19 && Video.manifest(live)?["frames"] as? Int == frames)
        #expect(Video.probe(live)?.frames == frames)
        #expect(
            try Tool.neuroglow(["record", headless, "--frames", String(frames)] + options, timeout: 300).status == 0)
        let psnr = try #require(Video.psnr(live, against: headless))
        #expect(psnr.frames == frames && psnr.minimum > 35, "live against headless: \(psnr)")
    }
}

/// ffprobe and ffmpeg, asked about a video file.
enum Video {
    struct Stream: CustomStringConvertible {
        let codec: String
        let width: Int
        let height: Int
        let rate: String
        let pixelFormat: String
        /// Frames decoded (not the container's claim).
        let frames: Int

        var description: String { "\(codec) \(width)x\(height) \(pixelFormat) at \(rate), \(frames) frames" }
    }

    static func probe(_ path: String) -> Stream? {
        guard let ffprobe = Tool.which("ffprobe"),
            let result = try? Tool.run(
                ffprobe,
                [
                    "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                    "stream=codec_name,width,height,r_frame_rate,pix_fmt,nb_read_frames", "-of", "json", path,
                ]),
            result.status == 0,
            let stream = ((Tool.json(result.stdout) as? [String: Any])?["streams"] as? [[String: Any]])?.first
        else { return nil }
        return Stream(
            codec: stream["codec_name"] as? String ?? "", width: stream["width"] as? Int ?? 0,
            height: stream["height"] as? Int ?? 0, rate: stream["r_frame_rate"] as? String ?? "",
            pixelFormat: stream["pix_fmt"] as? String ?? "",
            frames: Int(stream["nb_read_frames"] as? String ?? "") ?? 0)
    }

    /// The sidecar manifest `FILE.json`.
    static func manifest(_ path: String) -> [String: Any]? {
        (try? String(contentsOfFile: path + ".json", encoding: .utf8)).flatMap { Tool.json($0) as? [String: Any] }
    }

    /// Frames compared and the lowest per-frame PSNR (dB) of `video` against `reference`, both
    /// decoded to RGB (the video's YUV read as BT.709, as it is tagged).
    static func psnr(_ video: String, against reference: [String]) -> (frames: Int, minimum: Double)? {
        let log = Tool.temporaryDirectory("neuroglow-psnr") + "/psnr.log"
        defer { try? FileManager.default.removeItem(atPath: (log as NSString).deletingLastPathComponent) }
        let graph =
            "[0:v]scale=in_color_matrix=bt709:in_range=tv,format=rgb24[a];[1:v]scale=in_color_matrix=bt709:"
            + "in_range=tv,format=rgb24[b];[a][b]psnr=stats_file=\(log)"
        guard let ffmpeg = Tool.which("ffmpeg"),
            let result = try? Tool.run(
                ffmpeg, ["-v", "error", "-i", video] + reference + ["-lavfi", graph, "-f", "null", "-"]),
            result.status == 0,
            let text = try? String(contentsOfFile: log, encoding: .utf8)
        else { return nil }
        let values = text.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("psnr_avg:") }.flatMap { Double($0.dropFirst(9)) }
        }
        return values.isEmpty ? nil : (values.count, values.min()!)
    }

    static func psnr(_ video: String, against other: String) -> (frames: Int, minimum: Double)? {
        psnr(video, against: ["-i", other])
    }

    /// Against a folder of BMP frames, read at 60 frames per second.
    static func psnr(_ video: String, againstFrames folder: String) -> (frames: Int, minimum: Double)? {
        psnr(video, against: ["-framerate", "60", "-i", folder + "/frame_%06d.bmp"])
    }

    /// Waits (at most 60 s) until `path` holds at least `count` bytes.
    static func waitForBytes(_ path: String, atLeast count: Int) {
        eventually(timeout: 60) {
            ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) >= count
        }
    }

    /// The process ids of `pid`'s children.
    static func children(of pid: Int32) -> [Int32] {
        let path = "/proc/\(pid)/task/\(pid)/children"
        return ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: " ").compactMap {
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
