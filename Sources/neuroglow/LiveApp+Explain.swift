import NeuralCore
import Scene
import SDLPlatform

/// Explain mode in the live window (E): playback pauses on the shown keyframe and example, and
/// one training step on that example is told stage by stage, one frame of its pace per frame.
struct LiveExplain {
    var explanation: Explanation
    var cursor: ExplainCursor
    /// Whether playback was paused before E (it resumes on leaving only if it was not).
    let playbackWasPaused: Bool
    /// Space holds the explanation on its stage.
    var isHeld = false
    /// The network explained: 0, or 1 for `--compare`'s second.
    var network = 0

    var view: ExplainView { ExplainView(explanation: explanation, stage: cursor.stage, progress: cursor.progress) }
}

extension LiveApp {
    /// E: starts explaining the step the network on screen would take on the shown example (with
    /// `--compare`, the network last pointed at), or leaves.
    func toggleExplain() {
        if explain == nil { startExplaining(network: interaction.hoveredNetwork) } else { stopExplaining() }
    }

    /// Explains network `n` (0, or 1 for the second compared network), pausing playback.
    private func startExplaining(network n: Int, focus: NeuronID? = nil) {
        interaction.userInput = nil
        let wasPaused = explain?.playbackWasPaused ?? clock.isPaused
        explain = nil
        let first = sceneInput()
        let explained = n == 1 && first.secondInput != nil ? 1 : 0
        let scene = explained == 1 ? first.secondInput! : first
        let plan = scene.plan
        let example = scene.state.example % plan.dataSet.count
        let step = LearningStep(
            network: scene.displayedNetwork, input: plan.dataSet.input(example), target: plan.dataSet.target(example),
            loss: plan.training.loss, learningRate: plan.training.learningRate)
        let explanation = Explanation(
            step: step, focus: focus, training: plan.training, outputClasses: plan.dataSet.outputClasses)
        var cursor = ExplainCursor(stageCount: explanation.stages.count)
        if let focus { cursor.jump(toStage: explanation.stages.firstIndex(of: .forward(focus)) ?? 0) }
        explain = LiveExplain(
            explanation: explanation, cursor: cursor, playbackWasPaused: wasPaused, network: explained)
        clock.pause()
        announceExplainStage()
    }

    func stopExplaining() {
        guard let explain else { return }
        self.explain = nil
        if !explain.playbackWasPaused { clock.togglePause() }
        events.explain(stage: "off")
    }

    /// One frame of the explanation's pace (Update).
    func advanceExplaining() {
        guard var state = explain, !state.isHeld else { return }
        let before = state.cursor.stage
        state.cursor.advance()
        explain = state
        if state.cursor.stage != before { announceExplainStage() }
    }

    /// The keys explain mode takes over; false for a key it leaves to the normal handling.
    func handleExplainKey(_ key: InputEvents.KeyPress) -> Bool {
        guard var state = explain else { return false }
        let before = state.cursor.stage
        switch key.key {
        case .letter("e"), .escape:
            stopExplaining()
            return true
        case .right:
            if state.cursor.stage == state.cursor.stageCount - 1 {
                stopExplaining()
                return true
            }
            state.cursor.next()
        case .left: state.cursor.previous()
        case .plus: state.cursor.faster()
        case .minus: state.cursor.slower()
        case .space: state.isHeld.toggle()
        default: return false
        }
        explain = state
        if state.cursor.stage != before { announceExplainStage() }
        return true
    }

    /// A click on a neuron while explaining follows that neuron: its forward stage, or in a large
    /// network the path through it. Returns whether the click was taken.
    func explainClick(on neuron: NeuronID, network: Int = 0) -> Bool {
        guard var state = explain, neuron.layer > 0 else { return explain != nil }
        if network != state.network {
            // The other compared network: explain its own step, following that neuron.
            startExplaining(network: network, focus: neuron)
            return true
        }
        let training = network == 1 ? presenter.compared?.second.training ?? plan.training : plan.training
        let explanation = Explanation(
            step: state.explanation.step, focus: neuron, training: training,
            outputClasses: state.explanation.outputClasses)
        state.explanation = explanation
        state.cursor = ExplainCursor(stageCount: explanation.stages.count, framesPerStage: state.cursor.framesPerStage)
        state.cursor.jump(toStage: explanation.stages.firstIndex(of: .forward(neuron)) ?? 0)
        explain = state
        announceExplainStage()
        return true
    }

    private func announceExplainStage() {
        guard let state = explain else { return }
        let stage = state.explanation.stages[state.cursor.stage]
        let subject = state.explanation.subject(of: stage)
        events.explain(stage: stage.name, layer: subject.layer, index: subject.index)
    }
}
