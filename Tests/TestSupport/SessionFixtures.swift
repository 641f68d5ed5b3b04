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
