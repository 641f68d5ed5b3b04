extension SceneLayout {
    /// The part of the synapse from neuron `i` of layer `l` to neuron `j` of layer `l + 1` that
    /// shows: centre to centre, less the ends under the neurons' discs and the image's pad, which
    /// are opaque and drawn over the lines. A sliver stays under each disc's soft edge; under
    /// the pad, enough for a line's square end to stay hidden. Filling hidden pixels costs as
    /// much as visible ones.
    public func synapseSpan(layer l: Int, from i: Int, to j: Int) -> (from: Point, to: Point) {
        let a = centres[l][i], b = centres[l + 1][j]
        let length = a.distance(to: b)
        let hidden = max(radius - 2, 0)
        let trimStart = l == 0 && padArea != nil ? hiddenUnderPad(from: a, to: b) : hidden
        guard length > trimStart + hidden + 1 else { return (a, b) }
        return (a.lerp(to: b, trimStart / length), a.lerp(to: b, 1 - hidden / length))
    }

    /// How far a line from `a` (under the pad) towards `b` can start later and still begin under
    /// the pad: where it leaves the pad, less enough that both corners of a line as wide as the
    /// widest (a pulse over the widest synapse, with its soft edges) stay under it; 0 if none.
    private func hiddenUnderPad(from a: Point, to b: Point) -> Double {
        guard let pad = padArea, pad.contains(a) else { return 0 }
        let length = a.distance(to: b)
        guard length > 0 else { return 0 }
        let d = Point((b.x - a.x) / length, (b.y - a.y) / length)
        func leaving(_ from: Double, _ low: Double, _ high: Double, _ step: Double) -> Double {
            step > 0 ? (high - from) / step : step < 0 ? (low - from) / step : .infinity
        }
        let exit = min(leaving(a.x, pad.x, pad.maxX, d.x), leaving(a.y, pad.y, pad.maxY, d.y), length)
        let half = SynapseEncoding.maximumWidth / 2 + 3
        // Step back from the exit until the line's square start, `half` either side, is under the pad.
        for back in stride(from: half, through: 8 * half, by: half) where exit > back {
            let start = Point(a.x + d.x * (exit - back), a.y + d.y * (exit - back))
            let side = Point(-d.y * half, d.x * half)
            if pad.contains(Point(start.x + side.x, start.y + side.y)),
                pad.contains(Point(start.x - side.x, start.y - side.y))
            {
                return exit - back
            }
        }
        return 0
    }
}
