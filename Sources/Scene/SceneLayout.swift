/// Where every neuron of a network sits in a window, and the HUD's regions.
///
/// Contract: layers are evenly spaced left to right inside `networkArea`; each layer's neurons are
/// centred vertically and evenly spaced; radii are equal within the picture and small enough that
/// no two discs (with their value labels) overlap and every disc lies inside the window.
public struct SceneLayout: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let layerSizes: [Int]
    /// `centres[layer][index]`.
    public let centres: [[Point]]
    public let radius: Double
    /// The region the network is drawn in (between the HUD bands).
    public let networkArea: Rect
    public let hudTop: Rect
    public let hudBottom: Rect
    /// The timeline strip in the bottom band, right of the error bar.
    public let timelineArea: Rect
    /// Whether neurons are large enough for their value labels.
    public let showsNeuronLabels: Bool
    /// The decision map's panel, right of the network, for networks with two inputs.
    public let mapArea: Rect?
    /// The input values the map spans.
    public let mapRanges: MapRanges?
    /// `drawnIndices` for every layer, computed once (the scene asks for them every frame).
    private let drawn: [[Int]]
    /// Layers with more neurons than this are drawn as a sample of their neurons (see `drawnIndices`).
    public static let maximumDrawnNeuronsPerLayer = 64

    /// `mapRanges`: give the network two inputs' plane a decision map panel, spanning these values.
    public init(layerSizes: [Int], width: Int, height: Int, mapRanges: MapRanges? = nil) {
        precondition(layerSizes.count >= 2 && width > 0 && height > 0)
        self.width = width
        self.height = height
        self.layerSizes = layerSizes
        let w = Double(width), h = Double(height)
        let topBand = min(78, h * 0.14), bottomBand = min(118, h * 0.2)
        hudTop = Rect(x: 0, y: 0, width: w, height: topBand)
        hudBottom = Rect(x: 0, y: h - bottomBand, width: w, height: bottomBand)
        timelineArea = Rect(x: w * 0.55, y: hudBottom.y + 10, width: w * 0.45 - 16, height: bottomBand - 30)
        let marginX = max(w * 0.08, 40)
        var area = Rect(
            x: marginX, y: topBand + 8, width: max(w - 2 * marginX, 1), height: max(h - topBand - bottomBand - 16, 1))
        // The map: a square as tall as the network's band (at most a third of the width), at the
        // right edge; the network keeps the rest, with room for the output labels (values, class
        // names) and the map's axis before it.
        if let mapRanges, layerSizes.first == 2 {
            let side = min(area.height + 4, w * 0.34)
            let map = Rect(x: w - side - 16, y: topBand + 6, width: side, height: side)
            mapArea = map
            self.mapRanges = mapRanges
            area = Rect(x: area.x, y: area.y, width: max(map.x - 100 - area.x, 1), height: area.height)
        } else {
            mapArea = nil
            self.mapRanges = nil
        }
        networkArea = area
        let layers = layerSizes.count
        let columnGap = area.width / Double(max(layers - 1, 1))
        let tallest = Double(min(layerSizes.max()!, SceneLayout.maximumDrawnNeuronsPerLayer))
        let rowGap = area.height / max(tallest, 1)
        let r = max(min(rowGap * 0.32, columnGap * 0.12, 26), 1)
        radius = r
        showsNeuronLabels = r >= 9
        var centres: [[Point]] = []
        for (l, size) in layerSizes.enumerated() {
            let x = area.x + columnGap * Double(l)
            let shown = min(size, SceneLayout.maximumDrawnNeuronsPerLayer)
            let spacing = area.height / Double(shown)
            // In huge layers drawn neuron k is index ⌊k·size/shown⌋ (`drawnIndices`); the rounding up
            // maps it back to slot k, and undrawn neurons share the slot of the next drawn one.
            centres.append(
                (0..<size).map { i in
                    let slot = size <= shown ? i : min((i * shown + size - 1) / size, shown - 1)
                    return Point(x, area.y + spacing * (Double(slot) + 0.5))
                })
        }
        self.centres = centres
        let drawn = layerSizes.map { size in
            let shown = min(size, SceneLayout.maximumDrawnNeuronsPerLayer)
            return size == shown ? Array(0..<size) : (0..<shown).map { $0 * size / shown }
        }
        self.drawn = drawn
        drawnSynapseCount = (0..<(layers - 1)).reduce(0) { $0 + drawn[$1].count * drawn[$1 + 1].count }
        let drawnCentres = centres.indices.flatMap { l in drawn[l].map { centres[l][$0] } }
        let margin = SynapseEncoding.maximumWidth / 2 + 3
        let xs = drawnCentres.map(\.x), ys = drawnCentres.map(\.y)
        synapseBounds = Rect(
            x: xs.min()! - margin, y: ys.min()! - margin,
            width: xs.max()! - xs.min()! + 2 * margin, height: ys.max()! - ys.min()! + 2 * margin)
    }

    /// A rectangle holding every pixel a synapse line can touch: the drawn neuron centres' box,
    /// widened by half the widest line and its soft edge. Computed once (cached layers use it
    /// every frame).
    public let synapseBounds: Rect

    /// Every area of the window, for the `layout` event and for hit testing.
    public var areas: [SceneArea] {
        [SceneArea(kind: .network, rect: networkArea), SceneArea(kind: .timeline, rect: timelineArea)]
            + (mapArea.map { [SceneArea(kind: .map, rect: $0, ranges: mapRanges)] } ?? [])
    }

    /// The input values at window point `point` of the map, or nil outside it.
    public func mapInput(at point: Point) -> [Double]? {
        guard let map = mapArea, let ranges = mapRanges, map.contains(point) else { return nil }
        let u = (point.x - map.x) / map.width, v = (map.maxY - point.y) / map.height
        return [
            ranges.x.lowerBound + u * (ranges.x.upperBound - ranges.x.lowerBound),
            ranges.y.lowerBound + v * (ranges.y.upperBound - ranges.y.lowerBound),
        ]
    }

    /// Where input values `input` lie in the map's window pixels (nil without a map).
    public func mapPoint(for input: [Double]) -> Point? {
        guard let map = mapArea, let ranges = mapRanges, input.count == 2 else { return nil }
        let u = (input[0] - ranges.x.lowerBound) / (ranges.x.upperBound - ranges.x.lowerBound)
        let v = (input[1] - ranges.y.lowerBound) / (ranges.y.upperBound - ranges.y.lowerBound)
        return Point(map.x + u * map.width, map.maxY - v * map.height)
    }

    /// The neurons of `layer` that are drawn: all of them, or an even sample of huge layers.
    public func drawnIndices(layer: Int) -> [Int] { drawn[layer] }

    /// Synapses between drawn neurons: what the picture draws.
    public let drawnSynapseCount: Int

    /// Whether some layer is too large to draw every neuron (the picture says so on screen).
    public var isThinned: Bool { layerSizes.contains { $0 > SceneLayout.maximumDrawnNeuronsPerLayer } }

    /// The drawn neuron whose disc (grown by a few pixels for small discs) contains `point`.
    public func neuron(at point: Point) -> NeuronID? {
        let reach = max(radius, 6)
        for layer in layerSizes.indices {
            guard abs(centres[layer][0].x - point.x) <= reach else { continue }
            for index in drawnIndices(layer: layer) where centres[layer][index].distance(to: point) <= reach {
                return NeuronID(layer: layer, index: index)
            }
        }
        return nil
    }

    /// The synapse passing within a few pixels of `point`, if any (checked on drawn neurons only).
    public func synapse(at point: Point) -> SynapseID? {
        for l in 0..<(layerSizes.count - 1) {
            let x0 = centres[l][0].x, x1 = centres[l + 1][0].x
            guard point.x > x0 + radius, point.x < x1 - radius else { continue }
            var best: (SynapseID, Double)? = nil
            let senders = drawnIndices(layer: l)
            for j in drawnIndices(layer: l + 1) {
                for i in senders {
                    let d = distance(point, centres[l][i], centres[l + 1][j])
                    if d <= 4, d < (best?.1 ?? .infinity) { best = (SynapseID(layer: l, from: i, to: j), d) }
                }
            }
            return best?.0
        }
        return nil
    }

    private func distance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        guard length2 > 0 else { return p.distance(to: a) }
        let t = min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0), 1)
        return p.distance(to: Point(a.x + t * dx, a.y + t * dy))
    }
}
