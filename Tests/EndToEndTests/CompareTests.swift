import Foundation
import Testing

/// `--compare` in the real window, in `train` and in recordings.
@Suite(.serialized)
struct CompareTests {
    @Test func oneClickSetsTheInputOfBothNetworks() throws {
        let live = try LiveWindow(["--compare", "learning-rate=3", "--seconds", "60"])
        let layout = try live.layout()
        let neurons = try #require(layout["neurons"] as? [[String: Any]])
        #expect(neurons.filter { $0["network"] as? Int == 0 }.count == 8)
        #expect(neurons.filter { $0["network"] as? Int == 1 }.count == 8)
        let areas = try #require(layout["areas"] as? [[String: Any]])
        #expect(areas.filter { $0["kind"] as? String == "network" }.count == 2)
        #expect(areas.filter { $0["kind"] as? String == "timeline" }.count == 1)
        // The second network's first input neuron.
        let target = try #require(neurons.first { $0["network"] as? Int == 1 && $0["layer"] as? Int == 0 })
        try live.click((try field("x", of: target), try field("y", of: target)))
        let event = try #require(live.events.wait(for: "input").last)
        #expect(event["source"] as? String == "neuron" && event["neuron"] as? Int == 0, "\(event)")
        let outputs = try #require(event["outputs"] as? [Double])
        let compared = try #require(event["compare_outputs"] as? [Double], "\(event)")
        #expect(outputs.count == 1 && compared.count == 1)
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    /// Two inputs: the halves are stacked, each with its map; a click in the second's map is the
    /// input of both.
    @Test func aClickInEitherMapIsTheInputOfBoth() throws {
        let live = try LiveWindow(["--dataset", "circle", "--compare", "activation=tanh", "--seconds", "60"])
        let areas = try #require(try live.layout()["areas"] as? [[String: Any]])
        let maps = areas.filter { $0["kind"] as? String == "map" }
        #expect(maps.count == 2 && maps.map { $0["network"] as? Int } == [0, 1])
        let second = try #require(maps.last)
        try live.click(try AreaRect(second).centre)
        let event = try #require(live.events.wait(for: "input").last)
        #expect(event["source"] as? String == "map" && (event["compare_outputs"] as? [Double])?.count == 1, "\(event)")
        let inputs = try #require(event["inputs"] as? [Double])
        try #require(inputs.count == 2, "\(inputs)")
        #expect(abs(inputs[0]) < 0.05 && abs(inputs[1]) < 0.05, "the middle of a map spanning −1.1…1.1: \(inputs)")
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    @Test func trainReportsBothAndRecordingsAreDeterministic() throws {
        let trained = try Tool.neuroglow(["train", "--compare", "learning-rate=3", "--iterations", "3000", "--json"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let json = try #require(Tool.json(trained.stdout) as? [String: Any])
        let second = try #require(json["compare"] as? [String: Any])
        #expect(second["options"] as? String == "learning-rate=3" && second["same_initial_weights"] as? Bool == true)
        #expect((second["loss"] as? Double ?? 1) < (json["loss"] as? Double ?? 0), "a larger rate learns xor3 faster")
        // As text, in the first network's words, numbers rounded as the first's are.
        let text = try Tool.neuroglow([
            "train", "--compare", "layers=3,8,1", "--iterations", "3000", "--predict", "1,1,0",
        ])
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let compared = try #require(lines.firstIndex { $0.hasPrefix("compared with ") }, "\(text.stdout)")
        #expect(
            lines[compared].hasPrefix(
                "compared with layers=3,8,1: 3-8-1 from first weights of its own, 3000 iterations, final loss 0."),
            "\(lines[compared])")
        #expect(
            lines[compared + 1].hasPrefix("  accuracy ")
                && lines[compared + 2].hasPrefix("  its prediction for [1.00, 1.00, 0.00]: ["))
        #expect(!text.stdout.contains("e-0") && !text.stdout.contains("true") && !text.stdout.contains("false"))
        let wrong = try Tool.neuroglow(["train", "--compare", "dataset=xor"])
        #expect(wrong.status != 0 && wrong.stderr.contains("dataset cannot differ"), "\(wrong.stderr)")

        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func record(_ name: String) throws -> String {
            let result = try Tool.neuroglow([
                "record", directory + "/" + name, "--compare", "activation=tanh", "--iterations", "2000",
                "--to-keyframe", "2", "--size", "640x360",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            return directory + "/" + name
        }
        let a = try record("a"), b = try record("b")
        let manifest = try #require(recordingManifest(a))
        #expect((manifest["options"] as? [String: Any])?["compare"] as? String == "activation=tanh")
        let files = frames(in: a)
        #expect(files.count == 90 && files == frames(in: b))
        for name in files {
            #expect(
                FileManager.default.contents(atPath: a + "/" + name)
                    == FileManager.default.contents(atPath: b + "/" + name))
        }
    }
}
