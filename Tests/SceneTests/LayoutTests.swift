import Testing
@testable import Scene

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
