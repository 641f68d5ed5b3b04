import Dispatch
import NeuralCore
import Session

extension BenchCommand {
    /// The spiral data set (all 200 points, no test part) with the network, activation and rate
    /// it defaults to (`DataSetDefaults`: 2-16-16-1, tanh, 0.03).
    static func spiralPlan() -> SessionPlan {
        var model = ModelOptions()
        model.dataSet = "spiral"
        model.testFraction = 0
        model.iterations = 500
        var schedule = ScheduleOptions()
        schedule.keyframes = 2
        schedule.mode = .geometric
        // Built-in names and in-range numbers: nothing here can be refused.
        return try! SessionPlan.make(model: model, schedule: schedule)
    }

    /// Example-steps per second of `Trainer` (forward, backward and update of one example).
    func benchTrain() -> (JSONValue, String) {
        var fields: [(String, JSONValue)] = []
        var text = "train (M example-steps/s, median [min–max]):"
        let cases: [([Int], Int)] = [
            ([3, 4, 1], quick ? 20_000 : 60_000), ([8, 8, 8, 8, 2], quick ? 50 : 300),
            ([64, 32, 32, 10], quick ? 10 : 50),
        ]
        for (shape, iterations) in cases {
            let plan = Self.plan(shape: shape, iterations: iterations, keyframes: 2)
            let s = trainingRates(plan, passes: iterations, runs: quick ? 2 : 6)
            let name = Self.name(shape)
            fields.append((name, summaryJSON(s, unit: "example-steps/s")))
            text += "  \(name) \(format(s.median / 1e6, 2)) [\(format(s.min / 1e6, 2))–\(format(s.max / 1e6, 2))]"
        }
        // A tanh network: the Playground's spiral at its own shape and rate.
        let spiral = trainingRates(Self.spiralPlan(), passes: quick ? 100 : 500, runs: quick ? 2 : 6)
        fields.append(("spiral 2-16-16-1 tanh", summaryJSON(spiral, unit: "example-steps/s")))
        text += "  spiral 2-16-16-1 tanh \(format(spiral.median / 1e6, 2))"
        let (yardstick, ratio, sameWeights) = yardstickRates(passes: quick ? 20_000 : 60_000, runs: quick ? 2 : 6)
        fields.append(
            (
                "3-4-1 unrolled yardstick",
                summaryJSON(
                    yardstick, unit: "example-steps/s",
                    adding: [("trainer_fraction", JSONValue(ratio.median)), ("same_weights", .bool(sameWeights))])
            ))
        text +=
            "  (3-4-1 by hand \(format(yardstick.median / 1e6, 2)): trainer at \(format(ratio.median * 100, 0)) %"
            + (sameWeights ? ")" : ", WEIGHTS DIFFER)")
        // Mini-batches of 32 on 64-32-32-10, a batch at a time (`BatchKernels`), against one
        // example at a time measured just before.
        let single = Self.plan(shape: [64, 32, 32, 10], iterations: quick ? 10 : 50, keyframes: 2)
        let batched = SessionPlan(
            dataSet: single.dataSet, initialNetwork: single.initialNetwork,
            training: TrainingOptions(learningRate: single.training.learningRate, batchSize: 32),
            iterations: single.iterations, schedule: single.schedule)
        let one = trainingRates(single, passes: single.iterations, runs: quick ? 2 : 6)
        let many = trainingRates(batched, passes: batched.iterations, runs: quick ? 2 : 6)
        fields.append(
            (
                "64-32-32-10 batch 32",
                summaryJSON(
                    many, unit: "example-steps/s", adding: [("times_batch_1", JSONValue(many.median / one.median))])
            ))
        text +=
            "  64-32-32-10 batch 32 \(format(many.median / 1e6, 2)) (\(format(many.median / one.median, 1))x batch 1)"
        return (.object(fields), text)
    }

    /// Example-steps per second of `plan`'s trainer over `passes` passes, in `runs` runs after an
    /// untimed one that warms up.
    func trainingRates(_ plan: SessionPlan, passes: Int, runs: Int) -> Summary {
        var rates: [Double] = []
        for run in 0...runs {
            let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
            let start = DispatchTime.now().uptimeNanoseconds
            trainer.train(iterations: passes)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if run > 0 { rates.append(Double(passes * plan.dataSet.count) / seconds) }
        }
        return Summary(rates)
    }

    /// The hand-unrolled 3-4-1 loop (`UnrolledYardstick`) in example-steps per second, timed
    /// run by run right after the trainer on the same plan; the trainer's speed as a fraction of
    /// the loop's, run by run (a ratio the host's load swings affect far less than either figure);
    /// and whether both reached the same weights.
    func yardstickRates(passes: Int, runs: Int) -> (Summary, ratio: Summary, sameWeights: Bool) {
        let plan = Self.plan(shape: [3, 4, 1], iterations: passes, keyframes: 2)
        var rates: [Double] = [], ratios: [Double] = []
        var sameWeights = true
        for run in 0...runs {
            let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
            let start = DispatchTime.now().uptimeNanoseconds
            trainer.train(iterations: passes)
            let middle = DispatchTime.now().uptimeNanoseconds
            let weights = UnrolledYardstick.train(
                plan.initialNetwork, on: plan.dataSet, rate: plan.training.learningRate, passes: passes)
            let end = DispatchTime.now().uptimeNanoseconds
            sameWeights = sameWeights && weights == trainer.network.parameters
            guard run > 0 else { continue }
            rates.append(Double(passes * plan.dataSet.count) / (Double(end - middle) / 1e9))
            ratios.append(Double(end - middle) / Double(middle - start))
        }
        return (Summary(rates), Summary(ratios), sameWeights)
    }
}
