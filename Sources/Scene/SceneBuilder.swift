import NeuralCore
import Playback
import Session

/// Builds a frame's picture from a `SceneInput`: a pure function, no SDL, no clock.
public enum SceneBuilder {
    public static func build(_ input: SceneInput) -> SceneFrame {
        let first = NetworkPicture(input.firstInput)
        let second = input.secondInput.map(NetworkPicture.init)
        var overlay: [DrawCommand] = []
        first.draw(into: &overlay)
        if let second, let comparison = input.comparison {
            second.draw(into: &overlay)
            // Captions in the outer corners, clear of the banners across the middle; where side by
            // side they would reach past the middle, small, and in the smallest windows only their
            // ends ("…rate=3": what differs is at the end).
            // Side by side, each caption keeps to its side of the middle.
            let half = Double(input.layout.width) / 2, secondLayout = comparison.layout
            let room =
                secondLayout.slot?.stacked == false
                ? min(half - 8 - input.layout.networkArea.x, secondLayout.networkArea.maxX - half - 8)
                : half - 8 - input.layout.networkArea.x
            let captions = [comparison.captions.first, comparison.captions.second]
            let size: TextSize =
                captions.allSatisfy { TextSize.normal.estimatedWidth(of: $0) <= room } ? .normal : .small
            let pictures = zip([first, second], captions.map { Self.ending(of: $0, size: size, within: room) })
            for (k, (picture, caption)) in pictures.enumerated() {
                let area = picture.input.layout.networkArea
                let right = k == 1 && picture.input.layout.slot?.stacked == false
                overlay.append(
                    .text(
                        caption, at: Point(right ? area.maxX : area.x, area.y - SceneLayout.captionHeight),
                        size: size, color: k == 0 ? input.palette.glow : ComparedInput.curveColor,
                        align: right ? .right : .left))
            }
        }
        let hud = HUDPainter(
            input: input, network: first.network, trace: first.trace, example: first.example, target: first.target)
        hud.draw(into: &overlay)
        if let second { hud.drawComparison(outputs: second.trace.outputs, into: &overlay) }
        let timeline = TimelinePainter(input: input)
        timeline.draw(into: &overlay)
        var liveOnly: [DrawCommand] = []
        timeline.drawLiveOnly(into: &liveOnly)
        hud.drawLiveOnly(into: &liveOnly)
        let painter = OverlayPainter(
            input: first.input, network: first.network, trace: first.trace, map: first.mapping,
            otherPad: second?.input.layout.padArea)
        let card =
            painter.hoverCard
            ?? second.flatMap {
                OverlayPainter(input: $0.input, network: $0.network, trace: $0.trace, map: nil).hoverCard
            }
        painter.draw(into: &overlay, hoverCard: card)
        if let explaining = first.explaining ?? second?.explaining { explaining.drawCard(into: &overlay) }
        let help = painter.help
        overlay += help?.commands ?? []
        // The live-only marks come after everything recorded: they keep off the card and the help.
        for box in [card?.box, help?.box].compactMap({ $0 }) {
            liveOnly = liveOnly.flatMap { $0.keepingOutside(box) }
        }
        let synapses: SynapseDrawing
        if let second {
            // Two networks in one frame: each drawn directly, large ones their strongest lines
            // (`comparedBudget`) — cached layers hold one network.
            synapses = .direct(
                comparedSynapses(first.input, first.network) + comparedSynapses(second.input, second.network))
        } else {
            synapses = synapseDrawing(input, first.network)
        }
        return SceneFrame(
            background: input.palette.background, synapses: synapses, overlay: overlay, liveOnly: liveOnly,
            hud: hud.values)
    }

    /// One of two compared networks' synapse lines.
    static func comparedSynapses(_ input: SceneInput, _ network: Network) -> [DrawCommand] {
        let layout = input.layout
        let budget = SynapseEncoding.comparedBudget
        return SynapseEncoding.lines(
            network: network, scale: input.weightScale(for: network), layout: layout, palette: input.palette,
            dashedNegative: input.dashedNegative,
            budget: layout.drawnSynapseCount > SynapseEncoding.directDrawingLimit / 2 ? budget : nil)
    }

    static func synapseDrawing(_ input: SceneInput, _ network: Network) -> SynapseDrawing {
        let layout = input.layout, palette = input.palette, dashed = input.dashedNegative
        if layout.drawnSynapseCount <= SynapseEncoding.directDrawingLimit || input.isScrubbing || input.explain != nil {
            // While the timeline is dragged every frame may show another keyframe, and explain
            // mode eases the weights of one step: too many pictures for cached layers, so large
            // networks show their strongest synapses, drawn directly.
            return .direct(
                SynapseEncoding.lines(
                    network: network, scale: input.weightScale(for: network), layout: layout, palette: palette,
                    dashedNegative: dashed,
                    budget: input.isScrubbing || input.explain != nil ? SynapseEncoding.scrubbingBudget : nil))
        }
        func layer(_ k: Int) -> SynapseLayer {
            let keyframeNetwork =
                input.progress.keyframes.isEmpty ? input.plan.initialNetwork : input.progress.keyframes[k]
            let scale = input.weightScale(ofKeyframe: k)
            return SynapseLayer(
                key: "k\(k) \(palette.name.rawValue) \(layout.width)x\(layout.height) \(dashed) w\(scale)",
                bounds: layout.synapseBounds, isPinned: k == 0, covered: layout.padArea?.wholePixelsInside
            ) {
                SynapseEncoding.lines(
                    network: keyframeNetwork, scale: scale, layout: layout, palette: palette, dashedNegative: dashed)
            }
        }
        let k = input.shownKeyframe
        let ready = input.progress.readyKeyframeCount
        let easing = input.state.phase == .ease && k + 1 < ready
        // The layer the next ease needs: while this one eases into k + 1, already k + 2's, so the
        // drawing ahead spreads over the whole beat, the ease's frames included.
        let next = easing ? k + 2 : k + 1
        let upcoming =
            next < ready && !input.state.isSessionOver
            ? UpcomingLayer(
                layer: layer(next), framesLeft: input.timeline.framesUntilEase(fromFrame: input.state.frame)) : nil
        return .cached(
            layer(k), fadingTo: easing ? layer(k + 1) : nil, amount: easing ? input.state.easeAmount : 0,
            upcoming: upcoming)
    }
}

/// One network's part of a frame: what it thinks about and how it is drawn (pulses, neurons,
/// the pad or the map), computed once.
struct NetworkPicture {
    let input: SceneInput
    /// The network on screen (mixed afresh on every access of `displayedNetwork` while easing).
    let network: Network
    let example: Int?
    let target: [Double]?
    let trace: Trace
    let thinking: ThinkingPainter
    let explaining: ExplainPainter?
    let mapping: MapPainter?

    init(_ input: SceneInput) {
        self.input = input
        network = input.displayedNetwork
        example = input.shownExample
        let values = input.thoughtInputs
        target = example.map { input.plan.dataSet.target($0) }
        if let target {
            trace = network.trace(input: values, target: target, loss: input.plan.training.loss)
        } else {
            var forward = Trace(layout: network.layout)
            network.forward(values, into: &forward)
            trace = forward
        }
        thinking = ThinkingPainter(input: input, network: network, trace: trace, hasTarget: target != nil)
        explaining = input.explain.map { ExplainPainter(input: input, view: $0) }
        let network = network
        mapping = input.layout.mapArea.flatMap { area in
            input.layout.mapRanges.map { ranges in
                MapPainter(
                    input: input, network: network, sample: PlaneSample(network: network, ranges: ranges), map: area)
            }
        }
    }

    /// Pulses (or explain mode's highlights), neurons, and the pad or the map.
    func draw(into overlay: inout [DrawCommand]) {
        if let explaining {
            explaining.drawHighlights(into: &overlay)
        } else {
            thinking.drawPulses(into: &overlay)
        }
        if let pad = input.layout.padArea, let image = input.layout.image {
            let imaging = ImagePainter(
                input: input, network: network, pad: pad, image: image, lit: thinking.lit(layer: 0))
            imaging.drawPad(values: trace.activations[0..<image.cellCount], into: &overlay)
            thinking.drawNeurons(into: &overlay)
            imaging.drawReceptiveFields(into: &overlay)
        } else {
            thinking.drawNeurons(into: &overlay)
        }
        if let mapping {
            mapping.drawNeuronMaps(into: &overlay)
            mapping.drawPanel(into: &overlay)
        }
    }
}

extension SceneBuilder {
    /// `text` if it fits in `room`, else "…" and as much of its end as fits.
    static func ending(of text: String, size: TextSize, within room: Double) -> String {
        var end = Substring(text)
        while !end.isEmpty && size.estimatedWidth(of: end.count < text.count ? "…" + end : String(end)) > room {
            end = end.dropFirst()
        }
        return end.count < text.count ? "…" + end : text
    }
}
