extension SceneLayout {
    /// The part of the synapse from neuron `i` of layer `l` to neuron `j` of layer `l + 1` that
    /// shows: centre to centre, less the ends under the neurons' discs, which are opaque and
    /// drawn over the lines (every layer but an image's pad is drawn as discs). A sliver stays
    /// under each disc's soft edge. Filling hidden pixels costs as much as visible ones.
    public func synapseSpan(layer l: Int, from i: Int, to j: Int) -> (from: Point, to: Point) {
        let a = centres[l][i], b = centres[l + 1][j]
        let length = a.distance(to: b)
        let hidden = max(radius - 2, 0)
        let trimStart = l == 0 && padArea != nil ? 0 : hidden
        guard length > trimStart + hidden + 1 else { return (a, b) }
        return (a.lerp(to: b, trimStart / length), a.lerp(to: b, 1 - hidden / length))
    }
}
