import Foundation
import Testing

/// Faults met by the real binary: signals, a folder that disappears, resizing, divergence.
@Suite(.serialized)
struct FaultTests {
    func frames(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("frame_") }.sorted()
    }

    func manifest(_ directory: String) -> [String: Any]? {
        (try? String(contentsOfFile: directory + "/session.json", encoding: .utf8)).flatMap { Tool.json($0) as? [String: Any] }
    }

    func waitForFrames(_ directory: String, atLeast count: Int, timeout: Double = 20) {
        let deadline = Date().addingTimeInterval(timeout)
        while frames(in: directory).count < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalWhileRecordingLiveFlushesEveryFrame(signal: Int32) throws {
        let x = try VirtualDisplay()
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try Tool.start(Tool.binary, ["--record", directory + "/rec", "--size", "640x360", "--seconds", "60"],
                                 environment: ["DISPLAY": x.display])
        waitForFrames(directory + "/rec", atLeast: 30)
        kill(app.process.processIdentifier, signal)
        let result = app.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let written = frames(in: directory + "/rec")
        #expect(written.count >= 30 && written.allSatisfy { $0.hasSuffix(".bmp") }, "\(written.suffix(3))")
        #expect(written == (0..<written.count).map { String(format: "frame_%06d.bmp", $0) })
        #expect(manifest(directory + "/rec")?["frames"] as? Int == written.count)
    }

    @Test func interruptingAHeadlessRecordingKeepsWholeFramesAndSaysSo() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try Tool.start(Tool.binary, ["record", directory + "/rec", "--size", "640x360"])
        waitForFrames(directory + "/rec", atLeast: 20)
        kill(app.process.processIdentifier, SIGINT)
        let result = app.finish()
        #expect(result.status != 0 && result.stderr.contains("interrupted"), "\(result.stderr)")
        let written = frames(in: directory + "/rec")
        #expect(written == (0..<written.count).map { String(format: "frame_%06d.bmp", $0) })
        let json = manifest(directory + "/rec")
        #expect(json?["frames"] as? Int == written.count && json?["stopped_early"] as? String == "interrupted")
    }

    @Test func aRecordingFolderDeletedMidwayStopsRecordingButNotTheApp() throws {
        let x = try VirtualDisplay()
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let eventsPath = directory + "/events.jsonl"
        let app = try Tool.start(Tool.binary, ["--record", directory + "/rec", "--size", "640x360", "--events", eventsPath, "--seconds", "60"],
                                 environment: ["DISPLAY": x.display])
        waitForFrames(directory + "/rec", atLeast: 10)
        try FileManager.default.removeItem(atPath: directory + "/rec")
        let reader = EventReader(path: eventsPath)
        let records = reader.wait(for: "record", count: 2)
        let stopped = try #require(records.last)
        #expect(stopped["state"] as? String == "stopped" && (stopped["reason"] as? String)?.isEmpty == false)
        #expect(app.process.isRunning, "the app must keep running")
        let window = try #require(x.xdotool(["search", "--sync", "--name", "neuroglow"]).stdout.split(separator: "\n").first.map(String.init))
        try x.xdotool(["key", "--window", window, "Escape"])
        #expect(app.finish().status == 0)
    }

    @Test func resizingMovesTheLayoutAndHitTestingFollows() throws {
        let x = try VirtualDisplay()
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let eventsPath = directory + "/events.jsonl"
        let app = try Tool.start(Tool.binary, ["--events", eventsPath, "--seconds", "60"], environment: ["DISPLAY": x.display])
        let reader = EventReader(path: eventsPath)
        _ = reader.wait(for: "layout")
        let window = try #require(x.xdotool(["search", "--sync", "--name", "neuroglow"]).stdout.split(separator: "\n").first.map(String.init))
        try x.xdotool(["windowsize", window, "800", "600"])
        let layouts = reader.wait(for: "layout", count: 2)
        let resized = try #require(layouts.last)
        #expect(resized["width"] as? Int == 800 && resized["height"] as? Int == 600, "\(resized)")
        let neurons = try #require(resized["neurons"] as? [[String: Any]])
        let input = try #require(neurons.first { $0["layer"] as? Int == 0 && $0["index"] as? Int == 1 })
        let (cx, cy) = (input["x"] as! Double, input["y"] as! Double)
        #expect(cx < 800 && cy < 600)
        try x.xdotool(["mousemove", "--window", window, String(Int(cx)), String(Int(cy)), "click", "1"])
        let toggle = try #require(reader.wait(for: "input").first)
        #expect(toggle["neuron"] as? Int == 1)
        try x.xdotool(["key", "--window", window, "q"])
        #expect(app.finish().status == 0)
    }

    @Test func divergenceIsReportedNotACrash() throws {
        let options = ["--dataset", "reg-plane", "--layers", "2,8,8,1", "--activation", "relu", "--output-activation", "linear",
                       "--init", "he", "--learning-rate", "50", "--iterations", "500"]
        let trained = try Tool.neuroglow(["train", "--json"] + options)
        #expect(trained.status == 0)
        #expect((Tool.json(trained.stdout) as? [String: Any])?["diverged"] as? Bool == true)
        let x = try VirtualDisplay()
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Tool.neuroglow(options + ["--keyframes", "10", "--beat", "6", "--events", directory + "/events.jsonl", "--seconds", "2"],
                                        environment: ["DISPLAY": x.display], timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = EventReader(path: directory + "/events.jsonl").events.filter { $0["event"] as? String == "warning" }
        #expect(warnings.contains { ($0["message"] as? String)?.contains("diverged") == true }, "\(warnings)")
    }
}

/// Hiding the window (what minimising amounts to without a window manager) pauses drawing, not
/// the program: shown again, it answers clicks and quits cleanly.
@Suite(.serialized)
struct WindowVisibilityTests {
    @Test func hiddenThenShownTheWindowKeepsWorking() throws {
        let x = try VirtualDisplay()
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let eventsPath = directory + "/events.jsonl"
        let app = try Tool.start(Tool.binary, ["--events", eventsPath, "--seconds", "60"], environment: ["DISPLAY": x.display])
        let reader = EventReader(path: eventsPath)
        let layout = try #require(reader.wait(for: "layout").first)
        let window = try #require(x.xdotool(["search", "--sync", "--name", "neuroglow"]).stdout.split(separator: "\n").first.map(String.init))
        try x.xdotool(["windowunmap", "--sync", window])
        Thread.sleep(forTimeInterval: 1)
        #expect(app.process.isRunning)
        try x.xdotool(["windowmap", "--sync", window])
        Thread.sleep(forTimeInterval: 0.5)
        let neurons = try #require(layout["neurons"] as? [[String: Any]])
        let input = try #require(neurons.first { $0["layer"] as? Int == 0 && $0["index"] as? Int == 2 })
        try x.xdotool(["mousemove", "--window", window, String(Int(input["x"] as! Double)), String(Int(input["y"] as! Double)), "click", "1"])
        #expect(reader.wait(for: "input").first?["neuron"] as? Int == 2)
        try x.xdotool(["key", "--window", window, "Escape"])
        #expect(app.finish().status == 0)
    }
}
