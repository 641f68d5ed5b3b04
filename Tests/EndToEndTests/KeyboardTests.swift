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
        let before = reader.events.filter { $0["event"] as? String == "keyframe" }.count
        Thread.sleep(forTimeInterval: 1.2)
        #expect(reader.events.filter { $0["event"] as? String == "keyframe" }.count == before)
        try key("space")
        _ = reader.wait(for: "keyframe", count: before + 1)

        // Ctrl+S saves the model on screen. Paused and stepped to a beat's first frame, the screen
        // shows keyframe k exactly, so the file must hold the weights `train` reaches after the
        // same iterations with the same options (training is deterministic).
        try key("space")
        try key("Right")
        try key("ctrl+s")
        try key("space")
        let models = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasPrefix("neuroglow-model-")
        }
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
        // circle's x spans about −0.9…0.9: one wheel step is a tenth of that.
        #expect(abs(abs(second[0] - first[0]) - 0.18) < 0.02, "\(first) → \(second)")

        try key("Escape")
        #expect(live.finish().status == 0)
    }
}
