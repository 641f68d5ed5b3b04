import Foundation
import Testing

/// The keys of the help overlay, pressed in a real window.
@Suite(.serialized)
struct KeyboardTests {
    @Test func recordPauseSaveModelAndWheel() throws {
        let live = try LiveWindow([
            "--dataset", "circle", "--layers", "2,4,1", "--iterations", "300", "--size", "800x600", "--seconds", "60",
        ])
        let reader = live.events, directory = live.directory
        let layout = try live.layout()
        func key(_ name: String) throws { try live.key(name) }
        // R starts and stops a recording into recordings/<date-time>.mp4 (ffmpeg is installed for
        // the tests) — part-way through the session.
        _ = reader.wait(for: "keyframe", count: 2)
        try key("r")
        _ = reader.wait(for: "record")
        Thread.sleep(forTimeInterval: 0.5)
        try key("r")
        let records = reader.wait(for: "record", count: 2)
        #expect(records.map { $0["state"] as? String } == ["started", "stopped"])
        let video = try #require(records.first?["dir"] as? String)
        #expect(video.hasPrefix("recordings/") && video.hasSuffix(".mp4"))
        #expect((records.last?["frames"] as? Int ?? 0) > 0)
        #expect(Video.probe(directory + "/" + video)?.frames == records.last?["frames"] as? Int)
        let manifest = try #require(Video.manifest(directory + "/" + video))
        // Started part-way: the manifest says at which session frame its first file is.
        #expect(
            (manifest["first_session_frame"] as? Int ?? 0) > 0
                && manifest["frames"] as? Int == records.last?["frames"] as? Int)

        // Space pauses: no keyframe is announced while paused.
        try key("space")
        let before = settled { live.count("keyframe") }
        Thread.sleep(forTimeInterval: 1.2)
        #expect(live.count("keyframe") == before)
        try key("space")
        _ = reader.wait(for: "keyframe", count: before + 1)

        // Ctrl+S saves the model on screen. Paused and stepped to a beat's first frame, the screen
        // shows keyframe k exactly, so the file must hold the weights `train` reaches after the
        // same iterations with the same options (training is deterministic).
        try key("space")
        try key("Right")
        try key("ctrl+s")
        try key("space")
        func savedModels() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
                $0.hasPrefix("neuroglow-model-")
            }
        }
        eventually { !savedModels().isEmpty }
        let models = savedModels()
        #expect(models.count == 1, "\(models)")
        if let model = models.first {
            let iteration = try #require(
                Int(model.dropFirst("neuroglow-model-".count).dropLast(".json".count)), "\(model)")
            let reference = directory + "/reference.json"
            #expect(iteration > 0, "the step should have left the untrained network")
            do {
                let trained = try Tool.neuroglow([
                    "train", "--dataset", "circle", "--layers", "2,4,1", "--iterations", String(max(iteration, 1)),
                    "--save", reference,
                ])
                #expect(trained.status == 0, "\(trained.stderr)")
                let saved = try #require(
                    Tool.json(String(contentsOfFile: directory + "/" + model, encoding: .utf8)) as? [String: Any])
                let expected = try #require(
                    Tool.json(String(contentsOfFile: reference, encoding: .utf8)) as? [String: Any])
                let weights = try #require(saved["weights"] as? [[[Double]]]),
                    wanted = try #require(expected["weights"] as? [[[Double]]])
                let biases = try #require(saved["biases"] as? [[Double]]),
                    wantedBiases = try #require(expected["biases"] as? [[Double]])
                #expect(
                    zip(weights.flatMap { $0.flatMap { $0 } }, wanted.flatMap { $0.flatMap { $0 } }).allSatisfy {
                        abs($0 - $1) < 1e-12
                    })
                #expect(zip(biases.flatMap { $0 }, wantedBiases.flatMap { $0 }).allSatisfy { abs($0 - $1) < 1e-12 })
                #expect(weights.flatMap { $0.flatMap { $0 } }.count == 12 && biases.flatMap { $0 }.count == 5)
            }
            let loaded = try Tool.neuroglow([
                "train", "--dataset", "circle", "--load", directory + "/" + model, "--iterations", "1",
            ])
            #expect(loaded.status == 0, "\(loaded.stderr)")
        }

        // The wheel over an input neuron changes its value in tenths of its range.
        let input = try live.centre(layer: 0, index: 0, in: layout)
        try live.x.xdotool(["mousemove", "--window", try live.windowID(), String(Int(input.x)), String(Int(input.y))])
        try live.x.xdotool(["click", "4"])
        let first = try #require(reader.wait(for: "input").last?["inputs"] as? [Double])
        try live.x.xdotool(["click", "5"])
        let second = try #require(reader.wait(for: "input", count: 2).last?["inputs"] as? [Double])
        try #require(first.count == 2 && second.count == 2, "\(first) → \(second)")
        // circle's x spans about −0.9…0.9: one wheel step is a tenth of that.
        #expect(abs(abs(second[0] - first[0]) - 0.18) < 0.02, "\(first) → \(second)")

        try key("Escape")
        #expect(live.finish().status == 0)
    }
}

/// E: explain mode in a real window, and `record --explain`.
@Suite(.serialized)
struct ExplainModeTests {
    @Test func explainPausesStepsThroughStagesAndLeaves() throws {
        let live = try LiveWindow(["--iterations", "2000", "--size", "800x600", "--seconds", "60"])
        let reader = live.events
        _ = reader.wait(for: "keyframe", count: 2)
        try live.key("e")
        let first = try #require(reader.wait(for: "explain").first)
        // The 3-4-1 network is explained whole: the first stage is hidden neuron 1's forward sum.
        #expect(first["stage"] as? String == "forward" && first["layer"] as? Int == 1 && first["index"] as? Int == 0)
        // Playback is paused: no keyframe is announced while explaining. Space holds the stage
        // (each lasts 3 s), so only → moves on here.
        let keyframes = live.count("keyframe")
        try live.key("space")
        try live.key("Right")
        let second = try #require(reader.wait(for: "explain", count: 2).last)
        #expect(second["stage"] as? String == "forward" && second["index"] as? Int == 1, "\(second)")
        for _ in 0..<4 { try live.key("Right") }
        let error = try #require(reader.wait(for: "explain", count: 6).last)
        #expect(error["stage"] as? String == "error" && error["layer"] as? Int == 2, "\(error)")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(live.count("keyframe") == keyframes, "playback must hold while explaining")
        // E leaves; playback resumes where it was.
        try live.key("e")
        let off = try #require(reader.wait(for: "explain", count: 7).last)
        #expect(off["stage"] as? String == "off")
        _ = reader.wait(for: "keyframe", count: keyframes + 1)
        #expect(live.count("keyframe") > keyframes, "playback must resume after explain mode")
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    @Test func recordExplainRendersTheExplainedStep() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let small = ["--size", "640x360", "--frames", "200"]
        let explained = try Tool.neuroglow(["record", directory + "/explain", "--explain"] + small)
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(try Tool.neuroglow(["record", directory + "/plain"] + small).status == 0)
        let manifest = try #require(recordingManifest(directory + "/explain"))
        let explain = manifest["explain"] as? [String: Any]
        #expect(explain?["stages"] as? Int == 9 && explain?["frames_per_stage"] as? Int == 180, "\(manifest)")
        #expect(manifest["frames"] as? Int == 200 && (manifest["keyframes"] as? [Any])?.isEmpty == true)
        // The same first frame of the session, with the card written over it.
        let a = try #require(FileManager.default.contents(atPath: directory + "/explain/frame_000000.bmp"))
        let b = try #require(FileManager.default.contents(atPath: directory + "/plain/frame_000000.bmp"))
        #expect(a != b && a.count == b.count)
        let refused = try Tool.neuroglow(["record", directory + "/x", "--explain", "--from-keyframe", "2"])
        #expect(refused.status != 0 && refused.stderr.contains("--explain"), "\(refused.stderr)")
    }
}
