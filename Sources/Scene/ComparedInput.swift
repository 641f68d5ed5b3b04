import NeuralCore
import Session

/// The second network of `--compare`: drawn in its own half of the window on the same clock,
/// thinking about the same input, its loss on the same timeline.
public struct ComparedInput: Sendable {
    public var layout: SceneLayout
    public var plan: SessionPlan
    public var progress: SessionProgress
    /// What is written over each network: the compared options' values in each.
    public var captions: (first: String, second: String)
    /// Whether `SceneInput.hovered` is on the second network (else on the first).
    public var hoversSecond = false
    /// Whether `SceneInput.explain` explains the second network (else the first).
    public var explainsSecond = false

    public init(layout: SceneLayout, plan: SessionPlan, progress: SessionProgress, captions: (String, String)) {
        self.layout = layout
        self.plan = plan
        self.progress = progress
        self.captions = captions
    }

    /// The second network's loss curve colour (the first's is the palette's glow).
    static let curveColor = Color(230, 120, 230)
}

extension SceneInput {
    /// The second network's view of this frame: the same clock, input and view options, its own
    /// layout, session and hover; nil without `--compare`.
    public var secondInput: SceneInput? {
        guard let comparison else { return nil }
        var second = self
        second.layout = comparison.layout
        second.plan = comparison.plan
        second.progress = comparison.progress
        second.comparison = nil
        second.hovered = comparison.hoversSecond ? hovered : nil
        second.explain = comparison.explainsSecond ? explain : nil
        second.showHelp = false
        return second
    }

    /// The second compared network as it is on screen, if any.
    public var secondDisplayedNetwork: Network? { secondInput?.displayedNetwork }

    /// This frame as the first network sees it: its hover and explanation only.
    var firstInput: SceneInput {
        var first = self
        if comparison?.hoversSecond == true { first.hovered = nil }
        if comparison?.explainsSecond == true { first.explain = nil }
        return first
    }
}
