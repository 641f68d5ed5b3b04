import NeuralCore

/// What a bench figure's frames cost: their times, and the pixels the renderer filled per frame
/// (`SceneRenderer.pixelsFilled`). Under llvmpipe a frame's time follows its pixels; the pixels,
/// unlike the time, do not change with the host's load, so they show a drawing change's effect
/// on a noisy machine.
struct FrameCosts {
    let times: Summary
    /// Pixels filled per frame.
    let pixels: Double

    func json(_ bench: BenchCommand) -> JSONValue {
        bench.summaryJSON(times, unit: "ms", adding: [("fill_megapixels", JSONValue(pixels / 1e6))])
    }

    /// "  label median / p99 (fill)", as the figures' lines show it.
    func text(_ label: String) -> String {
        "  \(label) \(format(times.median, 2)) / \(format(times.p99, 2)) (\(format(pixels / 1e6, 2)))"
    }
}
