import NeuralCore
import Playback
@testable import Scene
@testable import Session

/// A finished default-like session, small enough to train in a test.
func finishedSession(iterations: Int = 2_000, keyframes: Int = 12, configure: (inout ModelOptions) -> Void = { _ in }) throws -> (SessionPlan, SessionProgress) {
    var model = ModelOptions()
    model.iterations = iterations
    configure(&model)
    var schedule = ScheduleOptions()
    schedule.keyframes = keyframes
    let plan = try SessionPlan.make(model: model, schedule: schedule)
    let run = SessionRun(plan: plan)
    run.run()
    return (plan, run.progress)
}

func sceneInput(_ plan: SessionPlan, _ progress: SessionProgress, frame: Int, width: Int = 1280, height: Int = 720) -> SceneInput {
    let timeline = plan.timeline
    return SceneInput(layout: SceneLayout(layerSizes: plan.initialNetwork.layout.layerSizes, width: width, height: height),
                      palette: Palette(.video), plan: plan, progress: progress, timeline: timeline, state: timeline.state(atFrame: frame))
}

extension SceneFrame {
    var directLines: [DrawCommand] {
        if case let .direct(commands) = synapses { return commands }
        return []
    }
}
