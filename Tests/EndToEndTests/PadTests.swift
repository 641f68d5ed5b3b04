import Foundation
import Testing

/// The drawing pad of image data in the real window: strokes painted with xdotool become the
/// network's input, and a trained network reads them.
@Suite(.serialized)
struct DrawingPadTests {
    /// The pad's rectangle from a `layout` event, and its cell size for a square image of `side` cells.
    func pad(_ layout: [String: Any], side: Int = 12) throws -> (x: Double, y: Double, cell: Double) {
        let areas = try #require(layout["areas"] as? [[String: Any]])
        let pad = try #require(areas.first { $0["kind"] as? String == "pad" }, "no pad area: \(areas)")
        let rect = try AreaRect(pad)
        #expect(abs(rect.width - rect.height) < 1)
        return (rect.x, rect.y, rect.width / Double(side))
    }

    /// The window point at the centre of cell (column, row), fractions allowed.
    func point(_ pad: (x: Double, y: Double, cell: Double), _ column: Double, _ row: Double) -> (x: Double, y: Double) {
        (pad.x + (column + 0.5) * pad.cell, pad.y + (row + 0.5) * pad.cell)
    }

    /// The latest pad `input` event of `pixels` inputs whose inputs satisfy `done` (the whole
    /// stroke has arrived), waiting up to 20 s for it — a slow machine paints a fast stroke over
    /// several frames — else the latest pad event of `pixels` inputs there is.
    func padInputs(_ live: LiveWindow, pixels: Int = 144, until done: ([Double]) -> Bool) throws -> (
        inputs: [Double], outputs: [Double]
    ) {
        func latest(_ accept: ([Double]) -> Bool) -> (inputs: [Double], outputs: [Double])? {
            live.events.events.reversed().compactMap { event -> ([Double], [Double])? in
                guard event["event"] as? String == "input", event["source"] as? String == "pad",
                    let inputs = event["inputs"] as? [Double], let outputs = event["outputs"] as? [Double],
                    inputs.count == pixels, accept(inputs)
                else { return nil }
                return (inputs, outputs)
            }.first
        }
        eventually { latest(done) != nil }
        return try #require(latest(done) ?? latest { _ in true }, "no pad input event of \(pixels) inputs")
    }

    @Test func aStrokeSetsThePixelsItCrosses() throws {
        let live = try LiveWindow(["--dataset", "digits", "--iterations", "3", "--seconds", "60"])
        let pad = try pad(try live.layout())
        // Left to right along row 6, from column 2 to column 9.
        try live.drag((0...14).map { point(pad, 2 + Double($0) / 2, 6) })
        let painted = try padInputs(live) { $0[6 * 12 + 9] > 0.9 }
        #expect(painted.inputs.count == 144 && painted.outputs.count == 10)
        for column in 2...9 { #expect(painted.inputs[6 * 12 + column] > 0.9, "row 6 column \(column)") }
        for k in [0, 11, 3 * 12 + 5, 10 * 12 + 5] {
            #expect(painted.inputs[k] == 0, "cell \(k) is far from the stroke")
        }
        // The right button erases the left half of the stroke.
        try live.drag((0...4).map { point(pad, 1.5 + Double($0) / 2, 6) }, button: "3")
        let erased = try padInputs(live) { $0[6 * 12 + 2] < 0.1 && $0[6 * 12 + 3] < 0.1 }
        for column in 2...3 { #expect(erased.inputs[6 * 12 + column] < 0.1, "erased column \(column)") }
        for column in 7...9 { #expect(erased.inputs[6 * 12 + column] > 0.9, "kept column \(column)") }
        // C clears the pad; Backspace returns to the training examples.
        try live.key("c")
        let cleared = try padInputs(live) { $0.allSatisfy { $0 == 0 } }
        #expect(cleared.inputs.allSatisfy { $0 == 0 })
        try live.key("BackSpace")
        eventually { live.events.events.contains { $0["source"] as? String == "reset" } }
        #expect(live.events.events.last { $0["event"] as? String == "input" }?["source"] as? String == "reset")
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    /// A network trained on the built-in digits, loaded into the window, reads a "1" and a "0"
    /// drawn with the mouse.
    @Test func aTrainedNetworkReadsDigitsDrawnWithTheMouse() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let model = directory + "/digits.json"
        let trained = try Tool.neuroglow(["train", "--dataset", "digits", "--save", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        let live = try LiveWindow(["--dataset", "digits", "--load", model, "--seconds", "60"])
        let pad = try pad(try live.layout())
        /// The digit the outputs read (−1 for none: a failed check, not a trap).
        func reads(_ outputs: [Double]) -> Int { outputs.indices.max { outputs[$0] < outputs[$1] } ?? -1 }
        // A "1": one stroke down the middle, a little slanted.
        let stroke = (0...16).map { point(pad, 6.3 - Double($0) * 0.04, 2 + Double($0) * 0.5) }
        try live.drag(stroke)
        // Done when the stroke's last cell (column 6, row 10) is painted.
        let one = try padInputs(live) { $0[10 * 12 + 6] > 0.9 }
        #expect(reads(one.outputs) == 1, "read as \(reads(one.outputs)): \(one.outputs)")
        // A "0": an upright oval.
        try live.key("c")
        _ = try padInputs(live) { $0.allSatisfy { $0 == 0 } }
        try live.drag(
            (0...32).map { k in
                let t = Double(k) / 32 * 2 * Double.pi
                return point(pad, 5.5 + 2.4 * sin(t), 5.5 - 3.6 * cos(t))
            })
        // Done when the oval is closed: its left side (column 3, row 5) is painted.
        let zero = try padInputs(live) { $0[5 * 12 + 3] > 0.9 && $0[2 * 12 + 5] > 0.5 }
        #expect(reads(zero.outputs) == 0, "read as \(reads(zero.outputs)): \(zero.outputs)")
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    /// A CSV of 8×8 pictures with values 0–16 (as the classic handwritten-digits file has them),
    /// declared an image: drawn as the pad, painted on in the network's 0…1.
    @Test func aCSVImageIsThePadToo() throws {
        let directory = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lines = [((0..<64).map { "p\($0)" } + ["shape"]).joined(separator: ",")]
        for k in 0..<40 {
            let vertical = k % 2 == 0, at = 1 + k % 6
            let pixels = (0..<64).map { p in (vertical ? p % 8 : p / 8) == at ? "16" : "0" }
            lines.append((pixels + [vertical ? "upright" : "flat"]).joined(separator: ","))
        }
        let path = directory + "/bars.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let wrong = try Tool.neuroglow(["train", "--dataset", path, "--image", "3x3"])
        #expect(wrong.status != 0 && wrong.stderr.contains("--image 3x3: that is 9 pixels"), "\(wrong.stderr)")
        let builtIn = try Tool.neuroglow(["train", "--dataset", "xor", "--image", "2x2"])
        #expect(builtIn.status != 0 && builtIn.stderr.contains("only a CSV file's inputs"), "\(builtIn.stderr)")
        let live = try LiveWindow(["--dataset", path, "--image", "8x8", "--iterations", "20", "--seconds", "60"])
        let pad = try pad(try live.layout(), side: 8)
        try live.drag([point(pad, 4, 1), point(pad, 4, 6)])
        let painted = try padInputs(live, pixels: 64) { $0[6 * 8 + 4] > 0.99 }
        try #require(painted.outputs.count == 1, "\(painted.outputs)")
        for row in 1...6 { #expect(painted.inputs[row * 8 + 4] > 0.99, "row \(row) of column 4") }
        #expect(painted.inputs[0] == 0 && painted.inputs[7 * 8 + 0] == 0)
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }
}
