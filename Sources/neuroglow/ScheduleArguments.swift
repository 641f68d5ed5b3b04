import ArgumentParser
import NeuralCore
import Playback
import Session

/// The schedule options (DESIGN.md §4).
struct ScheduleArguments: ParsableArguments {
    @Option(help: "Keyframe placement: \(ScheduleMode.allCases.map(\.rawValue).joined(separator: "|")).")
    var schedule = "adaptive"
    @Option(help: "Keyframes shown over the session.")
    var keyframes = 120
    @Option(help: "Display frames per keyframe.")
    var beat = 30
    @Option(help: "Display frames per second.")
    var fps = 60

    func resolved() throws(InputError) -> ScheduleOptions {
        var options = ScheduleOptions()
        options.mode = try choice(schedule, "--schedule", ScheduleMode.allCases)
        options.keyframes = keyframes
        options.beat = beat
        options.fps = fps
        try options.validate()
        return options
    }
}
