import Foundation
import NeuralCore
import Testing

@testable import SDLPlatform

/// The `digits` set's masters come from the shipped font: ten pictures with ink, all different.
struct FontDigitsTests {
    @Test func theFontGivesTenDistinctDigits() throws {
        let font = try #require(
            ["Assets/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"].first {
                FileManager.default.fileExists(atPath: $0)
            })
        let glyphs = try FontDigits.glyphs(fontPath: font)
        #expect(glyphs.count == 10)
        for glyph in glyphs {
            let ink = glyph.croppedToInk()
            #expect(ink.height > FontDigits.pixelSize / 3 && ink.values.filter { $0 > 0.5 }.count > 50)
        }
        #expect(Set(glyphs.map(\.values)).count == 10)
        // The zero is a ring: its centre is blank.
        let zero = glyphs[0].croppedToInk()
        #expect(zero.value(zero.width / 2, zero.height / 2) < 0.1)
    }
}
