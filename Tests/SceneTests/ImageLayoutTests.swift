import NeuralCore
import Session
import Testing

@testable import Scene

/// Image networks: the input layer is the drawing pad, the first hidden layer is staggered, dense
/// connection layers show each neuron's strongest synapses, and the brush paints the cells under it.
struct ImageLayoutTests {
    static let cases: [([Int], ImageShape)] = [
        ([144, 32, 10], ImageShape(width: 12, height: 12)), ([784, 64, 10], ImageShape(width: 28, height: 28)),
        ([64, 16, 10], ImageShape(width: 8, height: 8)), ([144, 10], ImageShape(width: 12, height: 12)),
    ]

    @Test func padCellsAreTheInputsRowByRow() throws {
        for (shape, image) in Self.cases {
            let layout = SceneLayout(layerSizes: shape, width: 1280, height: 720, image: image)
            let pad = try #require(layout.padArea)
            #expect(layout.areas.contains { $0.kind == .pad && $0.rect == pad })
            #expect(layout.drawnIndices(layer: 0).count == image.cellCount)
            for k in 0..<image.cellCount {
                let centre = layout.centres[0][k]
                #expect(layout.padCell(at: centre) == k)
                let cell = pad.width / Double(image.width)
                #expect(abs(centre.x - (pad.x + (Double(k % image.width) + 0.5) * cell)) < 1e-9)
                #expect(abs(centre.y - (pad.y + (Double(k / image.width) + 0.5) * cell)) < 1e-9)
            }
            #expect(layout.padCell(at: Point(pad.x - 1, pad.y)) == nil)
            #expect(layout.neuron(at: layout.centres[0][0]) == nil, "pad cells are painted on, not clicked as neurons")
        }
    }

    @Test func theOtherLayersFitRightOfThePadWithoutOverlapping() {
        for (shape, image) in Self.cases {
            for (w, h) in [(1280, 720), (1920, 1080), (800, 600)] {
                let layout = SceneLayout(layerSizes: shape, width: w, height: h, image: image)
                let pad = layout.padArea!
                let window = Rect(x: 0, y: 0, width: Double(w), height: Double(h))
                #expect(window.contains(pad))
                var discs: [Point] = []
                for l in shape.indices.dropFirst() {
                    for i in layout.drawnIndices(layer: l) {
                        let c = layout.centres[l][i], r = layout.radius
                        #expect(window.contains(Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)))
                        // Inside the network's band: clear of the HUD and the notes at its foot.
                        #expect(
                            c.y - r >= layout.networkArea.y - 1e-9 && c.y + r <= layout.networkArea.maxY + 1e-9,
                            "\(shape) \(w)x\(h): disc \(l).\(i) leaves the band")
                        #expect(c.x - r > pad.maxX + 20, "\(shape) \(w)x\(h): a disc overlaps the pad")
                        #expect(layout.neuron(at: c) == NeuronID(layer: l, index: i))
                        discs.append(c)
                    }
                }
                for a in discs.indices {
                    for b in discs.indices where b > a {
                        #expect(discs[a].distance(to: discs[b]) >= 2 * layout.radius + 2, "\(shape) \(w)x\(h)")
                    }
                }
            }
        }
    }

    /// Two compared image networks, side by side or stacked: each pad lies in the window, its
    /// own network's discs right of it, and the second pad clear of the first network's output
    /// labels (`OverlayPainter` writes them within about 65 px of the output discs).
    @Test func comparedPadsStayClearOfEveryNetwork() {
        for (shape, image) in Self.cases.prefix(2) {
            for (w, h) in [(320, 240), (440, 330), (640, 480), (1280, 720), (1920, 1080), (480, 640)] {
                let slots = SceneLayout.ComparisonSlot.slots(width: w, height: h)
                let layouts = slots.map {
                    SceneLayout(layerSizes: shape, width: w, height: h, image: image, slot: $0)
                }
                let window = Rect(x: 0, y: 0, width: Double(w), height: Double(h))
                for (k, layout) in layouts.enumerated() {
                    let pad = layout.padArea!
                    #expect(window.contains(pad), "\(shape) \(w)x\(h) slot \(k): pad \(pad)")
                    for l in shape.indices.dropFirst() {
                        for i in layout.drawnIndices(layer: l) {
                            let c = layout.centres[l][i]
                            #expect(
                                c.x - layout.radius > pad.maxX + 2,
                                "\(shape) \(w)x\(h) slot \(k): disc \(l).\(i) at \(c.x) overlaps the pad to \(pad.maxX)"
                            )
                        }
                    }
                }
                if !slots[1].stacked {
                    let outputs = layouts[0].centres[shape.count - 1].map(\.x).max()!
                    let secondPad = layouts[1].padArea!.x
                    #expect(
                        secondPad >= outputs + layouts[0].radius + 40,
                        "\(shape) \(w)x\(h): the second pad starts at \(secondPad), the first's outputs at \(outputs)")
                }
            }
        }
    }

    /// Staggering gives the 32 receptive fields of a 144-32-10 network room: three columns, discs
    /// more than twice as large as in one column.
    @Test func aLargeFirstHiddenLayerIsStaggered() {
        let layout = SceneLayout(
            layerSizes: [144, 32, 10], width: 1280, height: 720, image: ImageShape(width: 12, height: 12))
        #expect(layout.staggeredLayers == [1])
        #expect(Set(layout.centres[1].map(\.x)).count == SceneLayout.staggerColumns)
        let plain = SceneLayout(layerSizes: [3, 32, 10], width: 1280, height: 720)
        #expect(plain.staggeredLayers.isEmpty && layout.radius > 2 * plain.radius)
    }

    @Test func denseLayersKeepEachNeuronsStrongestSynapses() {
        let network = Network(layerSizes: [144, 32, 10], hidden: .sigmoid, output: .softmax, usesBias: true, seed: 4)
        let layout = SceneLayout(
            layerSizes: [144, 32, 10], width: 1280, height: 720, image: ImageShape(width: 12, height: 12))
        #expect(layout.keptSynapsesPerNeuron == [SceneLayout.synapsesPerNeuron, SceneLayout.synapsesPerNeuron])
        #expect(layout.synapseThinningNote == "each neuron's strongest 8 of 144 / 32 synapses drawn")
        #expect(SceneLayout(layerSizes: [3, 4, 1], width: 1280, height: 720).synapseThinningNote == nil)
        for j in [0, 7, 31] {
            let kept = SynapseEncoding.strongestSenders(network, layer: 0, to: j, among: Array(0..<144), keeping: 8)
            #expect(kept.count == 8 && kept == kept.sorted())
            let weakestKept = kept.map { abs(network.weight(layer: 0, to: j, from: $0)) }.min()!
            let strongestLeft = (0..<144).filter { !kept.contains($0) }
                .map { abs(network.weight(layer: 0, to: j, from: $0)) }.max()!
            #expect(weakestKept >= strongestLeft)
        }
        let lines = SynapseEncoding.lines(
            network: network, scale: network.largestWeightMagnitude, layout: layout, palette: Palette(.video),
            dashedNegative: false)
        #expect(lines.count == 32 * 8 + 10 * 8 && lines.count == layout.drawnSynapseCount)
    }

    @Test func theBrushPaintsAndErasesTheCellsUnderIt() {
        let image = ImageShape(width: 12, height: 12)
        let brush = PadBrush(image: image)
        var pad = brush.emptyPad
        // A stroke along row 4, from the middle of column 2 to the middle of column 8.
        #expect(brush.stroke(&pad, from: Point(2.5, 4.5), to: Point(8.5, 4.5), erase: false))
        for column in 2...8 { #expect(pad[image.index(column: column, row: 4)] == 1) }
        // Soft: the rows beside it are partly painted, the ones beyond untouched.
        let beside = pad[image.index(column: 5, row: 5)]
        #expect(beside > 0 && beside < 1)
        for row in [0, 2, 6, 11] { #expect(pad[image.index(column: 5, row: row)] == 0) }
        #expect(pad[image.index(column: 0, row: 4)] == 0 && pad[image.index(column: 10, row: 4)] == 0)
        // Erasing at column 5 clears it and leaves the ends.
        #expect(brush.stroke(&pad, from: Point(5.5, 4.5), to: Point(5.5, 4.5), erase: true))
        #expect(pad[image.index(column: 5, row: 4)] == 0 && pad[image.index(column: 8, row: 4)] == 1)
        // Painting where it is already painted changes nothing.
        #expect(!brush.stroke(&pad, from: Point(8.5, 4.5), to: Point(8.5, 4.5), erase: false))
        // Another value range (a CSV image seen unscaled, 0…16).
        let wide = PadBrush(image: image, blank: 0, ink: 16)
        var values = wide.emptyPad
        wide.stroke(&values, from: Point(3.5, 3.5), to: Point(3.5, 3.5), erase: false)
        #expect(values[image.index(column: 3, row: 3)] == 16)
    }

    /// Hovering finds only synapses the picture draws.
    @Test func hitTestingSkipsSynapsesThatAreNotDrawn() {
        let layout = SceneLayout(layerSizes: [3, 4, 1], width: 1280, height: 720)
        let middle = layout.centres[1][2].lerp(to: layout.centres[2][0], 0.5)
        #expect(layout.synapse(at: middle) == SynapseID(layer: 1, from: 2, to: 0))
        #expect(layout.synapse(at: middle) { $0 != SynapseID(layer: 1, from: 2, to: 0) } == nil)
    }

    /// A synapse from an image's cell is named by the pixel's row and column.
    @Test func aPixelsSynapseIsNamedByRowAndColumn() throws {
        let data = try DataSet(name: "img", rows: [([0, 1, 1, 0], [1]), ([1, 0, 0, 1], [0])])
            .withImageShape(ImageShape(width: 2, height: 2))
        let network = Network(layerSizes: [4, 3, 1], hidden: .sigmoid, output: .sigmoid, usesBias: true, seed: 1)
        let plan = SessionPlan(
            dataSet: data, initialNetwork: network, training: TrainingOptions(), iterations: 10,
            schedule: ScheduleOptions())
        let input = SceneInput(
            layout: SceneLayout(layerSizes: [4, 3, 1], width: 1280, height: 720, image: data.imageShape),
            palette: Palette(.video), plan: plan, progress: SessionRun(plan: plan).progress, timeline: plan.timeline,
            state: plan.timeline.state(atFrame: 0))
        let trace = network.trace(input: data.input(0), target: data.target(0), loss: .mse)
        let card = OverlayPainter(input: input, network: network, trace: trace)
        #expect(
            card.cardLines(for: .synapse(SynapseID(layer: 0, from: 3, to: 1))).first == "pixel row 2, column 2 → 1.2")
        #expect(card.cardLines(for: .synapse(SynapseID(layer: 1, from: 2, to: 0))).first == "synapse 1.3 → output 1")
    }

    /// A receptive field is its neuron's incoming weights at their cells: the sign's colour, as
    /// bright as |w| is against the neuron's largest (to one step in 255); a zero or non-finite
    /// weight, and every weight of a neuron whose weights are all zero, is the background. The
    /// neurons' fields are one picture, a tile each, one background row between them, each drawn
    /// over its neuron's disc.
    @Test func receptiveFieldsAreTheIncomingWeightsInSignColours() throws {
        let data = try DataSet(name: "img", rows: [([0, 1, 1, 0], [1]), ([1, 0, 0, 1], [0])])
            .withImageShape(ImageShape(width: 2, height: 2))
        var network = Network(layerSizes: [4, 3, 1], hidden: .sigmoid, output: .sigmoid, usesBias: true, seed: 1)
        let weights: [[Double]] = [[2, -1, 0, .nan], [0, 0, 0, 0], [0.5, 0.25, -0.5, -1]]
        for (j, row) in weights.enumerated() {
            for (i, w) in row.enumerated() {
                network.parameters[network.layout.weightIndex(layer: 0, to: j, from: i)] = w
            }
            #expect(Array(network.incomingWeights(layer: 0, neuron: j)).elementsEqual(row) { $0 == $1 || $0.isNaN })
        }
        let palette = Palette(.video), dark = ImagePainter.fieldBackground
        let expected: [[Color]] = [
            [palette.positive, dark.mix(palette.negative, 0.5), dark, dark], [dark, dark, dark, dark],
            [
                dark.mix(palette.positive, 0.5), dark.mix(palette.positive, 0.25), dark.mix(palette.negative, 0.5),
                palette.negative,
            ],
        ]
        for j in 0..<3 {
            let field = ImagePainter.receptiveField(
                network: network, neuron: j, image: data.imageShape!, palette: palette)
            #expect(field.width == 2 && field.height == 2 && field.pixels == expected[j])
        }
        // Between the strengths above, colours are looked up: within one step of the exact mix.
        let colours = ImagePainter.FieldColours(palette: palette)
        #expect(ImagePainter.FieldColours.of(palette).negative == colours.negative, "the table kept per palette")
        for k in 0...1000 {
            let t = Double(k) / 1000
            for (sign, colour) in [(1.0, palette.positive), (-1.0, palette.negative)] {
                let looked = colours.color(strength: t, sign: sign), exact = dark.mix(colour, t)
                #expect(
                    abs(Int(looked.r) - Int(exact.r)) <= 1 && abs(Int(looked.g) - Int(exact.g)) <= 1
                        && abs(Int(looked.b) - Int(exact.b)) <= 1 && looked.a == exact.a)
            }
        }
        let plan = SessionPlan(
            dataSet: data, initialNetwork: network, training: TrainingOptions(), iterations: 10,
            schedule: ScheduleOptions())
        let layout = SceneLayout(layerSizes: [4, 3, 1], width: 1280, height: 720, image: data.imageShape)
        let input = SceneInput(
            layout: layout, palette: palette, plan: plan, progress: SessionRun(plan: plan).progress,
            timeline: plan.timeline, state: plan.timeline.state(atFrame: 0))
        let painter = ImagePainter(
            input: input, network: network, pad: try #require(layout.padArea), image: data.imageShape!, lit: 1)
        var commands: [DrawCommand] = []
        painter.drawReceptiveFields(into: &commands)
        guard case let .tiles(picture, tileHeight, targets) = try #require(commands.first) else {
            Issue.record("expected one tiled picture, got \(commands)")
            return
        }
        #expect(tileHeight == 2 && picture.width == 2 && picture.height == 3 * 3)
        for j in 0..<3 {
            #expect(Array(picture.pixels[(6 * j)..<(6 * j + 4)]) == expected[j])
            #expect(Array(picture.pixels[(6 * j + 4)..<(6 * j + 6)]) == [dark, dark], "the row between tiles")
            #expect(abs(targets[j].midX - layout.centres[1][j].x) < 1e-9)
            #expect(abs(targets[j].midY - layout.centres[1][j].y) < 1e-9)
        }
    }

    /// The pad's hint ("drag to draw") keeps off the synapses, which fan out from the pad's right
    /// edge: at 480x360 a compared network's hint ran across its lines. Shown or left out, never
    /// over them, alone or compared, before and while the user draws, at every size the text tests
    /// use; shown where there is room, and in the default window (or larger) one that says what
    /// C and Backspace do (keeping it off the synapses once left the drawing's hint out at
    /// 1280x720, and it is the only place that says so).
    @Test(arguments: [false, true]) func thePadsHintEndsWhereTheSynapsesStart(drawing: Bool) throws {
        let (plans, first, second) = try finishedComparison(iterations: 2, keyframes: 8) { model in
            model.dataSet = "digits"
            model.digitGlyphs = TextOverlapTests.standInDigits
        }
        for (width, height) in TextOverlapTests.sizes {
            var alone = sceneInput(plans.first, first, frame: 5 * plans.first.schedule.beat + 20)
            alone.layout = SceneLayout(plan: plans.first, width: width, height: height)
            if drawing { alone.userInput = Array(repeating: 0.5, count: plans.first.dataSet.inputCount) }
            var compared = alone
            let slots = SceneLayout.ComparisonSlot.slots(width: width, height: height, withMaps: false)
            compared.layout = SceneLayout(plan: plans.first, width: width, height: height, slot: slots[0])
            compared.comparison = ComparedInput(
                layout: SceneLayout(plan: plans.second, width: width, height: height, slot: slots[1]),
                plan: plans.second, progress: second, captions: ("a", "b"))
            for input in [alone, compared] {
                let pads = [input.layout.padArea, input.comparison?.layout.padArea].compactMap { $0 }
                var hints = 0
                let forms = ImagePainter.hints(drawing: drawing)
                for case let .text(text, at, size, _, _) in SceneBuilder.build(input).overlay where forms.contains(text)
                {
                    hints += 1
                    if width >= 1280, input.comparison == nil { #expect(text == forms[0] || text.contains("C clears")) }
                    let half = size.estimatedWidth(of: text) / 2
                    let pad = try #require(pads.min { abs($0.midX - at.x) < abs($1.midX - at.x) })
                    #expect(at.x + half <= pad.maxX + ImagePainter.hintOverhang + 1e-9, "\(width)x\(height)")
                    #expect(at.x - half >= 4 && at.y > pad.maxY, "\(width)x\(height)")
                }
                if width >= 1280 { #expect(hints == pads.count, "\(width)x\(height): \(hints) hints") }
            }
        }
    }
}
