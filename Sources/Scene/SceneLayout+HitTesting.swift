/// Hit testing: which neuron, synapse, map point or pad cell lies under a window point.
extension SceneLayout {
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

    /// The drawn neuron whose disc (grown by a few pixels for small discs) contains `point`.
    public func neuron(at point: Point) -> NeuronID? {
        let reach = max(radius, 6)
        for layer in layerSizes.indices where !(layer == 0 && padArea != nil) {
            let columnReach =
                reach
                + (staggeredLayers.contains(layer)
                    ? radius * SceneLayout.staggerSpacing * Double(SceneLayout.staggerColumns - 1) / 2 : 0)
            guard abs(columnX(layer) - point.x) <= columnReach else { continue }
            for index in drawnIndices(layer: layer) where centres[layer][index].distance(to: point) <= reach {
                return NeuronID(layer: layer, index: index)
            }
        }
        return nil
    }

    /// The synapse passing within a few pixels of `point`, if any (checked on drawn neurons only,
    /// and among the synapses `isDrawn` accepts: a thinned layer draws each neuron's strongest).
    public func synapse(at point: Point, isDrawn: (SynapseID) -> Bool = { _ in true }) -> SynapseID? {
        for l in 0..<(layerSizes.count - 1) {
            let x0 = l == 0 ? padArea?.maxX ?? columnX(0) : columnX(l), x1 = columnX(l + 1)
            guard point.x > x0 + radius, point.x < x1 - radius else { continue }
            var best: (SynapseID, Double)? = nil
            let senders = drawnIndices(layer: l)
            for j in drawnIndices(layer: l + 1) {
                for i in senders {
                    let d = distance(point, centres[l][i], centres[l + 1][j])
                    guard d <= 4, d < (best?.1 ?? .infinity) else { continue }
                    let id = SynapseID(layer: l, from: i, to: j)
                    if isDrawn(id) { best = (id, d) }
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

    /// The x of layer `l`'s column (the middle of a staggered layer's columns).
    func columnX(_ l: Int) -> Double {
        let xs = drawnIndices(layer: l).map { centres[l][$0].x }
        return (xs.min()! + xs.max()!) / 2
    }

    /// The pad cell (input index) under `point`, or nil outside the pad.
    public func padCell(at point: Point) -> Int? {
        guard let pad = padArea, let image, pad.contains(point) else { return nil }
        let column = min(Int((point.x - pad.x) / pad.width * Double(image.width)), image.width - 1)
        let row = min(Int((point.y - pad.y) / pad.height * Double(image.height)), image.height - 1)
        return image.index(column: column, row: row)
    }

    /// Where `point` lies on the pad in cell units (x along columns, y along rows), or nil
    /// outside it; the brush paints around this point.
    public func padPosition(at point: Point) -> Point? {
        guard let pad = padArea, let image, pad.contains(point) else { return nil }
        return Point(
            (point.x - pad.x) / pad.width * Double(image.width), (point.y - pad.y) / pad.height * Double(image.height))
    }
}
