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
        let (yardstick, ratio, sameWeights, library) = yardstickRates(
            passes: quick ? 20_000 : 60_000, runs: quick ? 2 : 6)
        fields.append(
            (
                "3-4-1 unrolled yardstick",
                summaryJSON(
                    yardstick, unit: "example-steps/s",
                    adding: [("trainer_fraction", JSONValue(ratio.median)), ("same_weights", .bool(sameWeights))])
            ))
        fields.append(("3-4-1 unrolled, C library exp", summaryJSON(library, unit: "example-steps/s")))
        text +=
            "  (3-4-1 by hand \(format(yardstick.median / 1e6, 2)): trainer at \(format(ratio.median * 100, 0)) %"
            + (sameWeights ? "" : ", WEIGHTS DIFFER")
            + "; by hand with the C library's exp \(format(library.median / 1e6, 2)))"
        // Mini-batches of 32 on 64-32-32-10, a batch at a time (`BatchKernels`), against one
        // example at a time measured just before.
        let single = Self.plan(shape: [64, 32, 32, 10], iterations: quick ? 10 : 50, keyframes: 2)
        let batched = SessionPlan(
            dataSet: single.dataSet, initialNetwork: single.initialNetwork,
            training: TrainingOptions(learningRate: single.training.learningRate, batchSize: 32),
            iterations: single.iterations, schedule: single.schedule)
        let (one, many, peak, oneShare, manyShare) = batchedRates(single, batched, runs: quick ? 2 : 6)
        fields.append(
            (
                "64-32-32-10 batch 32",
                summaryJSON(
                    many, unit: "example-steps/s",
                    adding: [
                        ("times_batch_1", JSONValue(many.median / one.median)),
                        ("peak_fraction", JSONValue(manyShare.median)),
                        ("batch_1_peak_fraction", JSONValue(oneShare.median)),
                    ])
            ))
        fields.append(("arithmetic peak", summaryJSON(peak, unit: "flops (separate multiplies and adds, 4 lanes)")))
        text +=
            "  64-32-32-10 batch 32 \(format(many.median / 1e6, 2)) (\(format(many.median / one.median, 1))x batch 1;"
            + " weight arithmetic at \(format(oneShare.median * 100, 0)) and \(format(manyShare.median * 100, 0)) %"
            + " of the core's measured peak, \(format(peak.median / 1e9, 1)) GFLOP/s)"
        return (.object(fields), text)
    }

    /// Example-steps per second of `plan`'s trainer over `passes` passes, in `runs` runs after an
    /// untimed one that warms up.
    func trainingRates(_ plan: SessionPlan, passes: Int, runs: Int) -> Summary {
        Summary(Array((0...runs).map { _ in trainingRate(plan, passes: passes) }.dropFirst()))
    }

    /// Example-steps per second of one fresh trainer of `plan` over `passes` passes.
    func trainingRate(_ plan: SessionPlan, passes: Int) -> Double {
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        let start = DispatchTime.now().uptimeNanoseconds
        trainer.train(iterations: passes)
        return Double(passes * plan.dataSet.count) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// `single` (batch size 1) and `batched` in example-steps per second, the core's arithmetic
    /// peak (`ArithmeticPeak`), and each plan's weight arithmetic
    /// (`Trainer.weightArithmeticPerExample`) as a fraction of that peak — all timed run by run
    /// in turn, since the host can take half a core's arithmetic away for minutes at a time.
    func batchedRates(_ single: SessionPlan, _ batched: SessionPlan, runs: Int) -> (
        single: Summary, batched: Summary, peak: Summary, singleShare: Summary, batchedShare: Summary
    ) {
        let layout = single.initialNetwork.layout
        let singleWork = Trainer.weightArithmeticPerExample(layout: layout, options: single.training)
        let batchedWork = Trainer.weightArithmeticPerExample(layout: layout, options: batched.training)
        var ones: [Double] = [], manys: [Double] = [], peaks: [Double] = []
        for run in 0...runs {
            let one = trainingRate(single, passes: single.iterations)
            let many = trainingRate(batched, passes: batched.iterations)
            let peak = ArithmeticPeak.operationsPerSecond(rounds: 50_000_000)
            guard run > 0 else { continue }
            ones.append(one)
            manys.append(many)
            peaks.append(peak)
        }
        return (
            Summary(ones), Summary(manys), Summary(peaks),
            Summary(zip(ones, peaks).map { $0 * singleWork / $1 }),
            Summary(zip(manys, peaks).map { $0 * batchedWork / $1 })
        )
    }

    /// The hand-unrolled 3-4-1 loop (`UnrolledYardstick`) in example-steps per second, timed
    /// run by run right after the trainer on the same plan; the trainer's speed as a fraction of
    /// the loop's, run by run (a ratio the host's load swings affect far less than either figure);
    /// whether both reached the same weights; and the same loop with the C library's `exp`
    /// (`LibrarySigmoid`), timed right after.
    func yardstickRates(passes: Int, runs: Int) -> (Summary, ratio: Summary, sameWeights: Bool, library: Summary) {
        let plan = Self.plan(shape: [3, 4, 1], iterations: passes, keyframes: 2)
        let rate = plan.training.learningRate, examples = Double(passes * plan.dataSet.count)
        var rates: [Double] = [], ratios: [Double] = [], libraryRates: [Double] = []
        var sameWeights = true
        for run in 0...runs {
            let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
            let start = DispatchTime.now().uptimeNanoseconds
            trainer.train(iterations: passes)
            let middle = DispatchTime.now().uptimeNanoseconds
            let weights = UnrolledYardstick<CoreSigmoid>.train(
                plan.initialNetwork, on: plan.dataSet, rate: rate, passes: passes)
            let end = DispatchTime.now().uptimeNanoseconds
            _ = UnrolledYardstick<LibrarySigmoid>.train(
                plan.initialNetwork, on: plan.dataSet, rate: rate, passes: passes)
            let library = DispatchTime.now().uptimeNanoseconds
            sameWeights = sameWeights && weights == trainer.network.parameters
            guard run > 0 else { continue }
            rates.append(examples / (Double(end - middle) / 1e9))
            ratios.append(Double(end - middle) / Double(middle - start))
            libraryRates.append(examples / (Double(library - end) / 1e9))
        }
        return (Summary(rates), Summary(ratios), sameWeights, Summary(libraryRates))
    }
}
