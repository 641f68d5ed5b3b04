import ArgumentParser
import NeuralCore
import Playback
import Session

/// The schedule options (docs/DESIGN.md §4). Checked once, by `SessionPlan.make`.
struct ScheduleArguments: ParsableArguments {
    @Option(help: "Keyframe placement: \(ScheduleMode.choiceList).")
    var schedule = ScheduleMode.adaptive
    @Option(parsing: .unconditional, help: "Keyframes shown over the session (2–100000; at most iterations + 1).")
    var keyframes = 120
    @Option(parsing: .unconditional, help: "Display frames per keyframe.")
    var beat = 30
    @Option(parsing: .unconditional, help: "Display frames per second.")
    var fps = 60

    func resolved() -> ScheduleOptions {
        var options = ScheduleOptions()
        options.mode = schedule
        options.keyframes = keyframes
        options.beat = beat
        options.fps = fps
        return options
    }
}
