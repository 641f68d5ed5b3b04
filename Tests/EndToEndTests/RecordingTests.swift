import Foundation
import Testing

/// `neuroglow record` and live recording, as a user would make a video.
@Suite(.serialized)
struct RecordingTests {
    static let small = ["--keyframes", "3", "--beat", "6", "--size", "320x240", "--iterations", "2000"]

    func manifest(_ directory: String) throws -> [String: Any] {
        try #require(recordingManifest(directory), "no session.json in \(directory)")
    }

    @Test func headlessRecordingIsCompleteAndDeterministic() throws {
        let a = Tool.temporaryDirectory(), b = Tool.temporaryDirectory()
        defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }
        // No X server: headless recording needs none.
        let first = try Tool.neuroglow(["record", a] + Self.small, environment: ["DISPLAY": ""])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("ffmpeg -framerate 60 -i \(a)/frame_%06d.bmp"))
        #expect(frames(in: a) == (0..<18).map { String(format: "frame_%06d.bmp", $0) })
        let json = try manifest(a)
        #expect(json["frames"] as? Int == 18 && json["fps"] as? Int == 60 && json["seed"] as? Int == 1)
        #expect((json["stopped_early"] is NSNull))
        let keyframes = try #require(json["keyframes"] as? [[String: Any]])
        #expect(keyframes.map { $0["frame"] as? Int } == [0, 6, 12] && keyframes.last?["iteration"] as? Int == 2000)
        #expect(try Tool.neuroglow(["record", b] + Self.small).status == 0)
        for name in frames(in: a) {
            let x = FileManager.default.contents(atPath: a + "/" + name),
                y = FileManager.default.contents(atPath: b + "/" + name)
            #expect(x != nil && x == y, "\(name) differs between two runs")
        }
        // 24-bit BMP, 320x240: the header says so.
        let bytes = try #require(FileManager.default.contents(atPath: a + "/frame_000000.bmp"))
        #expect(bytes.prefix(2) == Data("BM".utf8))
        let width = bytes[18...21].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        let height = bytes[22...25].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        let bits = bytes[28...29].withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }
        #expect(width == 320 && abs(height) == 240 && bits == 24)
        // The picture changes over the session.
        #expect(
            FileManager.default.contents(atPath: a + "/frame_000000.bmp")
                != FileManager.default.contents(atPath: a + "/frame_000017.bmp"))
    }

    @Test func aFolderWithFramesIsRefusedUnlessOverwrite() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try Tool.neuroglow(["record", directory, "--frames", "2"] + Self.small).status == 0)
        let again = try Tool.neuroglow(["record", directory, "--frames", "2"] + Self.small)
        #expect(
            again.status != 0 && again.stderr.contains("already holds frames") && again.stderr.contains("--overwrite"))
        #expect(try Tool.neuroglow(["record", directory, "--frames", "3", "--overwrite"] + Self.small).status == 0)
        #expect(frames(in: directory).count == 3)
        // A shorter recording over a longer one leaves none of the old frames behind.
        #expect(try Tool.neuroglow(["record", directory, "--frames", "1", "--overwrite"] + Self.small).status == 0)
        #expect(frames(in: directory) == ["frame_000000.bmp"])
    }

    /// The live window's --record keeps to the same rule, checked before a window opens; with
    /// --overwrite the live recording replaces the folder's frames, leaving none of the old ones.
    @Test func theLiveWindowRefusesAFolderWithFramesUnlessOverwrite() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try Tool.neuroglow(["record", directory, "--frames", "400"] + Self.small).status == 0)
        let refused = try Tool.neuroglow(["live", "--record", directory] + Self.small, environment: ["DISPLAY": ""])
        #expect(
            refused.status == 64 && refused.stderr.contains("\(directory) already holds frames"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("cannot open the window") && frames(in: directory).count == 400)
        let stray = try Tool.neuroglow(["live", "--overwrite"], environment: ["DISPLAY": ""])
        #expect(stray.status == 64 && stray.stderr.contains("--overwrite: applies to --record"), "\(stray.stderr)")

        let live = try LiveWindow(["--record", directory, "--overwrite", "--seconds", "1"] + Self.small)
        #expect(live.finish().status == 0)
        let written = frames(in: directory)
        #expect(written.count > 0 && written.count < 400, "\(written.count) frames")
        #expect(written == (0..<written.count).map { String(format: "frame_%06d.bmp", $0) })
    }

    @Test func anUnwritableFolderFailsWithAMessage() throws {
        let result = try Tool.neuroglow(["record", "/proc/neuroglow-cannot-be-here"] + Self.small)
        #expect(result.status != 0 && result.stderr.contains("/proc/neuroglow-cannot-be-here"))
        // The live window's --record finds out before a window opens; a video names its folder.
        for target in ["/proc/neuroglow-cannot-be-here", "/proc/neuroglow.mp4"] {
            let live = try Tool.neuroglow(["live", "--record", target] + Self.small, environment: ["DISPLAY": ""])
            #expect(live.status == 1 && live.stderr.contains("cannot record to \(target): "), "\(live.stderr)")
            #expect(!live.stderr.contains("cannot open the window"), "\(live.stderr)")
        }
        let video = try Tool.neuroglow(["live", "--record", "/proc/neuroglow.mp4"], environment: ["DISPLAY": ""])
        #expect(video.stderr.contains("its folder /proc: "), "\(video.stderr)")
    }

    /// A read-only folder, and a folder that would have to be created inside one, are refused
    /// before any frame, with the system's reason.
    @Test func aReadOnlyFolderIsRefusedWithTheReason() throws {
        let folder = try ReadOnlyFolder()
        for target in [folder.path, folder.path + "/new"] {
            let result = try Tool.neuroglow(["record", target, "--frames", "2"] + Self.small)
            #expect(result.status != 0, "\(target)")
            #expect(
                result.stderr.contains("cannot record to \(target)")
                    && result.stderr.contains(getuid() == 0 ? "Read-only file system" : "Permission denied"),
                "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A disk that fills mid-way (a 1 MiB tmpfs; needs root to mount, as in CI) leaves only whole
    /// frames and a manifest that says how many and why.
    @Test(.enabled(if: getuid() == 0))
    func aFullDiskStopsTheRecordingAndKeepsWholeFrames() throws {
        let mountPoint = Tool.temporaryDirectory("neuroglow-tmpfs")
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mount = try Tool.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint])
        try #require(mount.status == 0, "mount failed: \(mount.stderr)")
        defer { _ = try? Tool.run("/bin/umount", [mountPoint]) }
        let result = try Tool.neuroglow(["record", mountPoint + "/out"] + Self.small)
        #expect(result.status != 0 && result.stderr.contains("recording stopped after"))
        let written = frames(in: mountPoint + "/out")
        #expect(!written.isEmpty && written.count < 18)
        #expect(written.allSatisfy { $0.hasSuffix(".bmp") }, "a partial file was left: \(written)")
        for name in written {
            let size =
                (try FileManager.default.attributesOfItem(atPath: mountPoint + "/out/" + name)[.size] as? Int) ?? 0
            #expect(size == 54 + 320 * 240 * 3, "\(name) is not whole: \(size) bytes")
        }
        let json = try manifest(mountPoint + "/out")
        #expect(json["frames"] as? Int == written.count)
        #expect((json["stopped_early"] as? String)?.isEmpty == false)
    }

    @Test func aSliceHoldsTheSameFramesAsTheWholeRecording() throws {
        let whole = Tool.temporaryDirectory(), slice = Tool.temporaryDirectory()
        defer { for d in [whole, slice] { try? FileManager.default.removeItem(atPath: d) } }
        let options = ["--size", "480x270", "--iterations", "2000", "--keyframes", "8", "--beat", "12"]
        #expect(try Tool.neuroglow(["record", whole] + options).status == 0)
        let cut = try Tool.neuroglow(["record", slice, "--from-keyframe", "3", "--to-keyframe", "5"] + options)
        #expect(cut.status == 0, "\(cut.stderr)")
        let names = frames(in: slice)
        #expect(names.count == 3 * 12, "keyframes 3, 4 and 5, a beat each: \(names.count)")
        for (k, name) in names.enumerated() {
            let a = FileManager.default.contents(atPath: slice + "/" + name)
            let b = FileManager.default.contents(atPath: whole + "/" + String(format: "frame_%06d.bmp", 36 + k))
            #expect(a != nil && a == b, "\(name) is not session frame \(36 + k)")
        }
        let json = try manifest(slice)
        #expect(json["first_session_frame"] as? Int == 36 && json["frames"] as? Int == 36)
        let keyframes = try #require(json["keyframes"] as? [[String: Any]])
        #expect(keyframes.map { $0["index"] as? Int } == [3, 4, 5] && keyframes.first?["frame"] as? Int == 0)

        for (arguments, complaint) in [
            (["--from-keyframe", "8"], "--from-keyframe 8: expected a keyframe from 0 to 7"),
            (["--to-keyframe", "-1"], "--to-keyframe -1: expected a keyframe from 0 to 7"),
            (["--from-keyframe", "5", "--to-keyframe", "2"], "--from-keyframe 5 is after --to-keyframe 2"),
        ] {
            let refused = try Tool.neuroglow(["record", slice + "-no"] + arguments + options)
            #expect(refused.status != 0 && refused.stderr.contains(complaint), "\(refused.stderr)")
        }
    }

    /// A live recording goes on past the session's end, holding the last keyframe; `--frames` can
    /// render those frames headless too (the live-versus-headless tests rely on it), but a slice's
    /// `--to-keyframe` is a hard end.
    @Test func framesPastTheEndHoldTheLastKeyframeUnlessASliceEnds() throws {
        let held = Tool.temporaryDirectory(), slice = Tool.temporaryDirectory()
        defer { for d in [held, slice] { try? FileManager.default.removeItem(atPath: d) } }
        let options = ["--size", "320x240", "--iterations", "200", "--keyframes", "4", "--beat", "6"]
        #expect(try Tool.neuroglow(["record", held, "--frames", "40"] + options).status == 0)
        #expect(frames(in: held).count == 40)
        #expect(try manifest(held)["frames"] as? Int == 40)
        #expect(try Tool.neuroglow(["record", slice, "--frames", "40", "--to-keyframe", "3"] + options).status == 0)
        #expect(frames(in: slice).count == 24, "keyframes 0…3, a beat of 6 each")
    }

    @Test func aRecordingKilledHardIsResumedToTheSameFrames() throws {
        let whole = Tool.temporaryDirectory(), cut = Tool.temporaryDirectory()
        defer { for d in [whole, cut] { try? FileManager.default.removeItem(atPath: d) } }
        let options = ["--size", "640x360", "--iterations", "3000"]
        let reference = try Tool.neuroglow(["record", whole] + options, timeout: 300)
        #expect(reference.status == 0, "\(reference.stderr)")

        // kill -9 part-way: no chance to rewrite the manifest or clean up.
        let app = try Tool.start(Tool.binary, ["record", cut] + options)
        waitForFrames(cut, atLeast: 200, timeout: 60)
        app.signal(SIGKILL)
        _ = app.finish()
        let left = frames(in: cut)
        #expect(left.count < 3600, "the recording finished before it was killed")
        #expect((recordingManifest(cut)?["stopped_early"] as? String)?.hasPrefix("recording in progress") == true)

        // Without --resume the folder is refused, saying what it holds and what to do.
        let refused = try Tool.neuroglow(["record", cut] + options)
        #expect(
            refused.status != 0 && refused.stderr.contains("holds an interrupted recording")
                && refused.stderr.contains("--resume") && refused.stderr.contains("--overwrite"), "\(refused.stderr)")
        // Other options would render other frames: refused, naming the difference.
        let mismatch = try Tool.neuroglow(["record", cut, "--resume", "--seed", "2"] + options)
        #expect(
            mismatch.status != 0 && mismatch.stderr.contains("was recorded with seed 1, these options give 2"),
            "\(mismatch.stderr)")

        let resumed = try Tool.neuroglow(["record", cut, "--resume"] + options, timeout: 300)
        #expect(resumed.status == 0 && resumed.stderr.contains("resumed after frame"), "\(resumed.stderr)")
        let names = frames(in: cut)
        #expect(names == (0..<3600).map { String(format: "frame_%06d.bmp", $0) }, "\(names.suffix(3))")
        for name in names {
            let a = FileManager.default.contents(atPath: whole + "/" + name)
            let b = FileManager.default.contents(atPath: cut + "/" + name)
            #expect(a != nil && a == b, "\(name) differs from the uninterrupted recording")
        }
        let json = try manifest(cut)
        #expect(json["frames"] as? Int == 3600 && json["stopped_early"] is NSNull)
        let again = try Tool.neuroglow(["record", cut, "--resume"] + options)
        #expect(again.status != 0 && again.stderr.contains("holds no interrupted recording"), "\(again.stderr)")
    }
}
