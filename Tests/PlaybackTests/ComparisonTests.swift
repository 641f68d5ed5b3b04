import Foundation
import NeuralCore
import Testing

@testable import Session

/// `--compare`: what may differ, the errors, the shared first weights and the shared schedule.
struct ComparisonTests {
    @Test func optionsParseAndApplyToACopyOfTheFirst() throws {
        let comparison = try Comparison(parsing: "activation=tanh, learning-rate=0.3,layers=3,8,1")
        #expect(comparison.changes.map(\.name) == ["activation", "learning-rate", "layers"])
        #expect(comparison.caption == "activation=tanh, learning-rate=0.3, layers=3,8,1")
        let base = ModelOptions()
        let second = try comparison.applied(to: base)
        #expect(second.activation == .tanh && second.learningRate == 0.3 && second.layers == [3, 8, 1])
        #expect(second.dataSet == base.dataSet && second.seed == base.seed && second.iterations == base.iterations)
        // Shapes as the screen and `neuroglow datasets` write them.
        #expect(try Comparison(parsing: "layers=3-8-8-1").applied(to: base).layers == [3, 8, 8, 1])
        #expect(try ModelOptions.parseLayers("144-32-10") == [144, 32, 10])
        #expect(throws: InputError.self) { try ModelOptions.parseLayers("3-4,1") }
        let flags = try Comparison(parsing: "bias=true,shuffle=true,init=he,momentum=0.5,batch-size=7")
            .applied(to: base)
        #expect(flags.bias == true && flags.shuffle && flags.initialization == .he && flags.momentum == 0.5)
        #expect(flags.batchSize == 7)
    }

    @Test func badComparisonsSayWhatIsWrongAndWhatIsAllowed() {
        let cases: [(String, String)] = [
            ("learning-rate=abc", "--compare learning-rate=abc: expected a number greater than 0 and at most 1000"),
            ("learning-rate=-1", "--learning-rate -1.0: expected a number greater than 0"),
            ("dataset=xor", "--compare dataset=xor: dataset cannot differ (both networks learn the same data)"),
            ("iterations=5", "iterations cannot differ (the two networks share one timeline)"),
            ("speed=2", "'speed' is not a model option; expected one of learning-rate, activation"),
            ("learning-rate", "'learning-rate' is not name=value"),
            ("activation=softmax", "--compare activation=softmax: expected sigmoid, tanh, relu, linear"),
            ("loss=l1", "--compare loss=l1: expected mse, bce, ce"),
            ("layers=3,0,1", "'0' is not a layer size"),
            ("bias=maybe", "--compare bias=maybe: expected true or false"),
            ("learning-rate=1,learning-rate=2", "learning-rate is given twice"),
        ]
        for (text, expected) in cases {
            do {
                _ = try Comparison(parsing: text).applied(to: ModelOptions())
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.message.contains(expected), "\(text): \(error.message)")
            }
        }
        // A comparison that changes nothing is refused, saying what the session already has.
        do {
            _ = try ComparedPlans.make(
                model: ModelOptions(), schedule: ScheduleOptions(),
                comparison: try Comparison(parsing: "learning-rate=1.0,layers=3-4-1"))
            Issue.record("a comparison of the session with itself was accepted")
        } catch {
            #expect(
                error.message == "--compare learning-rate=1.0, layers=3-4-1: the session already has "
                    + "learning-rate=1, layers=3,4,1, so both networks would learn the same; give a value it does "
                    + "not have")
        }
        // A second network that does not fit the data names --compare.
        #expect(throws: InputError.self) {
            try ComparedPlans.make(
                model: ModelOptions(), schedule: ScheduleOptions(),
                comparison: try Comparison(parsing: "layers=2,4,1"))
        }
    }

    @Test func bothStartFromTheSameWeightsWhereTheShapesAllow() throws {
        let rate = try ComparedPlans.make(
            model: ModelOptions(), schedule: ScheduleOptions(), comparison: try Comparison(parsing: "learning-rate=3"))
        #expect(rate.startTheSame && rate.first.initialNetwork == rate.second.initialNetwork)
        #expect(rate.captions.first == "learning-rate=1" && rate.captions.second == "learning-rate=3")
        let activation = try ComparedPlans.make(
            model: ModelOptions(), schedule: ScheduleOptions(), comparison: try Comparison(parsing: "activation=tanh"))
        #expect(activation.first.initialNetwork.parameters == activation.second.initialNetwork.parameters)
        let shape = try ComparedPlans.make(
            model: ModelOptions(), schedule: ScheduleOptions(), comparison: try Comparison(parsing: "layers=3,6,1"))
        #expect(!shape.startTheSame && shape.captions.second.contains("its own first weights"))
        // A linear output on a regression starts at the targets' mean: the one difference, and said so.
        var regression = ModelOptions()
        regression.dataSet = "reg-plane"
        let output = try ComparedPlans.make(
            model: regression, schedule: ScheduleOptions(),
            comparison: try Comparison(parsing: "output-activation=linear"))
        #expect(output.differentStart == "a linear output starts at the targets' mean")
        let initialisation = try ComparedPlans.make(
            model: regression, schedule: ScheduleOptions(), comparison: try Comparison(parsing: "init=xavier"))
        #expect(initialisation.differentStart == "another initialisation")
    }

    /// Both networks learn one copy of the data: a CSV file is read once, and the two plans hold
    /// the same arrays, scaled once, whatever the second changes (here the rows' order too).
    @Test func bothPlansShareOneReadingOfTheData() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("compare-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "a,b,label\n1,20,0\n2,10,1\n3,30,0\n4,40,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        var model = ModelOptions()
        model.dataSet = path
        model.testFraction = 0.5
        let plans = try ComparedPlans.make(
            model: model, schedule: ScheduleOptions(), comparison: try Comparison(parsing: "shuffle=true"))
        func storage(_ values: [Double]) -> UnsafePointer<Double>? { values.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(storage(plans.first.dataSet.inputs) == storage(plans.second.dataSet.inputs))
        #expect(storage(plans.first.testSet!.inputs) == storage(plans.second.testSet!.inputs))
        #expect(plans.first.inputScaling == plans.second.inputScaling && plans.first.inputScaling != nil)
        #expect(plans.first.dataSet.inputs == (try SessionPlan.make(model: model)).dataSet.inputs)
    }

    /// The second network's keyframes are at the first's iterations, decided by the first's
    /// trajectory, both for a session decided in two passes and for one decided online.
    @Test func theSecondFollowsTheFirstsSchedule() throws {
        for online in [false, true] {
            var model = ModelOptions()
            model.iterations = online ? 600 : 2_000
            if online {
                model.dataSet = "circle"
                model.layers = [2, 32, 32, 1]
            }
            var schedule = ScheduleOptions()
            schedule.keyframes = 20
            let plans = try ComparedPlans.make(
                model: model, schedule: schedule, comparison: try Comparison(parsing: "learning-rate=3"))
            let first = SessionRun(plan: plans.first)
            #expect(plans.first.decidesKeyframesOnline == online)
            let second = SessionRun(plan: plans.second, following: first)
            DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? first.run() : second.run() }
            let a = first.progress, b = second.progress
            #expect(a.keyframeIterations != nil && b.keyframeIterations == a.keyframeIterations)
            #expect(b.keyframes.count == a.keyframes.count && b.isFinished)
            // Alone, the second would have chosen its own moments.
            let alone = SessionRun(plan: plans.second)
            alone.run()
            #expect(alone.progress.keyframeIterations != a.keyframeIterations)
            // Different learning rates: different networks at the same moments.
            #expect(b.keyframes.last! != a.keyframes.last!)
        }
    }
}
