import NeuralCore
import Playback
import Scene
import Session

/// Turns (session progress, frame index, interaction) into a scene: the one path shared by the
/// live window and the headless recorder, so both show the same picture at the same frame.
struct FramePresenter {
    let plan: SessionPlan
    var layout: SceneLayout
    var palette: Palette
    var dashed: Bool
    var widths: WeightScaleMode
    /// With `--compare`: both sessions (`plan` is the first) and the second's layout.
    let compared: ComparedPlans?
    private(set) var secondLayout: SceneLayout?

    init(
        plan: SessionPlan, width: Int, height: Int, palette: Palette, dashed: Bool, widths: WeightScaleMode,
        compared: ComparedPlans? = nil
    ) {
        self.plan = plan
        self.compared = compared
        layout = SceneLayout(plan: plan, width: width, height: height)
        self.palette = palette
        self.dashed = dashed
        self.widths = widths
        resize(width: width, height: height)
    }

    mutating func resize(width: Int, height: Int) {
        guard let compared else {
            layout = SceneLayout(plan: plan, width: width, height: height)
            return
        }
        let slots = SceneLayout.ComparisonSlot.slots(
            width: width, height: height, withMaps: compared.first.dataSet.inputCount == 2)
        layout = SceneLayout(plan: compared.first, width: width, height: height, slot: slots[0])
        secondLayout = SceneLayout(plan: compared.second, width: width, height: height, slot: slots[1])
    }

    /// Every network's layout: one, or the two compared.
    var layouts: [SceneLayout] { [layout] + (secondLayout.map { [$0] } ?? []) }

    /// The scene input at `frame`; with `--compare`, `secondProgress` is the second session's.
    func sceneInput(
        progress: SessionProgress, secondProgress: SessionProgress? = nil, frame: Int,
        configure: (inout SceneInput) -> Void = { _ in }
    ) -> SceneInput {
        let timeline = plan.timeline
        var input = SceneInput(
            layout: layout, palette: palette, plan: plan, progress: progress, timeline: timeline,
            state: timeline.state(atFrame: frame))
        input.dashedNegative = dashed
        input.weightScaleMode = widths
        if let compared, let secondLayout, let secondProgress {
            input.comparison = ComparedInput(
                layout: secondLayout, plan: compared.second, progress: secondProgress, captions: compared.captions)
        }
        configure(&input)
        return input
    }
}
