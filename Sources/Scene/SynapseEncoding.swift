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

    /// The lines of every drawn synapse of `network`, widths on `scale` (in dense connection
    /// layers only each neuron's strongest, `SceneLayout.keptSynapsesPerNeuron`); with a
    /// `budget`, only the strongest (|w|) of those that fit in it, in the same order.
    public static func lines(
        network: Network, scale: Double, layout: SceneLayout, palette: Palette, dashedNegative: Bool,
        budget: LineBudget? = nil
    ) -> [DrawCommand] {
        let largest = scale
        let kept = budget.map { strongest(network: network, scale: scale, layout: layout, within: $0) }
        var commands: [DrawCommand] = []
        for l in 0..<network.layout.connectionLayerCount {
            let from = layout.drawnIndices(layer: l), to = layout.drawnIndices(layer: l + 1)
            let perNeuron = layout.keptSynapsesPerNeuron[l]
            commands.reserveCapacity(commands.count + (kept?.count ?? min(perNeuron ?? .max, from.count) * to.count))
            for j in to {
                let senders =
                    perNeuron.map { strongestSenders(network, layer: l, to: j, among: from, keeping: $0) } ?? from
                for i in senders {
                    let w = network.weight(layer: l, to: j, from: i)
                    if let kept, abs(w) < kept.threshold || commands.count == kept.count { continue }
                    let strength = largest > 0 ? min(abs(w) / largest, 1) : 0
                    let span = layout.synapseSpan(layer: l, from: i, to: j)
                    commands.append(
                        .line(
                            from: span.from, to: span.to,
                            width: width(weight: w, scale: scale, radius: layout.radius),
                            color: palette.color(forWeight: w).withAlpha(0.45 + 0.5 * strength),
                            dashed: dashedNegative && w < 0))
                }
            }
        }
        return commands
    }

    /// The `count` senders in `among` with the largest |w| into neuron `j` of layer `l + 1`, in
    /// the order of `among` (ties go to the earlier sender).
    public static func strongestSenders(_ network: Network, layer l: Int, to j: Int, among: [Int], keeping count: Int)
        -> [Int]
    {
        guard among.count > count else { return among }
        // Insertion into a short sorted list: `count` is a handful, fan-ins are hundreds.
        var best: [(magnitude: Double, position: Int)] = []
        best.reserveCapacity(count + 1)
        for (position, i) in among.enumerated() {
            let m = abs(network.weight(layer: l, to: j, from: i))
            guard best.count < count || m > best[best.count - 1].magnitude else { continue }
            var k = best.count
            while k > 0 && best[k - 1].magnitude < m { k -= 1 }
            best.insert((m, position), at: k)
            if best.count > count { best.removeLast() }
        }
        return best.map(\.position).sorted().map { among[$0] }
    }

    /// How much of a large network may be drawn directly in one frame: at most `count` lines and
    /// at most `fill` pixels of them (length × drawn width, feather included), whichever comes
    /// first. On llvmpipe a frame's line cost follows the pixels filled, not the line count.
    public struct LineBudget: Sendable, Equatable {
        public var count: Int
        public var fill: Double
        public init(count: Int, fill: Double) {
            self.count = count
            self.fill = fill
        }
    }

    /// Synapses drawn per frame above this count are cached per keyframe instead (docs/DESIGN.md §8).
    public static let directDrawingLimit = 300

    /// Synapses drawn while the timeline is dragged, the strongest: with the rest of a large
    /// network's picture, what llvmpipe fills in a frame (`neuroglow bench --only scrub`).
    public static let scrubbingBudget = LineBudget(count: 600, fill: 500_000)

    /// Synapses drawn for each of two compared networks when it is large: a quarter of what a
    /// scrubbing frame draws, so both fit in a frame beside everything else twice over
    /// (`neuroglow bench --only compare`).
    public static let comparedBudget = LineBudget(count: 150, fill: 125_000)

    /// The pixels a line of `width` covers, as `SceneRenderer` draws it (one feather each side).
    static func fill(from a: Point, to b: Point, width: Double) -> Double { a.distance(to: b) * (max(width, 1) + 2) }

    /// The |w| of the weakest synapse within `budget`, strongest first, and how many that is
    /// (ties at the threshold are cut at that count).
    static func strongest(network: Network, scale: Double, layout: SceneLayout, within budget: LineBudget) -> (
        threshold: Double, count: Int
    ) {
        // Only the few hundred kept need their pixels measured: remember where each synapse is.
        var candidates: [(magnitude: Double, layer: Int, to: Int, from: Int)] = []
        for l in 0..<network.layout.connectionLayerCount {
            let from = layout.drawnIndices(layer: l)
            for j in layout.drawnIndices(layer: l + 1) {
                let senders =
                    layout.keptSynapsesPerNeuron[l].map {
                        strongestSenders(network, layer: l, to: j, among: from, keeping: $0)
                    } ?? from
                for i in senders {
                    candidates.append((abs(network.weight(layer: l, to: j, from: i)), l, j, i))
                }
            }
        }
        candidates.sort { $0.magnitude > $1.magnitude }
        var count = 0, filled = 0.0
        while count < min(candidates.count, budget.count) {
            let c = candidates[count]
            let span = layout.synapseSpan(layer: c.layer, from: c.from, to: c.to)
            let pixels = fill(
                from: span.from, to: span.to,
                width: width(weight: c.magnitude, scale: scale, radius: layout.radius))
            if filled + pixels > budget.fill { break }
            filled += pixels
            count += 1
        }
        return (count == 0 ? .infinity : candidates[count - 1].magnitude, count)
    }
}
