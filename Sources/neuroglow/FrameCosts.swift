import NeuralCore
import SDLPlatform

/// What a bench figure's frames cost: their times, and per frame the pixels and triangles the
/// renderer drew (`SceneRenderer.pixelsFilled`, `trianglesDrawn`). Under llvmpipe a frame's time
/// follows both: about 6.5 ms a megapixel of full blocks, about a microsecond a triangle, and a
/// long thin triangle shades several times its area. Unlike the time they do not change with the
/// host's load, so they show a drawing change's effect on a noisy machine.
struct FrameCosts {
    let times: Summary
    /// Pixels filled per frame.
    let pixels: Double
    /// Triangles drawn per frame.
    let triangles: Double

    /// The renderer's counts now, to take the frames' share from (`since`).
    struct Counts {
        let pixels: Double, triangles: Int
        init(_ renderer: SceneRenderer) {
            pixels = renderer.pixelsFilled
            triangles = renderer.trianglesDrawn
        }
    }

    /// `times`, with the pixels and triangles drawn since `before`, per frame.
    init(times: Summary, since before: Counts, now: Counts, frames: Int) {
        self.times = times
        pixels = (now.pixels - before.pixels) / Double(frames)
        triangles = Double(now.triangles - before.triangles) / Double(frames)
    }

    func json(_ bench: BenchCommand) -> JSONValue {
        bench.summaryJSON(
            times, unit: "ms",
            adding: [("fill_megapixels", JSONValue(pixels / 1e6)), ("triangles", JSONValue(triangles.rounded()))])
    }

    /// "  label median / p99 (fill, triangles)", as the figures' lines show it.
    func text(_ label: String) -> String {
        "  \(label) \(format(times.median, 2)) / \(format(times.p99, 2)) (\(format(pixels / 1e6, 2)), "
            + "\(Int(triangles.rounded())))"
    }
}
