import NeuralCore

/// Draws an image network's pictures: the input layer as its image (the drawing pad, each cell
/// glowing with its value) and, inside each first-hidden-layer neuron, its receptive field — its
/// incoming weights as an image in the palette's sign colours.
struct ImagePainter {
    let input: SceneInput
    /// The network on screen (computed once by the caller).
    let network: Network
    let pad: Rect
    let image: ImageShape
    /// How lit the input layer is (0…1, from `ThinkingPainter.lit`).
    let lit: Double

    private var layout: SceneLayout { input.layout }
    private var palette: Palette { input.palette }

    /// The pad: cells from the background (0) to the glow colour (1) at the values the network
    /// sees, a frame, and what to do with it.
    func drawPad(values: ArraySlice<Double>, into out: inout [DrawCommand]) {
        let pixels = values.map { v in
            Color(30, 33, 42).mix(palette.glow, min(max(v.isFinite ? v : 0, 0), 1) * (0.35 + 0.65 * lit))
        }
        out.append(.image(PixelImage(width: image.width, height: image.height, pixels: pixels, smooth: false), in: pad))
        out.append(.frame(pad, input.userInput != nil ? palette.glow : palette.neuronRim))
        // Under the pad, ending by its right edge, where the synapses start (a compared network's
        // pad is narrower than its hint), and inside the window: the longest form that fits
        // there; none where none does. A narrow pad (compared) has only the short forms: a long
        // one would reach left over the network beside it.
        let forms = Self.hints(drawing: input.userInput != nil).suffix(pad.width < 240 ? 1 : 3)
        for hint in forms {
            let width = TextSize.small.estimatedWidth(of: hint)
            let x = min(pad.midX, pad.maxX + Self.hintOverhang - width / 2)
            if x - width / 2 >= 4 {
                out.append(
                    .text(hint, at: Point(x, pad.maxY + 6), size: .small, color: palette.dimText, align: .center))
                return
            }
        }
    }

    /// What to do with the pad, longest form first: before the user draws, and while the drawing
    /// is the network's input.
    static func hints(drawing: Bool) -> [String] {
        drawing
            ? [
                "your drawing · C clears · Backspace: the examples", "C clears · Backspace: the examples",
                "your drawing",
            ]
            : ["drag to draw · right button erases", "drag to draw"]
    }

    /// How far past the pad's right edge its hint may reach: the synapses fan out from that edge.
    static let hintOverhang = 2.0

    /// Each drawn first-hidden-layer neuron's receptive field inside its disc: weight w_ji of
    /// input i drawn at i's cell, coloured by sign, brighter with |w| against that neuron's
    /// largest, so the picture shows what each neuron looks for in the image.
    func drawReceptiveFields(into out: inout [DrawCommand]) {
        let side = layout.radius * 1.45
        let neurons = layout.drawnIndices(layer: 1)
        // One picture of all of them, drawn as tiles: a texture upload each costs more than the
        // drawing on llvmpipe.
        let colours = FieldColours.of(palette), tile = image.width * (image.height + 1)
        // The row under each tile stays the background.
        var pixels = [Color](repeating: Self.fieldBackground, count: tile * neurons.count)
        pixels.withUnsafeMutableBufferPointer { pixels in
            for (n, j) in neurons.enumerated() {
                Self.writeReceptiveField(
                    network: network, neuron: j, colours: colours,
                    into: UnsafeMutableBufferPointer(rebasing: pixels[(n * tile)..<(n * tile + image.cellCount)]))
            }
        }
        out.append(
            .tiles(
                PixelImage(width: image.width, height: (image.height + 1) * neurons.count, pixels: pixels),
                tileHeight: image.height,
                targets: neurons.map { j in
                    let centre = layout.centres[1][j]
                    return Rect(x: centre.x - side / 2, y: centre.y - side / 2, width: side, height: side)
                }))
    }

    /// A receptive field's colour for a weight of 0.
    static let fieldBackground = Color(18, 20, 27)

    /// Neuron `j`'s receptive field as a picture (drawn inside its disc, enlarged in its hover card).
    static func receptiveField(network: Network, neuron j: Int, image: ImageShape, palette: Palette) -> PixelImage {
        var pixels = [Color](repeating: fieldBackground, count: image.cellCount)
        pixels.withUnsafeMutableBufferPointer { pixels in
            writeReceptiveField(network: network, neuron: j, colours: FieldColours.of(palette), into: pixels)
        }
        return PixelImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// Writes neuron `j`'s receptive field into `pixels`, one colour per input cell in order
    /// (`pixels.count` is the network's input count): its weight's sign colour, mixed from the
    /// background by |w| over the neuron's largest |w|; the background for a weight that is not
    /// finite, or for all of them when every weight is 0.
    private static func writeReceptiveField(
        network: Network, neuron j: Int, colours: FieldColours, into pixels: UnsafeMutableBufferPointer<Color>
    ) {
        network.incomingWeights(layer: 0, neuron: j).withUnsafeBufferPointer { weights in
            precondition(weights.count == pixels.count)
            var largest = 0.0
            for w in weights { largest = max(largest, abs(w)) }
            for (i, w) in weights.enumerated() {
                pixels[i] =
                    largest > 0 && w.isFinite ? colours.color(strength: abs(w) / largest, sign: w) : fieldBackground
            }
        }
    }

    /// A receptive field's colours, the background mixed toward each sign's colour at `levels + 1`
    /// evenly spaced strengths: a frame colours every first-layer weight (50,176 on 784-64-10),
    /// and looking each up costs a fraction of mixing it (within one step in 255 of the exact mix).
    struct FieldColours: Sendable {
        static let levels = 1024
        let positive: [Color], negative: [Color]

        /// The table of `palette`, made once per palette (it depends on nothing else).
        static func of(_ palette: Palette) -> FieldColours { tables[palette.name]! }
        private static let tables = Dictionary(
            uniqueKeysWithValues: Palette.Name.allCases.map { ($0, FieldColours(palette: Palette($0))) })

        init(palette: Palette) {
            let strengths = (0...Self.levels).map { Double($0) / Double(Self.levels) }
            positive = strengths.map { ImagePainter.fieldBackground.mix(palette.color(forWeight: 1), $0) }
            negative = strengths.map { ImagePainter.fieldBackground.mix(palette.color(forWeight: -1), $0) }
        }

        /// The colour of a weight of sign `sign` at `strength` (0…1, clamped).
        func color(strength: Double, sign: Double) -> Color {
            let level = Int(min(max(strength, 0), 1) * Double(Self.levels) + 0.5)
            return sign >= 0 ? positive[level] : negative[level]
        }
    }
}
