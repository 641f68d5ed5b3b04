import NeuralCore
import Testing

@testable import SDLPlatform
@testable import Scene

/// The glyph atlas holds ASCII and a list of extra characters; text outside it draws as nothing.
/// Explain mode writes formulas: every character it can write must be in the atlas.
struct GlyphCoverageTests {
    /// The scene sizes cards and legends by `TextSize.estimatedWidth`, which must never fall
    /// short of what is drawn: every character's estimate covers its advance in the font.
    @Test func textWidthEstimatesCoverTheFontsAdvances() throws {
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 64, height: 64)
        for size in TextSize.allCases {
            let atlas = try GlyphAtlas(renderer: canvas.renderer, fontPath: fontPath, pixelSize: size.rawValue)
            let characters = (32...126).map { Character(Unicode.Scalar(UInt8($0))) } + GlyphAtlas.extraCharacters
            for character in characters {
                let advance = atlas.measure(String(character))
                #expect(size.estimatedWidth(of: String(character)) >= advance, "'\(character)' at \(size.rawValue) px")
            }
            // And not wildly generous on a typical line.
            let line = "keyframe 8 of 120 · adaptive"
            #expect(size.estimatedWidth(of: line) <= 1.25 * atlas.measure(line))
        }
    }

    @Test func explainModeWritesOnlyCharactersTheAtlasHolds() {
        let atlas = Set((32...126).map { Character(Unicode.Scalar(UInt8($0))) } + GlyphAtlas.extraCharacters)
        let cases: [(Activation, Activation, Loss, Bool)] = [
            (.sigmoid, .sigmoid, .mse, true), (.tanh, .softmax, .ce, true), (.relu, .sigmoid, .bce, false),
            (.linear, .linear, .mse, true), (.sigmoid, .softmax, .mse, false),
        ]
        for (hidden, output, loss, bias) in cases {
            let network = Network(layerSizes: [3, 3, 2], hidden: hidden, output: output, usesBias: bias, seed: 3)
            let step = LearningStep(
                network: network, input: [1, 0, -1], target: [0, 1], loss: loss, learningRate: 0.1)
            let explanation = Explanation(
                step: step, training: TrainingOptions(loss: loss, learningRate: 0.1, momentum: 0.5, batchSize: 4))
            for stage in explanation.stages {
                let (title, lines) = explanation.lines(for: stage)
                for line in [title] + lines {
                    let missing = line.filter { !atlas.contains($0) }
                    #expect(missing.isEmpty, "'\(missing)' in '\(line)' (\(hidden), \(output), \(loss))")
                }
            }
        }
    }
}
