import NeuralCore
import Playback

/// What sits above the network: the hover card, banners and the help overlay.
struct OverlayPainter {
    let input: SceneInput
    let network: Network
    let trace: Trace
    /// The decision map, when the network has one: a hovered neuron's card shows its map enlarged.
    var map: MapPainter? = nil
    /// The other compared network's drawing pad, which the omission note keeps clear of too.
    var otherPad: Rect? = nil

    /// The side of a neuron's map in its hover card.
    static let cardMapSide = 120.0

    /// The help overlay when it is shown: its box and what draws it.
    var help: (box: Rect, commands: [DrawCommand])? {
        guard input.showHelp else { return nil }
        return HelpPanel(entries: HelpPanel.entries(drawing: layout.padArea != nil, widths: input.weightScaleMode))
            .layout(width: layout.width, height: layout.height, palette: palette)
    }

    private var palette: Palette { input.palette }
    private var layout: SceneLayout { input.layout }

    /// The banners, the note on what a large network's picture leaves out, and `hoverCard` (this
    /// network's or, compared, the other's) above them; the help goes above everything (`help`).
    func draw(into out: inout [DrawCommand], hoverCard: HoverCard?) {
        var banners: [(String, Color)] = []
        if input.showsDivergence, let at = input.progress.divergedAtIteration {
            banners.append(
                (
                    "the network diverged at iteration \(grouped(at)) — lower the learning rate; Home to restart",
                    palette.alert
                ))
        } else if input.showsTraining {
            banners.append(("training… (iteration \(grouped(input.progress.trainerIteration)))", palette.glow))
        }
        if input.isScrubbing && layout.drawnSynapseCount > SynapseEncoding.directDrawingLimit {
            banners.append(
                (
                    "scrubbing: the strongest synapses only; all of them when let go",
                    palette.dimText
                ))
        }
        if let notice = input.notice { banners.append((notice, palette.alert)) }
        for (k, banner) in banners.enumerated() {
            out.append(
                .text(
                    banner.0,
                    at: Point(
                        TextSize.normal.estimatedWidth(of: banner.0) <= layout.bannerWidth
                            ? layout.bannerCentreX : Double(layout.width) / 2,
                        layout.hudTop.maxY + 4 + 20 * Double(k)),
                    size: .normal, color: banner.1, align: .center))
        }
        // What the picture leaves out of a large network, said on screen.
        let omissions =
            (layout.isThinned ? ["large layers: \(layout.drawnNeuronsPerLayer) neurons of each drawn"] : [])
            + (layout.synapseThinningNote.map { [$0] } ?? [])
        if !omissions.isEmpty {
            // Centred, or in the widest stretch of its row beside the pads whose images or hints
            // it meets (small windows); in narrow stretches the longest form that fits.
            let y = layout.hudBottom.y - 4, hintFoot = 6 + 1.17 * Double(TextSize.small.rawValue)
            let pads = [layout.padArea, otherPad].compactMap { $0 }
                .filter { y < $0.maxY + hintFoot && y + 15 > $0.y }.sorted { $0.x < $1.x }
            let edges = [16.0] + pads.flatMap { [$0.x - 8, $0.maxX + 8] } + [Double(layout.width) - 16]
            let stretches = stride(from: 0, to: edges.count, by: 2).map { edges[$0]...max(edges[$0 + 1], edges[$0]) }
            let widest = stretches.max { $0.upperBound - $0.lowerBound < $1.upperBound - $1.lowerBound }!
            let notes = [(omissions + ["the strongest signals pulse"]).joined(separator: ", ")] + omissions.reversed()
            if let note = TextSize.small.firstFitting(notes, within: widest.upperBound - widest.lowerBound) {
                let half = TextSize.small.estimatedWidth(of: note) / 2
                let x = min(max(Double(layout.width) / 2, widest.lowerBound + half), widest.upperBound - half)
                out.append(.text(note, at: Point(x, y), size: .small, color: palette.dimText, align: .center))
            }
        }
        out += hoverCard?.commands ?? []
    }

    /// A hover card: where it lies and what draws it.
    typealias HoverCard = (box: Rect, commands: [DrawCommand])

    /// The hovered element's card; none in explain mode, whose own card it would cover.
    var hoverCard: HoverCard? {
        guard let hovered = input.hovered, input.explain == nil else { return nil }
        return card(for: hovered)
    }

    /// The lines of the hover card: a neuron's Σ w·x + b → f(…) with live numbers, or a synapse's weight and signal.
    func cardLines(for target: HoverTarget) -> [String] { cardLines(for: target, listing: 8, picture: true) }

    /// The card's lines with at most `listing` of a neuron's inputs written out; `picture`: a
    /// first-layer neuron's receptive field is shown below them.
    private func cardLines(for target: HoverTarget, listing: Int, picture: Bool) -> [String] {
        switch target {
        case let .neuron(id):
            let value = trace.activation(layer: id.layer, index: id.index)
            if id.layer == 0 {
                var lines = [neuronTitle(id), "value \(formatValue(input.rawInput(id.index, value)))"]
                if input.plan.inputScaling != nil {
                    lines.append("the network sees \(formatValue(value)) (standardised)")
                }
                return lines + ["click to toggle, wheel to change"]
            }
            let l = id.layer - 1
            let function = network.activations[l]
            var lines = [neuronTitle(id)]
            let fanIn = network.layout.layerSizes[l]
            let listed = l == 0 && layout.image != nil ? 0 : min(fanIn, listing)
            if listed == 0 {
                let pixels = l == 0 && layout.image != nil
                lines.append(
                    "  \(fanIn) \(pixels ? "pixels" : "inputs") × their weights\(pixels && picture ? " (below)" : "")")
            }
            for i in 0..<listed {
                lines.append(
                    "  \(formatSigned(network.weight(layer: l, to: id.index, from: i))) × "
                        + "\(formatValue(trace.activation(layer: l, index: i)))"
                )
            }
            if listed > 0, fanIn > listed { lines.append("  … \(fanIn - listed) more inputs") }
            if let b = network.bias(layer: l, neuron: id.index) { lines.append("  \(formatSigned(b))  bias") }
            let sum = trace.sum(layer: id.layer, index: id.index)
            lines.append("Σ = \(formatValue(sum))")
            // A softmax output depends on every output's sum, not on its own alone.
            lines.append(
                function == .softmax
                    ? "softmax: e^\(formatValue(sum)) / Σ e^z = \(formatValue(value))"
                    : "\(function.rawValue)(\(formatValue(sum))) = \(formatValue(value))")
            return lines
        case let .synapse(id):
            let w = network.weight(layer: id.layer, to: id.to, from: id.from)
            let a = trace.activation(layer: id.layer, index: id.from)
            var lines = [
                synapseTitle(id), "weight \(formatSigned(w))",
                "signal \(formatValue(a)) × \(formatSigned(w)) = \(formatSigned(a * w))",
            ]
            let k = input.shownKeyframe
            if k > 0, k < input.progress.readyKeyframeCount {
                let before = input.progress.keyframes[k - 1].weight(layer: id.layer, to: id.to, from: id.from)
                let now = input.progress.keyframes[k].weight(layer: id.layer, to: id.to, from: id.from)
                lines.append("last change \(formatSigned(now - before))")
            }
            return lines
        }
    }

    /// A hovered neuron's card title: an input by its number and the data's name for it (when
    /// the data names it: a CSV's header, the 2-D sets' x and y), an output by the class it
    /// stands for or else by its number, any other neuron by its layer and number. A name too
    /// long for the window is shortened with "…".
    func neuronTitle(_ id: NeuronID) -> String {
        let data = input.plan.dataSet
        let room = Double(layout.width) - 36
        if id.layer == 0 {
            let name = data.inputNames[id.index], number = "input \(id.index + 1)"
            guard name != "x\(id.index + 1)" else { return number }
            return TextSize.normal.shortened(name, within: room) { "\(number): \($0)" } ?? number
        }
        guard id.layer == network.layout.layerCount - 1 else { return "layer \(id.layer), neuron \(id.index + 1)" }
        // Named as explain mode names them (`Explanation`), so a card and an explained stage agree.
        let numbered = "output \(id.index + 1)"
        guard let classes = data.outputClasses else { return numbered }
        return TextSize.normal.shortened(classes[id.index], within: room) { "output \"\($0)\"" } ?? numbered
    }

    /// "synapse input 2 → 1.3", "synapse 1.3 → output \"7\"": an input and an output as their own
    /// cards name them, a hidden neuron as layer.neuron (1-based); from an image's cell, "pixel
    /// row 3, column 5 → 1.7".
    private func synapseTitle(_ id: SynapseID) -> String {
        func end(_ neuron: NeuronID) -> String {
            if neuron.layer == 0 { return "input \(neuron.index + 1)" }
            if neuron.layer == network.layout.layerCount - 1 { return neuronTitle(neuron) }
            return "\(neuron.layer).\(neuron.index + 1)"
        }
        let to = end(NeuronID(layer: id.layer + 1, index: id.to))
        if id.layer == 0, let image = layout.image {
            return "pixel row \(id.from / image.width + 1), column \(id.from % image.width + 1) → \(to)"
        }
        return "synapse \(end(NeuronID(layer: id.layer, index: id.from))) → \(to)"
    }

    private func card(for target: HoverTarget) -> HoverCard {
        var out: [DrawCommand] = []
        let anchor: Point
        switch target {
        case let .neuron(id): anchor = layout.centres[id.layer][id.index]
        case let .synapse(id):
            anchor = layout.centres[id.layer][id.from].lerp(to: layout.centres[id.layer + 1][id.to], 0.5)
        }
        // Enlarged: a neuron's map over the plane, or a first-layer neuron's receptive field.
        var neuronMap: PixelImage? = nil
        if case let .neuron(id) = target, id.layer > 0, let map {
            neuronMap = map.neuronImage(layer: id.layer, index: id.index)
        }
        if case let .neuron(id) = target, id.layer == 1, let image = layout.image {
            neuronMap = ImagePainter.receptiveField(network: network, neuron: id.index, image: image, palette: palette)
        }
        // A card taller than the window lists fewer inputs, then leaves out the picture; one
        // wider than the window is written small.
        let room = Double(layout.height) - 16
        func cardHeight(_ lines: [String], lineHeight: Double) -> Double {
            12 + lineHeight * Double(lines.count) + (neuronMap == nil ? 0 : Self.cardMapSide + 8)
        }
        var lines = cardLines(for: target)
        var listing = 8
        while cardHeight(lines, lineHeight: 19) > room && listing > 0 {
            listing -= 1
            lines = cardLines(for: target, listing: listing, picture: true)
        }
        if cardHeight(lines, lineHeight: 19) > room {
            neuronMap = nil
            lines = cardLines(for: target, listing: listing, picture: false)
        }
        let longest = lines.map { TextSize.normal.estimatedWidth(of: $0) }.max() ?? 0
        let size: TextSize = longest + 20 <= Double(layout.width) - 16 ? .normal : .small
        let lineHeight = size == .normal ? 19.0 : 15.0
        let width = min(max(230, lines.map { size.estimatedWidth(of: $0) }.max()! + 20), Double(layout.width) - 16)
        let height = cardHeight(lines, lineHeight: lineHeight)
        var x = anchor.x + layout.radius + 14, y = anchor.y - height / 2
        if x + width > Double(layout.width) - 8 { x = anchor.x - layout.radius - 14 - width }
        x = min(max(x, 8), Double(layout.width) - width - 8)
        y = min(max(y, 8), Double(layout.height) - height - 8)
        let box = Rect(x: x, y: y, width: width, height: height)
        out.append(.rect(box, palette.panel))
        out.append(.frame(box, palette.neuronRim))
        for (k, line) in lines.enumerated() {
            out.append(
                .text(
                    line, at: Point(x + 10, y + 6 + lineHeight * Double(k)), size: size, color: palette.text,
                    align: .left)
            )
        }
        if let neuronMap {
            let side = Self.cardMapSide
            let area = Rect(x: x + (width - side) / 2, y: y + height - side - 10, width: side, height: side)
            out.append(.image(neuronMap, in: area))
            out.append(.frame(area, palette.neuronRim))
        }
        return (box, out)
    }
}
