import Foundation
import Testing

/// The keys of the help overlay, pressed in a real window.
@Suite(.serialized)
struct KeyboardTests {
    @Test func recordPauseSaveModelAndWheel() throws {
        let live = try LiveWindow(["--dataset", "circle", "--layers", "2,4,1", "--iterations", "300", "--size", "800x600", "--seconds", "60"])
        let reader = live.events, directory = live.directory
        let layout = try live.layout()
        func key(_ name: String) throws { try live.key(name) }
        // R starts and stops a recording into recordings/<date-time>/ — part-way through the session.
        _ = reader.wait(for: "keyframe", count: 2)
        try key("r")
        Thread.sleep(forTimeInterval: 0.5)
        try key("r")
        let records = reader.wait(for: "record", count: 2)
        #expect(records.map { $0["state"] as? String } == ["started", "stopped"])
        let folder = try #require(records.first?["dir"] as? String)
        #expect(folder.hasPrefix("recordings/"))
        #expect((records.last?["frames"] as? Int ?? 0) > 0)
        let manifest = try #require(Tool.json(String(contentsOfFile: directory + "/" + folder + "/session.json", encoding: .utf8)) as? [String: Any])
        // Started part-way: the manifest says at which session frame its first file is.
        #expect((manifest["first_session_frame"] as? Int ?? 0) > 0 && manifest["frames"] as? Int == records.last?["frames"] as? Int)

        // Space pauses: no keyframe is announced while paused.
        try key("space")
        let before = reader.events.filter { $0["event"] as? String == "keyframe" }.count
        Thread.sleep(forTimeInterval: 1.2)
        #expect(reader.events.filter { $0["event"] as? String == "keyframe" }.count == before)
        try key("space")
        _ = reader.wait(for: "keyframe", count: before + 1)

        // Ctrl+S saves the model on screen; it loads back.
        try key("ctrl+s")
        let models = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("neuroglow-model-") }
        #expect(models.count == 1, "\(models)")
        if let model = models.first {
            let loaded = try Tool.neuroglow(["train", "--dataset", "circle", "--load", directory + "/" + model, "--iterations", "1"])
            #expect(loaded.status == 0, "\(loaded.stderr)")
        }

        // The wheel over an input neuron changes its value in tenths of its range.
        let input = try live.centre(layer: 0, index: 0, in: layout)
        try live.x.xdotool(["mousemove", "--window", try live.windowID(), String(Int(input.x)), String(Int(input.y))])
        try live.x.xdotool(["click", "4"])
        let first = try #require(reader.wait(for: "input").last?["inputs"] as? [Double])
        try live.x.xdotool(["click", "5"])
        let second = try #require(reader.wait(for: "input", count: 2).last?["inputs"] as? [Double])
        #expect(abs(abs(second[0] - first[0]) - 0.18) < 0.02, "\(first) → \(second)")   // circle's x spans about −0.9…0.9

        try key("Escape")
        #expect(live.finish().status == 0)
    }
}
