import NeuralCore
import Playback
import Session

/// Builds a frame's picture from a `SceneInput`: a pure function, no SDL, no clock.
public enum SceneBuilder {
    public static func build(_ input: SceneInput) -> SceneFrame {
        let network = input.displayedNetwork
        let example = input.shownExample
        let values = input.thoughtInputs
        let target = example.map { input.plan.dataSet.target($0) }
        let trace: Trace
        if let target {
            trace = network.trace(input: values, target: target, loss: input.plan.training.loss)
        } else {
            var forward = Trace(layout: network.layout)
            network.forward(values, into: &forward)
            trace = forward
        }
        let thinking = ThinkingPainter(input: input, network: network, trace: trace, hasTarget: target != nil)
        let explaining = input.explain.map { ExplainPainter(input: input, view: $0) }
        let mapping = input.layout.mapArea.flatMap { area in
            input.layout.mapRanges.map { ranges in
                MapPainter(
                    input: input, network: network, sample: PlaneSample(network: network, ranges: ranges), map: area)
            }
        }
        var overlay: [DrawCommand] = []
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
        let hud = HUDPainter(input: input, network: network, trace: trace, example: example, target: target)
        hud.draw(into: &overlay)
        let timeline = TimelinePainter(input: input)
        timeline.draw(into: &overlay)
        var liveOnly: [DrawCommand] = []
        timeline.drawLiveOnly(into: &liveOnly)
        hud.drawLiveOnly(into: &liveOnly)
        OverlayPainter(input: input, network: network, trace: trace, map: mapping).draw(into: &overlay)
        if let explaining { explaining.drawCard(into: &overlay) }
        return SceneFrame(
            background: input.palette.background, synapses: synapseDrawing(input, network),
            overlay: overlay, liveOnly: liveOnly, hud: hud.values)
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
                bounds: layout.synapseBounds, isPinned: k == 0
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
