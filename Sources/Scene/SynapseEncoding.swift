import NeuralCore

/// How a weight looks: colour by sign, width by |w| on a scale (docs/DESIGN.md §1): a weight of
/// |w| = `scale` is the widest line, near-zero weights wither to a hairline. An infinite scale
/// (not known yet) draws every synapse as a hairline.
public enum SynapseEncoding {
    /// The width of the strongest synapse, in pixels.
    public static let maximumWidth = 9.0
    /// Near-zero weights wither to this hairline.
    public static let hairline = 0.6

    public static func width(weight: Double, scale: Double, radius: Double) -> Double {
        guard scale > 0, weight.isFinite else { return hairline }
        let widest = min(maximumWidth, max(radius * 0.7, 1.5))
        return max(hairline, widest * min(abs(weight) / scale, 1))
    }

    /// The lines of every drawn synapse of `network`, widths on `scale`; with a `limit`, only
    /// that many of the strongest (|w|), in the same order.
    public static func lines(
        network: Network, scale: Double, layout: SceneLayout, palette: Palette, dashedNegative: Bool,
        limit: Int? = nil
    ) -> [DrawCommand] {
        let largest = scale
        let threshold = limit.map { strongestThreshold(network: network, layout: layout, keeping: $0) } ?? 0
        var commands: [DrawCommand] = []
        for l in 0..<network.layout.connectionLayerCount {
            let from = layout.drawnIndices(layer: l), to = layout.drawnIndices(layer: l + 1)
            commands.reserveCapacity(commands.count + from.count * to.count)
            for j in to {
                for i in from {
                    let w = network.weight(layer: l, to: j, from: i)
                    if abs(w) < threshold || (limit != nil && commands.count == limit) { continue }
                    let strength = largest > 0 ? min(abs(w) / largest, 1) : 0
                    commands.append(
                        .line(
                            from: layout.centres[l][i], to: layout.centres[l + 1][j],
                            width: width(weight: w, scale: scale, radius: layout.radius),
                            color: palette.color(forWeight: w).withAlpha(0.45 + 0.5 * strength),
                            dashed: dashedNegative && w < 0))
                }
            }
        }
        return commands
    }

    /// Synapses drawn per frame above this count are cached per keyframe instead (docs/DESIGN.md §8).
    public static let directDrawingLimit = 1_500

    /// Synapses drawn while the timeline is dragged, the strongest (a frame's budget on llvmpipe
    /// with the rest of a large network's picture).
    public static let scrubbingLineLimit = 600

    /// The |w| of the `keeping`-th strongest drawn synapse (0 when there are no more than that).
    private static func strongestThreshold(network: Network, layout: SceneLayout, keeping: Int) -> Double {
        var magnitudes: [Double] = []
        for l in 0..<network.layout.connectionLayerCount {
            for j in layout.drawnIndices(layer: l + 1) {
                for i in layout.drawnIndices(layer: l) {
                    magnitudes.append(abs(network.weight(layer: l, to: j, from: i)))
                }
            }
        }
        guard magnitudes.count > keeping, keeping > 0 else { return 0 }
        magnitudes.sort(by: >)
        return magnitudes[keeping - 1]
    }
}
