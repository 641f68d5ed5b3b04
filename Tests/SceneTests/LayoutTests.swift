import Testing
@testable import Scene
@testable import Session

struct LayoutTests {
    static let shapes: [[Int]] = [
        [3, 4, 1], [2, 1], [8, 8, 8, 8, 2], [64, 32, 32, 10], [784, 64, 10], [1, 30, 1],
    ]
    static let sizes: [(Int, Int)] = [(1280, 720), (320, 240), (1920, 1080), (800, 1000)]

    @Test func neuronsFitInsideTheWindowWithoutOverlapping() {
        for shape in Self.shapes {
            for (w, h) in Self.sizes {
                let layout = SceneLayout(layerSizes: shape, width: w, height: h)
                let window = Rect(x: 0, y: 0, width: Double(w), height: Double(h))
                var discs: [Point] = []
                for l in shape.indices {
                    for i in layout.drawnIndices(layer: l) {
                        let c = layout.centres[l][i]
                        let r = layout.radius
                        #expect(
                            window.contains(Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)),
                            "\(shape) \(w)x\(h)")
                        #expect(!layout.hudTop.contains(c) && !layout.hudBottom.contains(c))
                        discs.append(c)
                    }
                }
                for a in discs.indices {
                    for b in discs.indices where b > a {
                        #expect(
                            discs[a].distance(to: discs[b]) >= 2 * layout.radius,
                            "\(shape) \(w)x\(h): discs \(a) and \(b) overlap")
                    }
                }
            }
        }
    }

    @Test func hugeLayersAreSampledAndSaySo() {
        let layout = SceneLayout(layerSizes: [784, 64, 10], width: 1280, height: 720)
        #expect(layout.drawnIndices(layer: 0).count == SceneLayout.maximumDrawnNeuronsPerLayer)
        #expect(layout.isThinned && !layout.showsNeuronLabels)
        #expect(!SceneLayout(layerSizes: [3, 4, 1], width: 1280, height: 720).isThinned)
    }

    /// Wide hidden layers make every disc too small for a label, but ten outputs have rows tall
    /// enough for theirs in a roomy window, and the network leaves them their room; in a small
    /// window the rows are too short and nothing is labelled.
    @Test func tinyOutputsAreLabelledWhereTheirRowsHaveRoom() {
        let wide = SceneLayout(layerSizes: [64, 128, 64, 10], width: 1280, height: 720, outputLabelRoom: 66)
        #expect(!wide.showsNeuronLabels && wide.labelsOutputs)
        let lastX = wide.centres[3][0].x
        #expect(lastX + wide.radius + 66 <= 1280, "the outputs' labels fit in the window")
        let small = SceneLayout(layerSizes: [64, 128, 64, 10], width: 320, height: 240, outputLabelRoom: 66)
        #expect(!small.showsNeuronLabels && !small.labelsOutputs)
    }

    /// A bias label sits under its disc; in a crowded column it would cover the next disc down
    /// (spiral's 16-neuron layers did), so there it shows on hover only.
    @Test func biasLabelsNeverCoverADisc() throws {
        for (layers, crowded) in [([2, 16, 16, 1], [1, 2]), ([2, 4, 1], [])] {
            let (plan, progress) = try finishedSession(iterations: 20, keyframes: 4) { model, _ in
                model.dataSet = "circle"
                model.layers = layers
            }
            let input = sceneInput(plan, progress, frame: plan.timeline.frameCount - 1)
            let layout = input.layout
            #expect(layout.biasLabelLayers == Set(1..<layers.count).subtracting(crowded), "\(layers)")
            let discs = layers.indices.flatMap { l in layout.drawnIndices(layer: l).map { layout.centres[l][$0] } }
            let labels = SceneBuilder.build(input).overlay.compactMap { command -> Point? in
                if case let .text(text, at, _, _, _) = command, text.hasPrefix("b ") { return at }
                return nil
            }
            #expect(
                labels.count
                    == layers.dropFirst().enumerated().reduce(0) { total, layer in
                        crowded.contains(layer.offset + 1) ? total : total + layer.element
                    })
            for label in labels {
                // The label's box: about 60 pixels wide, small text's height below `at`.
                let box = Rect(x: label.x - 30, y: label.y, width: 60, height: 15)
                for disc in discs where disc.y > label.y && abs(disc.x - label.x) < box.width / 2 + layout.radius {
                    #expect(box.maxY <= disc.y - layout.radius, "\(layers): label at \(label) covers disc \(disc)")
                }
            }
        }
    }

    @Test func hitTestingFindsNeuronsAndSynapsesAndFollowsResize() {
        for (w, h) in Self.sizes {
            let layout = SceneLayout(layerSizes: [3, 4, 1], width: w, height: h)
            for l in 0..<3 {
                for i in 0..<layout.layerSizes[l] {
                    let c = layout.centres[l][i]
                    #expect(layout.neuron(at: Point(c.x + layout.radius * 0.7, c.y)) == NeuronID(layer: l, index: i))
                }
            }
            #expect(layout.neuron(at: Point(2, 2)) == nil)
            let mid = layout.centres[0][1].lerp(to: layout.centres[1][2], 0.5)
            #expect(layout.synapse(at: mid) == SynapseID(layer: 0, from: 1, to: 2))
        }
    }
}
