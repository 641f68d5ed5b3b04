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
        layout = Self.layout(plan, width: width, height: height)
        self.palette = palette
        self.dashed = dashed
        self.widths = widths
        resize(width: width, height: height)
    }

    mutating func resize(width: Int, height: Int) {
        guard let compared else {
            layout = Self.layout(plan, width: width, height: height)
            return
        }
        let slots = SceneLayout.ComparisonSlot.slots(
            width: width, height: height, withMaps: compared.first.dataSet.inputCount == 2)
        layout = Self.layout(compared.first, width: width, height: height, slot: slots[0])
        secondLayout = Self.layout(compared.second, width: width, height: height, slot: slots[1])
    }

    /// Every network's layout: one, or the two compared.
    var layouts: [SceneLayout] { [layout] + (secondLayout.map { [$0] } ?? []) }

    /// The picture's layout: with a decision map when the data has two inputs, spanning the
    /// built-in 2-D sets' square (their points lie in −1…1) or the data's own ranges, test part
    /// included; with the drawing pad when the inputs are an image.
    static func layout(_ plan: SessionPlan, width: Int, height: Int, slot: SceneLayout.ComparisonSlot? = nil)
        -> SceneLayout
    {
        let data = plan.dataSet
        var ranges: MapRanges? = nil
        if data.inputCount == 2 {
            if BuiltInDataSets.planeNames.contains(plan.model.dataSet) {
                ranges = MapRanges(x: -1.1...1.1, y: -1.1...1.1)
            } else {
                let all =
                    plan.testSet.map { test in
                        zip(data.inputRanges, test.inputRanges).map {
                            min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound)
                        }
                    } ?? data.inputRanges
                ranges = MapRanges(around: all)
            }
        }
        return SceneLayout(
            layerSizes: plan.initialNetwork.layout.layerSizes, width: width, height: height, mapRanges: ranges,
            image: data.imageShape, slot: slot)
    }

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
