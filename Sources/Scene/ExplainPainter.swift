import NeuralCore

/// Draws explain mode: the neurons and synapses the current stage is about, lit, and a card
/// beside them with the stage's arithmetic on the real numbers.
struct ExplainPainter {
    let input: SceneInput
    let view: ExplainView

    private var layout: SceneLayout { input.layout }
    private var palette: Palette { input.palette }
    private var explanation: Explanation { view.explanation }
    private var step: LearningStep { explanation.step }

    /// The card's padding, and its lines' height at each text size.
    static let padding = 10.0
    static func lineHeight(_ size: TextSize) -> Double { size == .normal ? 19 : 15 }

    /// Light on the synapses the stage uses, drawn under the neurons.
    func drawHighlights(into out: inout [DrawCommand]) {
        // Lit at once (a held or just-jumped-to stage is at progress 0), then brightening.
        let fadeIn = 0.5 + 0.5 * min(view.progress / 0.15, 1)
        switch view.current {
        case .forward(let neuron):
            let l = neuron.layer - 1
            let products = (0..<step.before.layout.layerSizes[l]).map { i in
                abs(step.before.weight(layer: l, to: neuron.index, from: i) * step.trace.activation(layer: l, index: i))
            }
            let largest = max(products.max() ?? 0, 1e-12)
            for i in layout.drawnIndices(layer: l) {
                let strength = products[i] / largest
                out.append(
                    .line(
                        from: layout.centres[l][i], to: layout.centres[neuron.layer][neuron.index],
                        width: 1 + 4 * strength,
                        color: palette.forwardPulse.withAlpha(fadeIn * (0.25 + 0.75 * strength)),
                        dashed: false))
            }
            glow(neuron, palette.glow, into: &out)
        case .error:
            for j in explanation.path[explanation.path.count - 1] {
                glow(NeuronID(layer: explanation.path.count - 1, index: j), palette.alert, into: &out)
            }
        case .backward(let layer):
            for j in explanation.path[layer] {
                glow(NeuronID(layer: layer, index: j), palette.backwardPulse, into: &out)
                guard layer < layout.layerSizes.count - 1 else { continue }
                for k in explanation.path[layer + 1] {
                    out.append(
                        .line(
                            from: layout.centres[layer + 1][k], to: layout.centres[layer][j], width: 2.5,
                            color: palette.backwardPulse.withAlpha(0.8 * fadeIn), dashed: false))
                }
            }
        case .update:
            for s in explanation.largestChanges {
                out.append(
                    .line(
                        from: layout.centres[s.layer][s.from], to: layout.centres[s.layer + 1][s.to], width: 3,
                        color: palette.glow.withAlpha(0.5 * fadeIn), dashed: false))
            }
        }
    }

    private func glow(_ neuron: NeuronID, _ color: Color, into out: inout [DrawCommand]) {
        out.append(.glow(center: layout.centres[neuron.layer][neuron.index], radius: layout.radius * 3, color: color))
    }

    /// The stage's banner and its card, above everything but the help overlay.
    func drawCard(into out: inout [DrawCommand]) {
        let card = cardText
        let (title, lines, size) = (card.title, card.lines, card.size)
        let box = cardBox(card)
        let discs = layout.layerSizes.indices.filter { $0 > 0 || layout.padArea == nil }.flatMap { l -> [Rect] in
            layout.drawnIndices(layer: l).map { i in
                let c = layout.centres[l][i], r = layout.radius
                return Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r)
            }
        }
        // What labels and the banner must stay clear of: every text so far, every neuron. The
        // banner goes first (it names the stage); the labels then keep clear of it too.
        var taken = out.compactMap(\.estimatedTextBox) + discs
        if let banner = banner(clearOf: taken) {
            out.append(banner)
            taken.append(banner.estimatedTextBox!)
        }
        if view.current == .update {
            // Each listed weight's Δw, written on its synapse where the card does not cover it and
            // no neuron or other label is (a neuron's bias, another Δw).
            let card = Rect(x: box.x - 48, y: box.y - 14, width: box.width + 96, height: box.height + 28)
            for s in explanation.largestChanges {
                let from = layout.centres[s.layer][s.from], to = layout.centres[s.layer + 1][s.to]
                let text =
                    "Δw " + formatExplained(step.weightChange(layer: s.layer, to: s.to, from: s.from), signed: true)
                let places = [0.2, 0.35, 0.5, 0.65, 0.8, 0.27, 0.42, 0.58, 0.73].map { from.lerp(to: to, $0) }
                    .filter { !card.contains($0) }
                    .map {
                        DrawCommand.text(
                            text, at: Point($0.x, $0.y - 9), size: .small, color: palette.glow, align: .center)
                    }
                // (Where every place meets a label, the card's list still gives the change.)
                let clear = places.first { place in !taken.contains { $0.intersects(place.estimatedTextBox!) } }
                guard let label = clear else { continue }
                out.append(label)
                taken.append(label.estimatedTextBox!)
            }
        }
        if case .backward(let layer) = view.current, layout.showsNeuronLabels {
            // Each δ over its neuron, or under it, where neither the card (it lists them too), a
            // neuron nor another label is.
            for j in explanation.path[layer] {
                let centre = layout.centres[layer][j]
                let text = "δ " + formatExplained(step.trace.delta(layer: layer, index: j), signed: true)
                let label = [centre.y - layout.radius - 16, centre.y + layout.radius + 2].map {
                    DrawCommand.text(
                        text, at: Point(centre.x, $0), size: .small, color: palette.backwardPulse, align: .center)
                }.first { place in
                    let placed = place.estimatedTextBox!
                    return !box.intersects(placed) && !taken.contains { $0.intersects(placed) }
                }
                guard let label else { continue }
                out.append(label)
                taken.append(label.estimatedTextBox!)
            }
        }
        // The card last, over whatever labels it meets.
        out.append(.rect(box, palette.panel))
        out.append(.frame(box, palette.glow))
        out.append(
            .text(
                title, at: Point(box.x + Self.padding, box.y + Self.padding - 2), size: size, color: palette.glow,
                align: .left))
        for (k, line) in lines.enumerated() {
            out.append(
                .text(
                    line, at: Point(box.x + Self.padding, box.y + Self.padding + Self.lineHeight(size) * Double(k + 1)),
                    size: size, color: palette.text, align: .left))
        }
    }

    /// The stage, what is followed and the keys, in the banner row (`SceneLayout.bannerSpan`): the
    /// longest form, centred, at the left or at the right, that meets none of `taken` (the top
    /// neurons' discs and labels); small windows and a map beside the network leave less room.
    /// Nil where no form fits (the card's title still names the stage).
    private func banner(clearOf taken: [Rect]) -> DrawCommand? {
        let stage = "explain \(view.stage + 1)/\(explanation.stages.count): \(view.current.name)"
        let path = explanation.followsPath ? " · following one path (click a neuron to follow it)" : ""
        let keys = " · → next  ← back  + − pace  E leave"
        let span = layout.bannerSpan, y = layout.hudTop.maxY + 4
        let compact = "\(view.stage + 1)/\(explanation.stages.count) \(view.current.name)"
        let placed = [stage + path + keys, stage + path, stage + keys, stage, compact].flatMap { text in
            let half = TextSize.normal.estimatedWidth(of: text) / 2
            return [span.x + span.width / 2, span.x + half, span.x + span.width - half].map {
                DrawCommand.text(text, at: Point($0, y), size: .normal, color: palette.glow, align: .center)
            }
        }
        return placed.first { command in
            let box = command.estimatedTextBox!
            return box.x >= span.x - 0.5 && box.maxX <= span.x + span.width + 0.5
                && !taken.contains { $0.intersects(box) }
        }
    }

    /// What the card says and at which size: normal text, or small where normal lines would
    /// not fit the window's width; a line still too wide is broken after its last ", " that
    /// leaves a first part that fits, the rest indented (the update stage's "…, w old → new").
    struct CardText {
        let title: String
        let lines: [String]
        let size: TextSize
    }

    var cardText: CardText {
        let smallest = ExplainView.smallestWindow
        guard layout.width >= smallest.width && layout.height >= smallest.height else {
            // The stage's neurons and synapses are still lit; the card says what it needs.
            let title = "explain \(view.stage + 1)/\(explanation.stages.count): \(view.current.name)"
            let size = "\(smallest.width)x\(smallest.height)"
            return CardText(title: title, lines: ["needs a window of \(size)", "or more; E leaves"], size: .small)
        }
        let (title, lines) = explanation.lines(for: view.current)
        let room = Double(layout.width) - 16 - 2 * Self.padding
        let longest = ([title] + lines).map { TextSize.normal.estimatedWidth(of: $0) }.max() ?? 0
        let size: TextSize = longest <= room ? .normal : .small
        let wrapped = lines.flatMap { line -> [String] in
            guard size.estimatedWidth(of: line) > room else { return [line] }
            let breaks = line.ranges(of: ", ").reversed()
            guard let cut = breaks.first(where: { size.estimatedWidth(of: String(line[..<$0.lowerBound])) <= room })
            else { return [line] }
            return [String(line[..<cut.lowerBound]) + ",", "    " + line[cut.upperBound...]]
        }
        return CardText(title: title, lines: wrapped, size: size)
    }

    /// The card's rectangle: beside the stage's neuron, inside the network area's band of the
    /// window, wide enough for its longest line (`TextSize.estimatedWidth`).
    var cardBox: Rect { cardBox(cardText) }

    /// The card's rectangle for this text (the frame writes it once, and sizes the card by it).
    func cardBox(_ card: CardText) -> Rect {
        let longest = ([card.title] + card.lines).map { card.size.estimatedWidth(of: $0) }.max() ?? 0
        let width = min(longest + 2 * Self.padding, Double(layout.width) - 16)
        let height = 2 * Self.padding + Self.lineHeight(card.size) * Double(card.lines.count + 1)
        let subject = explanation.subject(of: view.current)
        let anchor = layout.centres[subject.layer][subject.index]
        // Clear of the neuron's value label on its right (inputs have theirs on the left).
        let gap = layout.radius + (layout.showsNeuronLabels ? 58 : 18)
        var x = anchor.x + gap
        if x + width > Double(layout.width) - 8 { x = anchor.x - gap - width }
        x = min(max(x, 8), Double(layout.width) - width - 8)
        let top = layout.hudTop.maxY + 26, bottom = layout.hudBottom.y - 4
        let y = min(max(anchor.y - height / 2, top), max(bottom - height, top))
        return Rect(x: x, y: y, width: width, height: height)
    }
}
