import Foundation
import Testing

/// The timeline strip in a real window: dragging scrubs, a click jumps, keys jump, and every
/// move is reported with a `seek` event.
@Suite(.serialized)
struct ScrubbingTests {
    /// The `seek` events so far.
    func seeks(_ live: LiveWindow) -> [[String: Any]] {
        live.events.events.filter { $0["event"] as? String == "seek" }
    }

    @Test func draggingScrubsAClickJumpsAndKeysJump() throws {
        let schedule = try Tool.neuroglow(["schedule", "--json"])
        let drop = try #require((Tool.json(schedule.stdout) as? [String: Any])?["steepest_drop"] as? [String: Any])
        let live = try LiveWindow(["--seconds", "90"])
        let layout = try live.layout()
        let areas = try #require(layout["areas"] as? [[String: Any]])
        #expect(Set(areas.compactMap { $0["kind"] as? String }) == ["network", "timeline"])
        let strip = try #require(areas.first { $0["kind"] as? String == "timeline" })
        let rect = try AreaRect(strip)
        let (x, y, width, height) = (rect.x, rect.y, rect.width, rect.height)
        let middle = String(Int(y + height * 0.7))
        func at(_ fraction: Double) -> String { String(Int(x + 4 + (width - 8) * fraction)) }
        _ = live.events.wait(for: "keyframe", count: 2)
        let window = try live.windowID()

        // Drag from the left edge to four fifths of the way: playback pauses, the position follows.
        try live.x.xdotool(["mousemove", "--window", window, at(0.02), middle, "mousedown", "1"])
        for fraction in stride(from: 0.1, through: 0.8, by: 0.1) {
            try live.x.xdotool(["mousemove", "--window", window, at(fraction), middle])
            Thread.sleep(forTimeInterval: 0.08)
        }
        try live.x.xdotool(["mouseup", "1"])
        // Every move read (a loaded machine reads them frames later).
        eventually { seeks(live).count >= 3 }
        _ = settled { seeks(live).count }
        let dragged = seeks(live)
        #expect(dragged.count >= 3, "a seek for each move: \(dragged)")
        let frames = dragged.compactMap { $0["frame"] as? Int }
        #expect(frames == frames.sorted() && frames.last ?? 0 > frames.first ?? 0, "rightwards: \(frames)")
        // Paused where it was let go: the HUD's keyframe is the last seek's, and stays.
        let last = try #require(dragged.last)
        let keyframes = live.events.wait(for: "keyframe").compactMap { $0["index"] as? Int }
        #expect(keyframes.last == last["keyframe"] as? Int, "keyframe events \(keyframes.suffix(3)) vs \(last)")
        Thread.sleep(forTimeInterval: 1)
        #expect(live.events.wait(for: "keyframe").compactMap { $0["index"] as? Int }.last == keyframes.last)

        /// The seek `action` causes: the latest once there is one more than before it.
        func seek(after action: () throws -> Void) throws -> [String: Any] {
            let before = seeks(live).count
            try action()
            eventually { seeks(live).count > before }
            return try #require(seeks(live).dropFirst(before).last, "no seek event")
        }

        // A click jumps back.
        let clicked = try seek { try live.click((Double(at(0.3))!, Double(middle)!)) }
        #expect(try field("frame", of: clicked, as: Int.self) < field("frame", of: last, as: Int.self))

        // Shift+→ ten keyframes on, End the last one reached, M the steepest drop.
        let before: Int = try field("keyframe", of: clicked)
        #expect(try seek { try live.key("shift+Right") }["keyframe"] as? Int == before + 10)
        #expect(try seek { try live.key("End") }["keyframe"] as? Int == 119)
        #expect(try seek { try live.key("m") }["keyframe"] as? Int == drop["keyframe"] as? Int)
        try live.key("q")
        #expect(live.finish().status == 0)
    }
}
