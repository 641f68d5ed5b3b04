/// The built-in `digits` data set: the ten digits of the shipped font drawn into a small grid,
/// each example with its own seeded variation, so a network must learn what a digit looks like
/// rather than one picture of it.
///
/// The grid is 12×12: the smallest in which every digit stays legible after slant, shift and
/// thickening (at 8×8 a slanted 4 and 9 become the same blot), large enough to paint on with a
/// mouse, and small enough (144 inputs) that a 144-32-10 network trains a pass over the set in
/// about a hundredth of a second here.
public enum DigitImages {
    public static let shape = ImageShape(width: 12, height: 12)
    /// Examples generated: 250 of each digit (the default test part takes a fifth of them).
    public static let count = 2_500
    public static let classNames = (0...9).map(String.init)

    /// `count` examples cycling through the digits 0…9 (so every class has the same number),
    /// drawn from `glyphs` (the font's digits 0…9, ink 1 on 0) into a grid of `shape`. The same
    /// glyphs and seed give the same set. One-hot targets.
    ///
    /// Each example draws its digit at 55–80 % of the grid's height, 85–115 % of its natural
    /// width, slanted by up to ±0.3, turned by up to ±8°, shifted by up to a cell, with strokes
    /// thinned by a pixel up to thickened by three (at the glyphs' resolution), and each cell
    /// disturbed by Gaussian noise of σ = 0.04, clamped to 0…1.
    public static func generate(
        glyphs: [CoverageImage], shape: ImageShape = DigitImages.shape, count: Int = DigitImages.count,
        seed: UInt64
    ) -> DataSet {
        precondition(glyphs.count == 10 && count >= 10)
        // Stroke weights prepared once per glyph: thinned by one pixel … thickened by three.
        let weights = glyphs.map { glyph in
            let ink = glyph.croppedToInk()
            return (-1...3).map { ink.thickened(by: $0) }
        }
        var rng = SeededGenerator(seed: seed &+ 0xD161_7500)
        var inputs: [Double] = []
        inputs.reserveCapacity(count * shape.cellCount)
        var targets: [Double] = []
        targets.reserveCapacity(count * 10)
        for e in 0..<count {
            let digit = e % 10
            let variant = Variation(rng: &rng, shape: shape)
            let stroke = weights[digit][Int(rng.nextUnit() * 5)]
            inputs += render(stroke, variant, shape: shape)
            for k in 0..<10 { targets.append(k == digit ? 1 : 0) }
            for i in (inputs.count - shape.cellCount)..<inputs.count {
                inputs[i] = min(max(inputs[i] + 0.04 * rng.nextGaussian(), 0), 1)
            }
        }
        let names = (0..<shape.height).flatMap { row in (0..<shape.width).map { "r\(row + 1)c\($0 + 1)" } }
        return DataSet(
            name: "digits", inputNames: names, targetNames: classNames.map { "is \($0)" }, inputs: inputs,
            targets: targets, classNames: classNames, imageShape: shape)
    }

    /// How one example is drawn: where, how large, how slanted and turned.
    struct Variation {
        let height: Double
        let aspect: Double
        let slant: Double
        let angle: Double
        let centreX: Double
        let centreY: Double

        init(rng: inout SeededGenerator, shape: ImageShape) {
            height = Double(shape.height) * rng.nextUniform(0.55, 0.8)
            aspect = rng.nextUniform(0.85, 1.15)
            slant = rng.nextUniform(-0.3, 0.3)
            angle = rng.nextUniform(-8, 8) * Double.pi / 180
            centreX = Double(shape.width) / 2 + rng.nextUniform(-1, 1)
            centreY = Double(shape.height) / 2 + rng.nextUniform(-1, 1)
        }
    }

    /// The glyph through `variant` into the grid: each cell the mean of 4×4 samples of the glyph,
    /// found by undoing the turn, the slant and the scale.
    static func render(_ glyph: CoverageImage, _ variant: Variation, shape: ImageShape) -> [Double] {
        let scale = variant.height / Double(glyph.height)
        let scaleX = scale * variant.aspect
        let cosA = _cos(-variant.angle), sinA = _sin(-variant.angle)
        let sub = 4
        var cells = [Double](repeating: 0, count: shape.cellCount)
        for row in 0..<shape.height {
            for column in 0..<shape.width {
                var sum = 0.0
                for sy in 0..<sub {
                    for sx in 0..<sub {
                        let gx = Double(column) + (Double(sx) + 0.5) / Double(sub) - variant.centreX
                        let gy = Double(row) + (Double(sy) + 0.5) / Double(sub) - variant.centreY
                        let u = gx * cosA - gy * sinA, v = gx * sinA + gy * cosA
                        let x = (u - variant.slant * v) / scaleX + Double(glyph.width) / 2
                        let y = v / scale + Double(glyph.height) / 2
                        sum += glyph.sample(x: x, y: y)
                    }
                }
                cells[shape.index(column: column, row: row)] = min(sum / Double(sub * sub), 1)
            }
        }
        return cells
    }
}
