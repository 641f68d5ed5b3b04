import NeuralCore
import Playback

/// Draws the network thinking: the forward pulse of activity, the backward pulse of error, and
/// the neurons glowing with their activations.
struct ThinkingPainter {
    let input: SceneInput
    let network: Network
    let trace: Trace
    let hasTarget: Bool

    /// At most this many pulse lines per connection layer in a frame: the strongest signals
    /// (large networks). Two compared networks share them, half each: on llvmpipe every line and
    /// bead costs its triangles whatever its size, and each network has half the window.
    static let pulsesPerLayer = 120

    private var pulseLimit: Int { layout.slot == nil ? Self.pulsesPerLayer : Self.pulsesPerLayer / 2 }

    private var layout: SceneLayout { input.layout }
    private var connectionLayers: Int { network.layout.connectionLayerCount }

    /// Which connection layer the pulse is on and how far along it, for a phase progress 0…1.
    private func pulsePosition(_ progress: Double) -> (layer: Int, t: Double) {
        let scaled = min(max(progress, 0), 0.9999) * Double(connectionLayers)
        let layer = Int(scaled)
        return (layer, scaled - Double(layer))
    }

    /// How lit a neuron is. In explain mode's forward stages, the neurons computed so far (those
    /// before the explained one); otherwise its layer's `lit(layer:)`.
    func lit(layer: Int, index: Int) -> Double {
        guard let explain = input.explain else { return lit(layer: layer) }
        guard case .forward(let neuron) = explain.current, layer > 0 else { return 1 }
        return layer < neuron.layer || (layer == neuron.layer && index <= neuron.index) ? 1 : 0
    }

    /// How lit each layer is: inputs at once, deeper layers as the forward pulse reaches them.
    func lit(layer: Int) -> Double {
        if layer == 0 { return 1 }
        switch input.state.phase {
        case .forward:
            let (segment, t) = pulsePosition(input.state.phaseProgress)
            if layer <= segment { return 1 }
            return layer == segment + 1 ? t * t : 0
        case .backward, .ease, .hold:
            return 1
        }
    }

    func drawPulses(into out: inout [DrawCommand]) {
        switch input.state.phase {
        case .forward:
            let (l, t) = pulsePosition(input.state.phaseProgress)
            drawSignals(layer: l, t: t, backward: false, into: &out)
        case .backward where hasTarget:
            let (step, t) = pulsePosition(input.state.phaseProgress)
            drawSignals(layer: connectionLayers - 1 - step, t: 1 - t, backward: true, into: &out)
        default:
            break
        }
    }

    /// Forward: |activation × weight| on each synapse of connection layer `l`; backward: the
    /// weight's gradient |δ_j × a_i|, the size of the change the error asks of it.
    private func drawSignals(layer l: Int, t: Double, backward: Bool, into out: inout [DrawCommand]) {
        var signals: [(Double, Int, Int)] = []
        let drawnSenders = layout.drawnIndices(layer: l)
        let perNeuron = layout.keptSynapsesPerNeuron[l]
        for j in layout.drawnIndices(layer: l + 1) {
            // Signals travel only along synapses the picture draws.
            let senders =
                perNeuron.map {
                    SynapseEncoding.strongestSenders(network, layer: l, to: j, among: drawnSenders, keeping: $0)
                } ?? drawnSenders
            for i in senders {
                let a = trace.activation(layer: l, index: i)
                let s =
                    backward ? trace.delta(layer: l + 1, index: j) * a : a * network.weight(layer: l, to: j, from: i)
                if s.isFinite, s != 0 { signals.append((abs(s), i, j)) }
            }
        }
        guard let strongest = signals.map(\.0).max(), strongest > 0 else { return }
        if signals.count > pulseLimit {
            signals.sort { $0.0 > $1.0 }
            signals.removeLast(signals.count - pulseLimit)
        }
        let tint = backward ? input.palette.backwardPulse : input.palette.forwardPulse
        let pulseRadius = max(layout.radius * 0.9, 4)
        let scale = input.weightScale(for: network)
        // Lines first, then all the pulses: grouped by kind, the platform draws each group in one call.
        var pulses: [DrawCommand] = []
        pulses.reserveCapacity(signals.count)
        for (s, i, j) in signals {
            let level = s / strongest
            let a = layout.centres[l][i], b = layout.centres[l + 1][j]
            let width = SynapseEncoding.width(
                weight: network.weight(layer: l, to: j, from: i), scale: scale, radius: layout.radius)
            // The pulse runs centre to centre; its trail lights the synapse's visible part behind it.
            if let trail = Self.trail(
                behind: t, from: a, to: b, visible: layout.synapseSpan(layer: l, from: i, to: j),
                backward: backward)
            {
                out.append(
                    .line(
                        from: trail.from, to: trail.to, width: width + 1.5, color: tint.withAlpha(0.1 + 0.4 * level),
                        dashed: false))
            }
            pulses.append(
                .glow(
                    center: a.lerp(to: b, t), radius: pulseRadius * (0.6 + 0.9 * level),
                    color: tint.withAlpha(0.25 + 0.75 * level)))
        }
        out += pulses
    }

    /// The part of a synapse's `visible` span (a sub-segment of `a`…`b`) a pulse at `t` (0 at
    /// `a`, 1 at `b`) has passed: from where it is visible up to the pulse going forward, from
    /// the pulse to where it ends going backward; nil while the pulse is outside it.
    static func trail(behind t: Double, from a: Point, to b: Point, visible: (from: Point, to: Point), backward: Bool)
        -> (from: Point, to: Point)?
    {
        let length = a.distance(to: b)
        guard length > 0 else { return nil }
        let start = a.distance(to: visible.from) / length, end = a.distance(to: visible.to) / length
        let passed = backward ? (max(t, start), end) : (start, min(t, end))
        guard passed.1 - passed.0 > 0.5 / length else { return nil }
        return (a.lerp(to: b, passed.0), a.lerp(to: b, passed.1))
    }

    /// Halos, then discs, then labels: grouped by kind so each group is one draw call (on
    /// llvmpipe a draw call costs more than a small halo), and no halo covers another neuron's disc.
    func drawNeurons(into out: inout [DrawCommand]) {
        var halos: [DrawCommand] = [], discs: [DrawCommand] = [], labels: [DrawCommand] = []
        let palette = input.palette
        let r = layout.radius
        let showBackward = input.state.phase == .backward && hasTarget && input.explain == nil
        var largestDelta = 0.0
        if showBackward { for d in trace.deltas where d.isFinite { largestDelta = max(largestDelta, abs(d)) } }
        let predicted = predictedOutput
        for layer in 0..<layout.layerSizes.count where !(layer == 0 && layout.padArea != nil) {
            let function = layer == 0 ? Activation.sigmoid : network.activations[layer - 1]
            for index in layout.drawnIndices(layer: layer) {
                let litness = lit(layer: layer, index: index)
                let centre = layout.centres[layer][index]
                let activation = trace.activation(layer: layer, index: index)
                let level = (layer == 0 ? min(abs(activation), 1) : function.displayLevel(activation)) * litness
                if level > 0.02 {
                    halos.append(
                        .glow(
                            center: centre, radius: r * (1.5 + 1.6 * level),
                            color: palette.glow.withAlpha(0.2 + 0.8 * level)))
                }
                if showBackward, largestDelta > 0 {
                    let error = abs(trace.delta(layer: layer, index: index)) / largestDelta
                    if error > 0.02 {
                        halos.append(
                            .glow(
                                center: centre, radius: r * (1.5 + 1.5 * error),
                                color: palette.backwardPulse.withAlpha(0.2 + 0.8 * error)))
                    }
                }
                let isPredicted = layer == layout.layerSizes.count - 1 && index == predicted
                if isPredicted {
                    // The class the network reads is ringed.
                    discs.append(.disc(center: centre, radius: r + 4, fill: palette.glow, rim: nil))
                }
                discs.append(
                    .disc(
                        center: centre, radius: r, fill: palette.neuronFill.mix(palette.glow, 0.9 * level),
                        rim: palette.neuronRim))
                // A staggered layer's neighbours sit where labels would: its values show on hover.
                let labelled = layer == layout.layerSizes.count - 1 ? layout.labelsOutputs : layout.showsNeuronLabels
                guard labelled, !layout.staggeredLayers.contains(layer) else { continue }
                // Inputs are written as the user's file holds them (the network may see them scaled).
                let shown = layer == 0 ? input.rawInput(index, activation) : activation
                let valueText = litness > 0.5 ? formatValue(shown) : "…"
                if layer == 0 {
                    labels.append(
                        .text(
                            valueText, at: Point(centre.x - r - 6, centre.y), size: .normal, color: palette.text,
                            align: .rightMiddle))
                } else {
                    labels.append(
                        .text(
                            valueText, at: Point(centre.x + r + 6, centre.y), size: .normal, color: palette.text,
                            align: .leftMiddle))
                    let showsClassBar =
                        layer == layout.layerSizes.count - 1 && layout.layerSizes[layer] > 2
                        && input.plan.dataSet.classNames != nil
                    if layer == layout.layerSizes.count - 1, let name = outputName(index) {
                        // Named classes: each output says which class it stands for, in its colour.
                        let outputs = layout.layerSizes[layer]
                        let colour = MapPainter.classColor(outputs == 1 ? 1 : index, outputs: outputs, palette: palette)
                        let nameAt =
                            showsClassBar ? Point(centre.x + r + 46, centre.y) : Point(centre.x + r + 6, centre.y + 15)
                        labels.append(
                            .text(
                                name, at: nameAt, size: isPredicted ? .large : .small,
                                color: isPredicted ? palette.text : colour, align: .leftMiddle))
                        if showsClassBar, litness > 0.5 {
                            // The class's probability as a bar under its value and name.
                            let bar = Rect(x: centre.x + r + 6, y: centre.y + 10, width: 60, height: 5)
                            labels.append(.rect(bar, palette.neuronFill))
                            labels.append(
                                .rect(
                                    Rect(
                                        x: bar.x, y: bar.y, width: bar.width * min(max(activation, 0), 1),
                                        height: bar.height), colour))
                        }
                    }
                    // With class bars or a class's name under the value, output biases show on
                    // hover (there is no room beneath).
                    let named = layer == layout.layerSizes.count - 1 && outputName(index) != nil
                    // Under a tiny disc the bias would touch the value beside it: it shows on hover.
                    if !showsClassBar, !named, layout.showsNeuronLabels, layout.biasLabelLayers.contains(layer),
                        let b = network.bias(layer: layer - 1, neuron: index)
                    {
                        labels.append(
                            .text(
                                "b " + formatSigned(b), at: Point(centre.x, centre.y + r + 3), size: .small,
                                color: palette.color(forWeight: b), align: .center))
                    }
                }
            }
        }
        out += halos + discs + labels
    }
}

extension ThinkingPainter {
    /// The output neuron of the class the network reads, for sets of three or more named classes
    /// once the forward pulse has reached the outputs; else nil.
    var predictedOutput: Int? {
        let outputs = trace.outputs
        guard let classes = input.plan.dataSet.classNames, classes.count > 2, outputs.count == classes.count,
            lit(layer: layout.layerSizes.count - 1) > 0.5
        else { return nil }
        return outputs.indices.max { outputs[$0] < outputs[$1] }
    }

    /// The class output `index` stands for, when the data names its classes (one sigmoid output
    /// stands for the second class, against the first).
    func outputName(_ index: Int) -> String? {
        guard let classes = input.plan.dataSet.classNames else { return nil }
        if classes.count == 2 { return "\(classes[1]) (vs \(classes[0]))" }
        return index < classes.count ? classes[index] : nil
    }
}

/// Two decimals, as the picture labels neuron values.
func formatValue(_ v: Double) -> String {
    guard v.isFinite else { return "nan" }
    let scaled = (v * 100).rounded() / 100
    var text = String(scaled)
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        if decimals > 2 { text = String(text[..<text.index(dot, offsetBy: 3)]) }
    }
    return text == "-0.00" ? "0.00" : text
}

func formatSigned(_ v: Double) -> String { v >= 0 ? "+" + formatValue(v) : formatValue(v) }

/// 12345 → "12,345".
func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (k, c) in digits.enumerated() {
        if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
