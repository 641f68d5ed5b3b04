import Testing

@testable import NeuralCore

/// The built-in digits, drawn from glyphs: deterministic, balanced, varied, split without overlap.
struct DigitImagesTests {
    /// Ten distinct stand-in glyphs (the real ones come from the font through SDL_ttf): digit k
    /// is a block whose height and position depend on k.
    static let glyphs: [CoverageImage] = (0..<10).map { k in
        CoverageImage(
            width: 20, height: 30,
            values: (0..<600).map { p in
                let x = p % 20, y = p / 20
                return (x >= k && x < k + 6 && y >= 2 && y < 12 + k * 2) ? 1 : 0
            })
    }

    @Test func theSameSeedGivesTheSameSetAndAnotherSeedAnother() {
        let a = DigitImages.generate(glyphs: Self.glyphs, count: 200, seed: 1)
        #expect(a == DigitImages.generate(glyphs: Self.glyphs, count: 200, seed: 1))
        #expect(a.inputs != DigitImages.generate(glyphs: Self.glyphs, count: 200, seed: 2).inputs)
    }

    @Test func everyDigitAppearsEquallyOftenAsAnImageWithNamedClasses() {
        let data = DigitImages.generate(glyphs: Self.glyphs, count: 300, seed: 3)
        #expect(data.count == 300 && data.inputCount == 144 && data.targetCount == 10)
        #expect(data.imageShape == DigitImages.shape && data.classNames == (0...9).map(String.init))
        var counts = [Int](repeating: 0, count: 10)
        for e in 0..<data.count {
            let t = data.target(e)
            #expect(t.filter { $0 == 1 }.count == 1 && t.reduce(0, +) == 1)
            counts[t.firstIndex(of: 1)!] += 1
        }
        #expect(counts == [Int](repeating: 30, count: 10))
        #expect(data.inputs.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Each example has ink, and no two examples are the same picture.
        for e in 0..<data.count { #expect(data.input(e).filter { $0 > 0.5 }.count >= 4) }
        #expect(Set((0..<data.count).map { data.input($0) }).count == data.count)
    }

    @Test func theTestPartIsBalancedAndSharesNoPictureWithTraining() throws {
        let data = DigitImages.generate(glyphs: Self.glyphs, count: 500, seed: 1)
        let (train, test) = data.split(testFraction: 0.2, seed: 1)
        let testPart = try #require(test)
        #expect(train.count == 400 && testPart.count == 100)
        #expect(testPart.imageShape == data.imageShape && train.classNames == data.classNames)
        for k in 0..<10 { #expect((0..<testPart.count).filter { testPart.target($0)[k] == 1 }.count == 10) }
        let seen = Set((0..<train.count).map { train.input($0) })
        #expect((0..<testPart.count).allSatisfy { !seen.contains(testPart.input($0)) })
    }

    @Test func thickeningGrowsAndThinningShrinksTheInk() {
        let glyph = Self.glyphs[3]
        func ink(_ image: CoverageImage) -> Int { image.values.filter { $0 > 0.5 }.count }
        #expect(ink(glyph.thickened(by: 1)) > ink(glyph) && ink(glyph.thickened(by: -1)) < ink(glyph))
        let cropped = glyph.croppedToInk()
        #expect(cropped.width == 6 && cropped.height == 16 && ink(cropped) == ink(glyph))
    }

    @Test func imageShapesParseWithClearErrors() throws {
        #expect(try ImageShape.parse("8x8") == ImageShape(width: 8, height: 8))
        #expect(try ImageShape.parse("28X28").cellCount == 784)
        for bad in ["8", "8x", "x8", "0x8", "8x100", "axb"] {
            #expect(throws: InputError.self) { try ImageShape.parse(bad) }
        }
        let data = DataSet(name: "d.csv", rows: [([1, 2, 3, 4], [0])])
        #expect(try data.withImageShape(ImageShape(width: 2, height: 2)).imageShape?.cellCount == 4)
        let error = #expect(throws: InputError.self) { try data.withImageShape(ImageShape(width: 3, height: 3)) }
        #expect(error?.message == "--image 3x3: that is 9 pixels, but data set 'd.csv' has 4 input columns")
    }
}
