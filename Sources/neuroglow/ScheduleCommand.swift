import ArgumentParser
import NeuralCore
import Playback
import Session

/// `neuroglow schedule`: runs the session's trainer and prints its keyframes.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule", abstract: "Print the keyframes a session would show.")

    @OptionGroup var model: ModelArguments
    @OptionGroup var scheduleOptions: ScheduleArguments
    @Flag(help: "Print {\"keyframes\": [...], \"steepest_drop\": {...}} as JSON.")
    var json = false

    mutating func run() throws {
        let plan = try validating {
            try SessionPlan.make(model: try model.resolved(), schedule: scheduleOptions.resolved())
        }
        let run = SessionRun(plan: plan)
        run.run()
        let progress = run.progress
        let timeline = Timeline(
            keyframeCount: progress.keyframeIterations?.count ?? 1, beat: plan.schedule.beat,
            exampleCount: plan.dataSet.count)
        let rows = (0..<progress.readyKeyframeCount).map { k in
            (
                index: k, frame: timeline.firstFrame(ofKeyframe: k), iteration: progress.keyframeIterations![k],
                loss: progress.keyframeLosses[k], change: progress.keyframeChanges[k]
            )
        }
        if json {
            var fields: [(String, JSONValue)] = [
                (
                    "keyframes",
                    .array(
                        rows.map { r -> JSONValue in
                            .object([
                                ("index", JSONValue(r.index)), ("frame", JSONValue(r.frame)),
                                ("iteration", JSONValue(r.iteration)),
                                ("loss", JSONValue(r.loss)), ("change", JSONValue(r.change)),
                            ])
                        })
                )
            ]
            if let d = progress.divergedAtIteration { fields.append(("diverged_at_iteration", JSONValue(d))) }
            if let (drop, keyframe) = progress.steepestDrop {
                fields.append(
                    (
                        "steepest_drop",
                        .object([
                            ("iteration", JSONValue(drop.iteration)), ("from", JSONValue(drop.from)),
                            ("to", JSONValue(drop.to)), ("slope", JSONValue(drop.slope)),
                            ("keyframe", JSONValue(keyframe)),
                        ])
                    ))
            }
            print(JSONValue.object(fields).text)
            return
        }
        print(
            "\(plan.schedule.mode.rawValue) schedule: \(rows.count) keyframes over \(plan.iterations) iterations, "
                + "\(plan.schedule.beat) frames each"
        )
        print("index  frame  iteration        loss    change")
        for r in rows {
            print(
                pad(r.index, 5) + pad(r.frame, 7) + pad(r.iteration, 11) + "  " + pad(format(r.loss, 6), 10) + "  "
                    + format(r.change, 5))
        }
        if let (drop, keyframe) = progress.steepestDrop {
            print(
                "the loss falls fastest around iteration \(drop.iteration) (slope \(format(drop.slope, 2)) on log–log "
                    + "axes, iterations \(drop.from)–\(drop.to)): keyframe \(keyframe), where M jumps")
        }
        if let d = progress.divergedAtIteration {
            print("the network diverged at iteration \(d); lower the learning rate")
        }
    }

    private func pad(_ value: Int, _ width: Int) -> String { pad(String(value), width) }
    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
