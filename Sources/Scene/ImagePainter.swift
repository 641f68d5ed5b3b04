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
        let hint =
            pad.width < 240
            ? (input.userInput != nil ? "your drawing" : "drag to draw")
            : input.userInput != nil
                ? "your drawing · C clears · Backspace: the examples" : "drag to draw · right button erases"
        // Under the pad, ending by its right edge, where the synapses start (a compared network's
        // pad is narrower than its hint), and inside the window; left out where it cannot be.
        let width = TextSize.small.estimatedWidth(of: hint)
        let x = min(pad.midX, pad.maxX + Self.hintOverhang - width / 2)
        if x - width / 2 >= 4 {
            out.append(.text(hint, at: Point(x, pad.maxY + 6), size: .small, color: palette.dimText, align: .center))
        }
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
        let separator = [Color](repeating: Self.fieldBackground, count: image.width)
        let pixels = neurons.flatMap { receptiveField(of: $0).pixels + separator }
        out.append(
            .tiles(
                PixelImage(width: image.width, height: (image.height + 1) * neurons.count, pixels: pixels),
                tileHeight: image.height,
                targets: neurons.map { j in
                    let centre = layout.centres[1][j]
                    return Rect(x: centre.x - side / 2, y: centre.y - side / 2, width: side, height: side)
                }))
    }

    /// Neuron `j`'s receptive field as a picture (also enlarged in its hover card).
    func receptiveField(of j: Int) -> PixelImage {
        Self.receptiveField(network: network, neuron: j, image: image, palette: palette)
    }

    /// A receptive field's colour for a weight of 0.
    static let fieldBackground = Color(18, 20, 27)

    static func receptiveField(network: Network, neuron j: Int, image: ImageShape, palette: Palette) -> PixelImage {
        var largest = 0.0
        for i in 0..<image.cellCount { largest = max(largest, abs(network.weight(layer: 0, to: j, from: i))) }
        let dark = fieldBackground
        let pixels = (0..<image.cellCount).map { i -> Color in
            let w = network.weight(layer: 0, to: j, from: i)
            guard largest > 0, w.isFinite else { return dark }
            return dark.mix(palette.color(forWeight: w), min(abs(w) / largest, 1))
        }
        return PixelImage(width: image.width, height: image.height, pixels: pixels)
    }
}
