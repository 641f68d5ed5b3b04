import Dispatch
import NeuralCore
import Playback
import Scene
import Session

/// A session trained to its end in the calling thread: the default options (the video's
/// session) with `iterations` and `keyframes`, then whatever `configure` changes.
public func finishedSession(
    iterations: Int = 60_000, keyframes: Int = 120,
    _ configure: (inout ModelOptions, inout ScheduleOptions) -> Void = { _, _ in }
) throws -> (SessionPlan, SessionProgress) {
    var model = ModelOptions()
    var schedule = ScheduleOptions()
    model.iterations = iterations
    schedule.keyframes = keyframes
    configure(&model, &schedule)
    let plan = try SessionPlan.make(model: model, schedule: schedule)
    let run = SessionRun(plan: plan)
    run.run()
    return (plan, run.progress)
}

/// What frame `frame` of a finished session shows, in a `width` × `height` window, video palette.
public func sceneInput(
    _ plan: SessionPlan, _ progress: SessionProgress, frame: Int, width: Int = 1280, height: Int = 720
) -> SceneInput {
    let timeline = plan.timeline
    let layout = SceneLayout(layerSizes: plan.initialNetwork.layout.layerSizes, width: width, height: height)
    return SceneInput(
        layout: layout, palette: Palette(.video), plan: plan, progress: progress, timeline: timeline,
        state: timeline.state(atFrame: frame))
}

/// Two compared sessions (`--compare "learning-rate=3"` unless told otherwise) trained to their
/// end side by side, as the live window trains them: the default options with `iterations` and
/// `keyframes`, then whatever `configure` changes.
public func finishedComparison(
    _ comparison: String = "learning-rate=3", iterations: Int, keyframes: Int,
    _ configure: (inout ModelOptions) -> Void = { _ in }
) throws -> (plans: ComparedPlans, first: SessionProgress, second: SessionProgress) {
    var model = ModelOptions()
    model.iterations = iterations
    configure(&model)
    var schedule = ScheduleOptions()
    schedule.keyframes = keyframes
    let plans = try ComparedPlans.make(
        model: model, schedule: schedule, comparison: try Comparison(parsing: comparison))
    let first = SessionRun(plan: plans.first), second = SessionRun(plan: plans.second, following: first)
    DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? first.run() : second.run() }
    return (plans, first.progress, second.progress)
}
