import Foundation
import Testing

/// What the picture holds, read back from its pixels, with both renderers: OpenGL in the live
/// window (under Xvfb, the screen grabbed by ffmpeg) and SDL's software renderer (recordings).
/// They draw round sprites differently (polygons on OpenGL, squares in software), so each is
/// checked.
struct PictureTests {
    /// Every neuron of the default session is a disc with its rim: the rim colour just inside
    /// the disc's edge on all four sides, and at its centre not the background. (A draw SDL
    /// rejects, such as texture coordinates outside 0…1, loses every disc of the frame.)
    @Test(arguments: [true, false])
    func everyNeuronIsARimmedDisc(inTheLiveWindow: Bool) throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let layout: [String: Any], bmp: Data
        if inTheLiveWindow {
            let live = try LiveWindow([])
            layout = try live.layout()
            // By the second keyframe the window has presented a beat's frames.
            _ = live.events.wait(for: "keyframe", count: 2)
            let grab = try Tool.run(
                try #require(Tool.which("ffmpeg"), "ffmpeg is missing: `make test` installs it"),
                [
                    "-loglevel", "error", "-f", "x11grab", "-video_size", "1280x720", "-i", live.x.display + "+0,0",
                    "-frames:v", "1", "-pix_fmt", "bgr24", "-y", directory + "/screen.bmp",
                ], timeout: 30)
            #expect(grab.status == 0, "\(grab.stderr)")
            bmp = try #require(FileManager.default.contents(atPath: directory + "/screen.bmp"))
        } else {
            let events = directory + "/events.jsonl"
            let result = try Tool.neuroglow(
                ["record", directory + "/rec", "--frames", "1", "--events", events], unsetting: ["DISPLAY"])
            #expect(result.status == 0, "\(result.stderr)")
            layout = try #require(
                try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
                    .compactMap { Tool.json(String($0)) as? [String: Any] }.first { $0["event"] as? String == "layout" }
            )
            bmp = try #require(FileManager.default.contents(atPath: directory + "/rec/frame_000000.bmp"))
        }
        let neurons = try #require(layout["neurons"] as? [[String: Any]])
        #expect(neurons.count == 8)
        let rim = (r: 120, g: 128, b: 145), background = (r: 12, g: 14, b: 20)
        for neuron in neurons {
            let cx = try #require(neuron["x"] as? Double), cy = try #require(neuron["y"] as? Double)
            let radius = try #require(neuron["radius"] as? Double)
            for (dx, dy) in [(1.0, 0.0), (-1, 0), (0, 1), (0, -1)] {
                // The rim is about three pixels wide; the software renderer places discs on whole
                // pixels, so the band is looked for along the ray rather than at one distance.
                let band = [1.0, 1.5, 2, 2.5, 3].map { inset in
                    bmpPixel(
                        bmp, x: Int((cx + dx * (radius - inset)).rounded()),
                        y: Int((cy + dy * (radius - inset)).rounded()))
                }
                #expect(
                    band.contains { abs($0.r - rim.r) + abs($0.g - rim.g) + abs($0.b - rim.b) < 40 },
                    "rim of the neuron at (\(cx), \(cy)) towards (\(dx), \(dy)): \(band)")
            }
            let centre = bmpPixel(bmp, x: Int(cx), y: Int(cy))
            #expect(
                abs(centre.r - background.r) + abs(centre.g - background.g) + abs(centre.b - background.b) > 30,
                "the neuron at (\(cx), \(cy)) has a filled disc: \(centre)")
        }
    }
}
