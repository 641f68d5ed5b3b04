import ArgumentParser
import FoundationEssentials
import Glibc
import NeuralCore
import Session

extension BenchCommand {
    /// The live window with real-sized data: 1,797 digits of 8×8 pixels valued 0–16 (the shape of
    /// the classic handwritten-digits CSV, drawn here from the shipped font) on a 64-128-64-10
    /// softmax network at learning rate 0.01, trained while it plays: frame rate and frame work
    /// from the window's own `stats` events (one per 600 frames).
    func benchLive() throws -> (JSONValue, String) {
        let glyphs = try ShippedFont.digitGlyphs()
        let digits = DigitImages.generate(glyphs: glyphs, shape: ImageShape(width: 8, height: 8), count: 1_797, seed: 7)
        var lines = [((0..<64).map { "p\($0)" } + ["digit"]).joined(separator: ",")]
        for e in 0..<digits.count {
            let pixels = digits.input(e).map { String(Int(($0 * 16).rounded())) }
            // Named classes ("d7"): a numeric column would be one regression target.
            lines.append((pixels + ["d" + digits.predictedClass(digits.target(e))!]).joined(separator: ","))
        }
        let folder =
            SystemCalls.temporaryDirectory + "neuroglow-bench-live-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = folder + "/digits.csv", events = folder + "/events.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let seconds = quick ? 15 : 31
        let output = try runSelf([
            "live", "--dataset", csv, "--layers", "64,128,64,10", "--learning-rate", "0.01", "--seconds",
            String(seconds), "--events", events,
        ])
        guard let log = try? String(contentsOfFile: events, encoding: .utf8) else {
            throw ValidationError("live digits: the window wrote no events:\n\(output)")
        }
        let stats = log.split(separator: "\n")
            .compactMap { try? JSONParser.parse(String($0)) }.filter { $0["event"] == .string("stats") }
        guard !stats.isEmpty else {
            throw ValidationError("live digits: the window reported no stats in \(seconds) s")
        }
        func all(_ key: String) -> [Double] {
            stats.compactMap { if case .number(let v) = $0[key] { v } else { nil } }
        }
        let fps = all("fps").min() ?? 0, p99 = all("frame_ms_p99").max() ?? 0, worst = all("frame_ms_max").max() ?? 0
        let memory = all("resident_mb").max() ?? 0
        return (
            .object([
                ("fps_min", JSONValue(fps)), ("frame_ms_p99_max", JSONValue(p99)), ("frame_ms_max", JSONValue(worst)),
                ("resident_mb_max", JSONValue(memory)), ("stats_events", JSONValue(stats.count)),
            ]),
            "live digits CSV, 1797 rows on 64-128-64-10 (\(seconds) s): lowest fps \(format(fps, 1)), frame work p99 "
                + "up to \(format(p99, 1)) ms, longest frame \(format(worst, 1)) ms, resident \(format(memory, 1)) MB"
        )
    }
}
