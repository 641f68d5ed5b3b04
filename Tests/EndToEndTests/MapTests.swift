import Foundation
import Testing

/// The decision map in the real window and in recordings.
@Suite(.serialized)
struct DecisionMapTests {
    /// The map's rectangle and the input ranges it spans, from a `layout` event.
    func mapArea(_ layout: [String: Any]) throws -> (
        x: Double, y: Double, w: Double, h: Double, xr: [Double], yr: [Double]
    ) {
        let areas = try #require(layout["areas"] as? [[String: Any]])
        let map = try #require(areas.first { $0["kind"] as? String == "map" }, "no map area: \(areas)")
        let rect = try AreaRect(map)
        let xRange: [Double] = try field("x_range", of: map), yRange: [Double] = try field("y_range", of: map)
        try #require(xRange.count == 2 && yRange.count == 2, "\(map)")
        return (rect.x, rect.y, rect.width, rect.height, xRange, yRange)
    }

    @Test func aClickInTheMapIsTheUsersInput() throws {
        let live = try LiveWindow([
            "--dataset", "gauss", "--iterations", "500", "--size", "1280x720", "--seconds", "60",
        ])
        let map = try mapArea(try live.layout())
        #expect(map.xr[0] < map.xr[1] && map.yr[0] < map.yr[1])
        // A quarter in from the left and from the top: x a quarter along its range, y three quarters.
        let at = (x: map.x + map.w * 0.25, y: map.y + map.h * 0.25)
        try live.click(at)
        let event = try #require(live.events.wait(for: "input").last)
        #expect(event["source"] as? String == "map", "\(event)")
        let inputs = try #require(event["inputs"] as? [Double])
        try #require(inputs.count == 2, "\(inputs)")
        let pixel = (map.xr[1] - map.xr[0]) / map.w * 1.5
        #expect(abs(inputs[0] - (map.xr[0] + 0.25 * (map.xr[1] - map.xr[0]))) < pixel, "\(inputs)")
        #expect(abs(inputs[1] - (map.yr[0] + 0.75 * (map.yr[1] - map.yr[0]))) < pixel, "\(inputs)")
        #expect((event["outputs"] as? [Double])?.count == 1)
        // Backspace returns to the training examples.
        try live.key("BackSpace")
        let reset = try #require(live.events.wait(for: "input", count: 2).last)
        #expect(reset["source"] as? String == "reset")
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    /// gauss puts class 1 around (0.5, 0.5) and class 0 around (−0.5, −0.5): once trained, the
    /// map is the positive colour (green) towards the first corner and the negative (red) towards
    /// the other.
    @Test func theMapIsEachClassColourOnItsSideOfTheBoundary() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let events = directory + "/events.jsonl"
        let result = try Tool.neuroglow([
            "record", directory + "/rec", "--dataset", "gauss", "--iterations", "2000", "--size", "800x600",
            "--from-keyframe", "119", "--frames", "1", "--events", events,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let layout = try #require(
            try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
                .compactMap { Tool.json(String($0)) as? [String: Any] }.first { $0["event"] as? String == "layout" })
        let map = try mapArea(layout)
        let bmp = try #require(FileManager.default.contents(atPath: directory + "/rec/frame_000000.bmp"))
        func colour(atInput x: Double, _ y: Double) -> (r: Int, g: Int, b: Int) {
            let px = map.x + (x - map.xr[0]) / (map.xr[1] - map.xr[0]) * map.w
            let py = map.y + map.h - (y - map.yr[0]) / (map.yr[1] - map.yr[0]) * map.h
            return bmpPixel(bmp, x: Int(px), y: Int(py))
        }
        for corner in [(0.9, 0.9), (0.95, 0.7), (0.7, 0.95)] {
            let c = colour(atInput: corner.0, corner.1)
            #expect(c.g > c.r + 40, "class 1's side at \(corner) should be green: \(c)")
        }
        for corner in [(-0.9, -0.9), (-0.95, -0.7), (-0.7, -0.95)] {
            let c = colour(atInput: corner.0, corner.1)
            #expect(c.r > c.g + 40, "class 0's side at \(corner) should be red: \(c)")
        }
    }
}

extension DecisionMapTests {
    /// The map is part of the picture, so a recording of a 2-D set is the same, byte for byte,
    /// every time (the field is a pure function of the frame).
    @Test func recordingsWithTheMapAreDeterministic() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let options = [
            "--dataset", "xor2d", "--noise", "20", "--iterations", "300", "--size", "640x360", "--keyframes", "4",
            "--beat", "6",
        ]
        for name in ["a", "b"] {
            let result = try Tool.neuroglow(["record", directory + "/" + name] + options)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let names = frames(in: directory + "/a")
        #expect(names.count == 24 && names == frames(in: directory + "/b"))
        for name in names {
            #expect(
                FileManager.default.contents(atPath: directory + "/a/" + name)
                    == FileManager.default.contents(atPath: directory + "/b/" + name), "\(name)")
        }
        let manifest = try #require(recordingManifest(directory + "/a"))
        let recorded = manifest["options"] as? [String: Any]
        #expect(recorded?["noise"] as? Int == 20 && recorded?["test_fraction"] as? Double == 0.5)
    }
}

/// The colour of pixel (x, y) of a 24-bit bottom-up BMP.
func bmpPixel(_ bmp: Data, x: Int, y: Int) -> (r: Int, g: Int, b: Int) {
    func int32(_ at: Int) -> Int { Int(bmp[at...(at + 3)].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }) }
    let offset = int32(10), width = int32(18), height = abs(int32(22))
    let pitch = (width * 3 + 3) / 4 * 4
    let k = offset + (height - 1 - y) * pitch + x * 3
    return (Int(bmp[k + 2]), Int(bmp[k + 1]), Int(bmp[k]))
}
