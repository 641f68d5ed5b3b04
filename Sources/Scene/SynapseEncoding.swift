import NeuralCore

/// How a weight looks: colour by sign, width by |w| relative to the strongest weight of the picture.
public enum SynapseEncoding {
    /// The width of the strongest synapse, in pixels.
    public static let maximumWidth = 9.0
    /// Near-zero weights wither to this hairline.
    public static let hairline = 0.6

    public static func width(weight: Double, largest: Double, radius: Double) -> Double {
        guard largest > 0, weight.isFinite else { return hairline }
        let widest = min(maximumWidth, max(radius * 0.7, 1.5))
        return max(hairline, widest * abs(weight) / largest)
    }

    /// The lines of every drawn synapse of `network`.
    public static func lines(network: Network, layout: SceneLayout, palette: Palette, dashedNegative: Bool)
        -> [DrawCommand]
    {
        let largest = network.largestWeightMagnitude
        var commands: [DrawCommand] = []
        for l in 0..<network.layout.connectionLayerCount {
            let from = layout.drawnIndices(layer: l), to = layout.drawnIndices(layer: l + 1)
            commands.reserveCapacity(commands.count + from.count * to.count)
            for j in to {
                for i in from {
                    let w = network.weight(layer: l, to: j, from: i)
                    let strength = largest > 0 ? abs(w) / largest : 0
                    commands.append(
                        .line(
                            from: layout.centres[l][i], to: layout.centres[l + 1][j],
                            width: width(weight: w, largest: largest, radius: layout.radius),
                            color: palette.color(forWeight: w).withAlpha(0.45 + 0.5 * strength),
                            dashed: dashedNegative && w < 0))
                }
            }
        }
        return commands
    }

    /// Synapses drawn per frame above this count are cached per keyframe instead (docs/DESIGN.md §8).
    public static let directDrawingLimit = 1_500
}
