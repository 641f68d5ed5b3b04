import NeuralCore
import Playback
import Session

/// Everything a frame's picture depends on. The scene is a pure function of this value.
public struct SceneInput: Sendable {
    public var layout: SceneLayout
    public var palette: Palette
    public var dashedNegative = false
    public var weightScaleMode = WeightScaleMode.session
    public var plan: SessionPlan
    public var progress: SessionProgress
    public var timeline: Timeline
    public var state: TimelineState
    /// The input the user clicked together, which replaces the training example while set.
    public var userInput: [Double]? = nil
    public var hovered: HoverTarget? = nil
    public var showHelp = false
    public var showFPS = false
    public var framesPerSecond = 0.0
    public var isPaused = false
    public var speed = 1.0
    /// Frames recorded so far while recording, else nil.
    public var recordedFrames: Int? = nil
    /// Whether the timeline is being dragged (large networks then show their strongest synapses).
    public var isScrubbing = false
    /// Whether playback is held because the trainer has not reached the next keyframe yet.
    public var isWaitingForTrainer = false
    /// A message shown across the window (e.g. a recording that stopped), else nil.
    public var notice: String? = nil
    /// Explain mode's stage, while it is on.
    public var explain: ExplainView? = nil
    /// The second network, with `--compare`.
    public var comparison: ComparedInput? = nil

    public init(
        layout: SceneLayout, palette: Palette, plan: SessionPlan, progress: SessionProgress, timeline: Timeline,
        state: TimelineState
    ) {
        self.layout = layout
        self.palette = palette
        self.plan = plan
        self.progress = progress
        self.timeline = timeline
        self.state = state
    }
}

/// What the pointer is over.
public enum HoverTarget: Sendable, Equatable {
    case neuron(NeuronID)
    case synapse(SynapseID)
}

extension SceneInput {
    /// The keyframe a frame may show at most: keyframe 0 (the untrained network) always exists.
    var shownKeyframe: Int { min(state.keyframe, max(progress.readyKeyframeCount - 1, 0)) }

    /// The network on screen: keyframe k's, or on its way to k + 1's while easing.
    public var displayedNetwork: Network {
        if let explain { return explain.network }
        let k = shownKeyframe
        let start = progress.keyframes.isEmpty ? plan.initialNetwork : progress.keyframes[k]
        guard state.phase == .ease, state.easeAmount > 0, k + 1 < progress.readyKeyframeCount else { return start }
        let end = progress.keyframes[k + 1]
        var mixed = start
        let t = state.easeAmount
        for p in mixed.parameters.indices { mixed.parameters[p] += (end.parameters[p] - start.parameters[p]) * t }
        return mixed
    }

    /// Whether the picture has reached the last finite state of a session that diverged.
    var showsDivergence: Bool {
        progress.divergedAtIteration != nil && state.keyframe >= progress.readyKeyframeCount - 1
    }

    /// Whether playback is held for a trainer that is still working.
    var showsTraining: Bool { isWaitingForTrainer && !progress.isFinished }

    /// The training example the network thinks about, or nil while it thinks about the user's input.
    public var shownExample: Int? { userInput == nil ? state.example % plan.dataSet.count : nil }

    /// What the network thinks about at this frame: the explained example, the user's input, or
    /// the shown example's.
    public var thoughtInputs: [Double] {
        explain?.explanation.step.input ?? userInput ?? plan.dataSet.input(state.example % plan.dataSet.count)
    }

    /// The user's own values of inputs the network sees scaled (CSV data is standardised);
    /// unchanged without scaling.
    public func rawInputs(_ scaled: [Double]) -> [Double] { plan.inputScaling?.invert(scaled) ?? scaled }

    /// Input `index`'s raw value for what the network sees as `scaled`.
    func rawInput(_ index: Int, _ scaled: Double) -> Double {
        plan.inputScaling?.invert(scaled, input: index) ?? scaled
    }

    /// The iteration of the shown keyframe (0 before the schedule exists).
    public var shownIteration: Int { progress.keyframeIterations?[shownKeyframe] ?? 0 }
}
