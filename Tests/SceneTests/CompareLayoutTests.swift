import NeuralCore
import Testing

@testable import Scene

/// Two compared networks share the window: each in its half, neither overlapping the other.
struct CompareLayoutTests {
    @Test func twoNetworksFitWithoutOverlapping() {
        let shapes: [([Int], [Int])] = [
            ([3, 4, 1], [3, 4, 1]), ([64, 32, 32, 10], [64, 32, 32, 10]), ([3, 4, 1], [3, 8, 8, 1]),
        ]
        for (a, b) in shapes {
            for (w, h) in [(1280, 720), (1920, 1080), (800, 1000)] {
                let slots = SceneLayout.ComparisonSlot.slots(width: w, height: h)
                #expect(slots[0].stacked == (h > w))
                let first = SceneLayout(layerSizes: a, width: w, height: h, slot: slots[0])
                let second = SceneLayout(layerSizes: b, width: w, height: h, slot: slots[1])
                let window = Rect(x: 0, y: 0, width: Double(w), height: Double(h))
                func discs(_ layout: SceneLayout) -> [Point] {
                    layout.layerSizes.indices.flatMap { l in layout.drawnIndices(layer: l).map { layout.centres[l][$0] }
                    }
                }
                for layout in [first, second] {
                    for c in discs(layout) {
                        let r = layout.radius
                        #expect(window.contains(Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)))
                        #expect(!layout.hudTop.contains(c) && !layout.hudBottom.contains(c))
                    }
                }
                // The halves do not meet: the second's discs are all right of (or below) the first's.
                let gap = first.radius + second.radius
                if slots[0].stacked {
                    #expect(discs(first).map(\.y).max()! + gap < discs(second).map(\.y).min()!, "\(a) \(b) \(w)x\(h)")
                } else {
                    #expect(
                        discs(first).map(\.x).max()! + gap + 60 < discs(second).map(\.x).min()!, "\(a) \(b) \(w)x\(h)")
                }
                // Hit testing finds each network's own neurons.
                let probe = second.centres[0][0]
                #expect(second.neuron(at: probe) == NeuronID(layer: 0, index: 0) && first.neuron(at: probe) == nil)
            }
        }
    }

    /// Two-input networks are stacked, each with its own map beside it, none overlapping.
    @Test func twoInputNetworksAreStackedWithAMapEach() throws {
        let ranges = MapRanges(x: -1...1, y: -1...1)
        let slots = SceneLayout.ComparisonSlot.slots(width: 1280, height: 720, withMaps: true)
        #expect(slots.allSatisfy { $0.stacked })
        let first = SceneLayout(layerSizes: [2, 4, 1], width: 1280, height: 720, mapRanges: ranges, slot: slots[0])
        let second = SceneLayout(layerSizes: [2, 8, 1], width: 1280, height: 720, mapRanges: ranges, slot: slots[1])
        let a = try #require(first.mapArea), b = try #require(second.mapArea)
        #expect(a.maxY < b.y && a.width > 150)
        for layout in [first, second] {
            let map = layout.mapArea!
            for l in layout.layerSizes.indices {
                for c in layout.centres[l] { #expect(c.x + layout.radius < map.x && layout.networkArea.contains(c)) }
            }
        }
        // A point of the second map is an input there and nowhere in the first.
        let inside = Point(b.midX, b.midY)
        #expect(second.mapInput(at: inside) != nil && first.mapInput(at: inside) == nil)
        // Side by side (when asked without maps) leaves the map out.
        let narrow = SceneLayout(
            layerSizes: [2, 4, 1], width: 1280, height: 720, mapRanges: ranges,
            slot: SceneLayout.ComparisonSlot(index: 0, stacked: false))
        #expect(narrow.mapArea == nil)
    }
}
