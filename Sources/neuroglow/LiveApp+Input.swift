import NeuralCore
import Scene
import SDLPlatform

/// The Input step: the user's events, mapped to changes of the view and to playback requests.
extension LiveApp {
    /// Applies this frame's events; false when the user asked to quit.
    func handleInput() -> Bool {
        let input = EventPump.poll(scale: canvas.pixelsPerUnit)
        follow(input)
        if input.quit { return false }
        for key in input.keys {
            if handleExplainKey(key) { continue }
            if !handle(key) { return false }
        }
        for click in input.clicks {
            if explain == nil, beginPainting(at: Point(click.x, click.y), erase: click.right) { continue }
            if click.right {
                resetUserInput()
                continue
            }
            if explain != nil {
                // The timeline leaves explain mode for the place clicked; neurons are followed.
                if presenter.layout.timelineArea.contains(Point(click.x, click.y)) {
                    stopExplaining()
                } else {
                    for (n, layout) in presenter.layouts.enumerated() {
                        if let neuron = layout.neuron(at: Point(click.x, click.y)) {
                            _ = explainClick(on: neuron, network: n)
                        }
                    }
                    continue
                }
            }
            if let (network, point) = presenter.layouts.enumerated().lazy.compactMap({ n, layout in
                layout.mapInput(at: Point(click.x, click.y)).map { (n, $0) }
            }).first {
                interaction.pointingInMap = network
                interaction.userInput = point
                announceUserInput(neuron: nil, source: .map)
                continue
            }
            if presenter.layout.timelineArea.contains(Point(click.x, click.y)) {
                interaction.isScrubbing = true
                playbackRequests.append(.seek(frame: sceneInput().timelineStrip.frame(atX: click.x), pausing: false))
                continue
            }
            guard let neuron = inputNeuron(at: click.x, click.y) else { continue }
            interaction.toggle(input: neuron, current: thoughtInputs, ranges: plan.dataSet.inputRanges)
            announceUserInput(neuron: neuron, source: .neuron)
        }
        for wheel in input.wheel where wheel.steps != 0 && explain == nil {
            guard let neuron = inputNeuron(at: wheel.x, wheel.y) else { continue }
            interaction.nudge(
                input: neuron, steps: wheel.steps, current: thoughtInputs, ranges: plan.dataSet.inputRanges)
            announceUserInput(neuron: neuron, source: .neuron)
        }
        followScrubbing(input)
        followMapDrag(input)
        followPainting(input)
        if let pointer = input.pointer { hover(at: Point(pointer.x, pointer.y)) }
        return true
    }

    /// A press on the timeline jumps there; dragging on from it pauses and follows the pointer
    /// until the button is let go (the position stays where it was let go).
    private func followScrubbing(_ input: InputEvents) {
        guard interaction.isScrubbing else { return }
        if let drag = input.leftDrag {
            playbackRequests.append(.seek(frame: sceneInput().timelineStrip.frame(atX: drag.x), pausing: true))
        }
        if input.leftReleased || !input.leftButtonHeld { interaction.isScrubbing = false }
    }

    /// Dragging from a press in the decision map moves the user's point with the pointer.
    private func followMapDrag(_ input: InputEvents) {
        guard let network = interaction.pointingInMap else { return }
        let layout = presenter.layouts[min(network, presenter.layouts.count - 1)]
        if let drag = input.leftDrag, let point = layout.mapInput(at: Point(drag.x, drag.y)),
            point != interaction.userInput
        {
            interaction.userInput = point
            announceUserInput(neuron: nil, source: .map)
        }
        if input.leftReleased || !input.leftButtonHeld { interaction.pointingInMap = nil }
    }

    /// Carries out one key of the help overlay; false for the keys that quit.
    private func handle(_ key: InputEvents.KeyPress) -> Bool {
        switch key.key {
        case .escape, .letter("q"): return false
        case .space: playbackRequests.append(.togglePause)
        case .right where key.shift: playbackRequests.append(.jump(keyframes: 10))
        case .left where key.shift: playbackRequests.append(.jump(keyframes: -10))
        case .right: playbackRequests.append(.step(1))
        case .left: playbackRequests.append(.step(-1))
        case .end: playbackRequests.append(.lastReached)
        case .letter("m"): playbackRequests.append(.steepestDrop)
        case .letter("e"): toggleExplain()
        case .plus: playbackRequests.append(.faster)
        case .minus: playbackRequests.append(.slower)
        case .home: playbackRequests.append(.restart)
        case .backspace: resetUserInput()
        case .letter("c"): clearPad()
        case .letter("h"), .f1: interaction.showHelp.toggle()
        case .letter("f"): interaction.showFPS.toggle()
        case .letter("p"): presenter.palette = presenter.palette.next
        case .letter("d"): presenter.dashed.toggle()
        case .letter("w"): presenter.widths = presenter.widths.next
        case .letter("r"): if recording == nil { startRecording() } else { stopRecording(reason: nil) }
        case .letter("s") where key.control: saveModel()
        case .letter("s"): saveScreenshot()
        default: break
        }
        return true
    }

    /// The index of the input neuron drawn at (x, y), in either compared network, if any.
    private func inputNeuron(at x: Double, _ y: Double) -> Int? {
        for layout in presenter.layouts {
            if let neuron = layout.neuron(at: Point(x, y)), neuron.layer == 0 { return neuron.index }
        }
        return nil
    }

    private func hover(at point: Point) {
        interaction.hovered = nil
        for (n, layout) in presenter.layouts.enumerated() {
            if let neuron = layout.neuron(at: point) {
                interaction.hovered = .neuron(neuron)
            } else if let synapse = layout.synapse(at: point, isDrawn: drawnSynapses(in: layout, network: n)) {
                interaction.hovered = .synapse(synapse)
            } else {
                continue
            }
            interaction.hoveredNetwork = n
            return
        }
    }

    /// Which synapses of network `n` the picture draws: in a thinned layer each neuron's strongest.
    private func drawnSynapses(in layout: SceneLayout, network n: Int) -> (SynapseID) -> Bool {
        guard layout.keptSynapsesPerNeuron.contains(where: { $0 != nil }) else { return { _ in true } }
        let scene = sceneInput()
        guard let network = n == 0 ? scene.displayedNetwork : scene.secondDisplayedNetwork else {
            return { _ in false }
        }
        return { synapse in
            guard let count = layout.keptSynapsesPerNeuron[synapse.layer] else { return true }
            return SynapseEncoding.strongestSenders(
                network, layer: synapse.layer, to: synapse.to, among: layout.drawnIndices(layer: synapse.layer),
                keeping: count
            ).contains(synapse.from)
        }
    }

    /// What the network thinks about at the clock's frame: the user's input or the example's
    /// (from the timeline's state, not from the frame drawn last).
    private var thoughtInputs: [Double] { sceneInput().thoughtInputs }

    func resetUserInput() {
        guard interaction.userInput != nil else { return }
        interaction.userInput = nil
        announceUserInput(neuron: nil, source: .reset)
    }

    /// The `input` event: the input now in force and the network's outputs for it at this frame.
    func announceUserInput(neuron: Int?, source: EventLog.InputSource) {
        let scene = sceneInput()
        let inputs = scene.thoughtInputs
        events.input(
            source: source, neuron: neuron, inputs: inputs,
            outputs: scene.displayedNetwork.predict(inputs),
            comparedOutputs: scene.secondDisplayedNetwork?.predict(inputs))
    }
}
