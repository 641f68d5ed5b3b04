import Testing

@testable import Scene
@testable import Session

/// The live window can be resized below the 320x240 that `--size` allows (a window manager
/// decides): every picture is still built, hover cards and the help included, down to a single pixel.
struct TinyWindowTests {
    @Test(arguments: ["xor3", "circle", "spiral", "digits", "reg-plane"])
    func everySizeDownToOnePixelIsBuilt(dataSet: String) throws {
        let (plan, progress) = try finishedSession(iterations: dataSet == "digits" ? 2 : 100, keyframes: 8) {
            model, _ in
            model.dataSet = dataSet
            model.digitGlyphs = TextOverlapTests.standInDigits
        }
        for (width, height) in [(1, 1), (10, 10), (50, 40), (120, 90), (200, 150), (300, 60), (60, 300)] {
            for frame in [2, 5 * plan.schedule.beat + 20] {
                var input = sceneInput(plan, progress, frame: frame, width: width, height: height)
                input.layout = SceneLayout(plan: plan, width: width, height: height)
                let plain = SceneBuilder.build(input)
                #expect(!plain.overlay.isEmpty, "\(dataSet) \(width)x\(height)")
                input.hovered = .neuron(NeuronID(layer: 1, index: 0))
                #expect(SceneBuilder.build(input).overlay.count > plain.overlay.count, "\(dataSet) \(width)x\(height)")
                input.hovered = nil
                input.showHelp = true
                #expect(SceneBuilder.build(input).overlay.count > plain.overlay.count, "\(dataSet) \(width)x\(height)")
            }
        }
    }
}
