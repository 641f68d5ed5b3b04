import Foundation
import Testing

/// The real binary's live window in a private X server, with its events log and a folder of its
/// own (its working directory, where S and Ctrl+S save). Stopped and cleaned up when released.
final class LiveWindow {
    let x: VirtualDisplay
    let app: Tool.Running
    let events: EventReader
    let directory: String
    private var cachedWindowID: String?

    init(
        _ arguments: [String], environment: [String: String] = [:], withWindowManager: Bool = false,
        screen: (width: Int, height: Int) = (1280, 720)
    ) throws {
        x = try VirtualDisplay(width: screen.width, height: screen.height, withWindowManager: withWindowManager)
        directory = Tool.temporaryDirectory()
        events = EventReader(path: directory + "/events.jsonl")
        app = try Tool.start(
            Tool.binary, arguments + ["--events", events.path],
            environment: environment.merging(["DISPLAY": x.display]) { $1 }, directory: directory)
    }

    deinit {
        app.signal(SIGKILL)
        _ = app.finish()  // reaps it and removes its output files
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The X window's id, once it exists.
    func windowID() throws -> String {
        if let cachedWindowID { return cachedWindowID }
        let found = try x.xdotool(["search", "--sync", "--name", "neuroglow"]).stdout.split(separator: "\n").first.map(
            String.init)
        cachedWindowID = try #require(found, "the window did not appear")
        return cachedWindowID!
    }

    /// The latest `layout` event.
    func layout(count: Int = 1) throws -> [String: Any] {
        try #require(events.wait(for: "layout", count: count).last, "no layout event")
    }

    /// The centre of neuron `index` of `layer` in `layout`.
    func centre(layer: Int, index: Int, in layout: [String: Any]) throws -> (x: Double, y: Double) {
        let neurons = try #require(layout["neurons"] as? [[String: Any]])
        let neuron = try #require(neurons.first { $0["layer"] as? Int == layer && $0["index"] as? Int == index })
        return (try field("x", of: neuron), try field("y", of: neuron))
    }

    func click(_ p: (x: Double, y: Double), button: String = "1") throws {
        try x.xdotool(["mousemove", "--window", try windowID(), String(Int(p.x)), String(Int(p.y)), "click", button])
        Thread.sleep(forTimeInterval: 0.3)
    }

    /// Presses `button` at the first point, moves through the others and lets go at the last.
    func drag(_ points: [(x: Double, y: Double)], button: String = "1") throws {
        let window = try windowID()
        func move(_ p: (x: Double, y: Double)) throws {
            try x.xdotool(["mousemove", "--window", window, String(Int(p.x)), String(Int(p.y))])
        }
        try move(points[0])
        try x.xdotool(["mousedown", button])
        for p in points.dropFirst() {
            try move(p)
            Thread.sleep(forTimeInterval: 0.02)
        }
        try x.xdotool(["mouseup", button])
        Thread.sleep(forTimeInterval: 0.3)
    }

    func key(_ name: String) throws {
        try x.xdotool(["key", "--window", try windowID(), name])
        Thread.sleep(forTimeInterval: 0.3)
    }

    /// How many events of a kind have arrived so far.
    func count(_ name: String) -> Int { events.events.filter { $0["event"] as? String == name }.count }

    /// Waits for the app to exit and returns its status and output.
    func finish() -> Tool.Result { app.finish() }
}
