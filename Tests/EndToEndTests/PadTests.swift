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
        let width = pad["width"] as! Double, height = pad["height"] as! Double
        #expect(abs(width - height) < 1)
        return (pad["x"] as! Double, pad["y"] as! Double, width / Double(side))
    }

    /// The window point at the centre of cell (column, row), fractions allowed.
    func point(_ pad: (x: Double, y: Double, cell: Double), _ column: Double, _ row: Double) -> (x: Double, y: Double) {
        (pad.x + (column + 0.5) * pad.cell, pad.y + (row + 0.5) * pad.cell)
    }

    func lastPadInputs(_ live: LiveWindow, count: Int) throws -> (inputs: [Double], outputs: [Double]) {
        let events = live.events.wait(for: "input", count: count).filter { $0["source"] as? String == "pad" }
        let event = try #require(events.last, "no pad input event")
        return (try #require(event["inputs"] as? [Double]), try #require(event["outputs"] as? [Double]))
    }

    @Test func aStrokeSetsThePixelsItCrosses() throws {
        let live = try LiveWindow(["--dataset", "digits", "--iterations", "3", "--seconds", "60"])
        let pad = try pad(try live.layout())
        // Left to right along row 6, from column 2 to column 9.
        try live.drag((0...14).map { point(pad, 2 + Double($0) / 2, 6) })
        let painted = try lastPadInputs(live, count: 1)
        #expect(painted.inputs.count == 144 && painted.outputs.count == 10)
        for column in 2...9 { #expect(painted.inputs[6 * 12 + column] > 0.9, "row 6 column \(column)") }
        for k in [0, 11, 3 * 12 + 5, 10 * 12 + 5] {
            #expect(painted.inputs[k] == 0, "cell \(k) is far from the stroke")
        }
        // The right button erases the left half of the stroke.
        let before = live.count("input")
        try live.drag((0...4).map { point(pad, 1.5 + Double($0) / 2, 6) }, button: "3")
        let erased = try lastPadInputs(live, count: before + 1)
        for column in 2...3 { #expect(erased.inputs[6 * 12 + column] < 0.1, "erased column \(column)") }
        for column in 7...9 { #expect(erased.inputs[6 * 12 + column] > 0.9, "kept column \(column)") }
        // C clears the pad; Backspace returns to the training examples.
        try live.key("c")
        let cleared = try lastPadInputs(live, count: live.count("input"))
        #expect(cleared.inputs.allSatisfy { $0 == 0 })
        try live.key("BackSpace")
        let reset = try #require(live.events.wait(for: "input", count: live.count("input")).last)
        #expect(reset["source"] as? String == "reset")
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
        func reads(_ outputs: [Double]) -> Int { outputs.indices.max { outputs[$0] < outputs[$1] }! }
        // A "1": one stroke down the middle, a little slanted.
        try live.drag((0...16).map { point(pad, 6.3 - Double($0) * 0.04, 2 + Double($0) * 0.5) })
        let one = try lastPadInputs(live, count: 1)
        #expect(reads(one.outputs) == 1, "read as \(reads(one.outputs)): \(one.outputs)")
        // A "0": an upright oval.
        try live.key("c")
        let before = live.count("input")
        try live.drag(
            (0...32).map { k in
                let t = Double(k) / 32 * 2 * Double.pi
                return point(pad, 5.5 + 2.4 * sin(t), 5.5 - 3.6 * cos(t))
            })
        let zero = try lastPadInputs(live, count: before + 1)
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
        let painted = try lastPadInputs(live, count: 1)
        #expect(painted.inputs.count == 64 && painted.outputs.count == 1)
        for row in 1...6 { #expect(painted.inputs[row * 8 + 4] > 0.99, "row \(row) of column 4") }
        #expect(painted.inputs[0] == 0 && painted.inputs[7 * 8 + 0] == 0)
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }
}
