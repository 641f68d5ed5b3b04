import Foundation
import Testing
import NeuralCore
@testable import Playback
@testable import Session
import TestSupport

struct SessionRunTests {
    @Test func defaultAdaptiveSessionIsDenseEarly() throws {
        let (_, progress) = try finishedSession()
        let list = try #require(progress.keyframeIterations)
        SchedulerTests.checkInvariants(list, total: 60_000, expectedCount: 120)
        #expect(list.filter { $0 <= 6_000 }.count >= 60, "the 10% rule: \(list)")
        #expect(progress.keyframes.count == 120 && progress.isFinished)
        // Losses fall from the untrained to the trained network.
        #expect(progress.keyframeLosses.last! < progress.keyframeLosses.first! / 100)
    }

    /// The background trainer runs only when the window leaves a core free (SCHED_IDLE, per thread).
    @Test func theTrainerThreadYieldsToTheWindow() throws {
        var model = ModelOptions()
        model.iterations = 5_000_000  // long enough to find the thread still training
        let run = SessionRun(plan: try SessionPlan.make(model: model, schedule: ScheduleOptions()))
        run.start()
        defer { run.stop() }
        func read(_ path: String) -> String {
            String(decoding: FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        }
        var policy: Int32?
        let deadline = Date().addingTimeInterval(20)
        while policy == nil && Date() < deadline {
            for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            where read("/proc/self/task/\(task)/comm").hasPrefix("neuroglow.train") {
                // After "pid (comm) " come the fields from state (3) on; the policy is field 41.
                let stat = read("/proc/self/task/\(task)/stat")
                guard let afterName = stat.range(of: ") ", options: .backwards) else { continue }
                policy = stat[afterName.upperBound...].split(separator: " ").dropFirst(38).first.flatMap { Int32($0) }
            }
            if policy == nil { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(policy == SessionRun.schedIdle)
    }

    @Test func sameOptionsSameSchedule() throws {
        let a = try finishedSession { m, s in
            m.iterations = 3_000; s.keyframes = 40
        }
        let b = try finishedSession { m, s in
            m.iterations = 3_000; s.keyframes = 40
        }
        #expect(a.1.keyframeIterations == b.1.keyframeIterations)
        #expect(a.1.keyframes == b.1.keyframes)
    }

    @Test(arguments: ScheduleMode.allCases)
    func keyframeNetworksAreTheTrainersNetworksAtThoseIterations(mode: ScheduleMode) throws {
        let (plan, progress) = try finishedSession { m, s in
            m.iterations = 400; s.keyframes = 10; s.mode = mode
        }
        let list = try #require(progress.keyframeIterations)
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        for (k, iteration) in list.enumerated() {
            trainer.train(iterations: iteration - trainer.iteration)
            #expect(progress.keyframes[k] == trainer.network, "keyframe \(k) at iteration \(iteration)")
        }
    }

    @Test func divergenceEndsTheSessionWithAReason() throws {
        let (_, progress) = try finishedSession { m, _ in
            m.dataSet = "reg-plane"; m.layers = [2, 8, 8, 1]; m.activation = .relu; m.outputActivation = .linear
            m.learningRate = 50; m.iterations = 500; m.initialization = .he
        }
        #expect(progress.divergedAtIteration != nil && progress.isFinished)
        #expect(progress.keyframes.allSatisfy { $0.isFinite })
    }
}

struct OnlineSessionTests {
    @Test func largeAdaptiveSessionsDecideKeyframesAsTheTrainerGoes() throws {
        var model = ModelOptions()
        model.dataSet = "circle"; model.layers = [2, 16, 16, 1]; model.iterations = 3_000; model.learningRate = 0.1
        var schedule = ScheduleOptions(); schedule.keyframes = 30
        let plan = try SessionPlan.make(model: model, schedule: schedule)
        #expect(plan.decidesKeyframesOnline)
        let run = SessionRun(plan: plan)
        run.run()
        let progress = run.progress
        let list = try #require(progress.keyframeIterations)
        SchedulerTests.checkInvariants(list, total: 3_000, expectedCount: 30)
        #expect(progress.keyframes.count == 30 && progress.isFinished)
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        for (k, iteration) in list.enumerated() {
            trainer.train(iterations: iteration - trainer.iteration)
            #expect(progress.keyframes[k] == trainer.network, "keyframe \(k) at iteration \(iteration)")
        }
        #expect(!(try SessionPlan.make(model: ModelOptions())).decidesKeyframesOnline)
    }

    @Test(arguments: 3...64)
    func theTrainerLimitStopsOnTheLastFrameBeforeTheEase(beat: Int) {
        // With keyframes 0 and 1 ready of 4, the picture may show keyframe 1's beat up to its
        // ease (which needs keyframe 2): the limit is that beat's last forward/backward frame.
        let timeline = Timeline(keyframeCount: 4, beat: beat, exampleCount: 7)
        var progress = SessionProgress()
        progress.keyframes = [
            Network(layerSizes: [1, 1], hidden: .sigmoid, output: .sigmoid, usesBias: false, seed: 1)
        ]
        progress.keyframes.append(progress.keyframes[0])
        let limit = progress.frameLimit(timeline: timeline)
        #expect(limit / beat == 1)
        #expect(timeline.state(atFrame: limit).phase != .ease, "beat \(beat): frame \(limit) is already easing")
        #expect(
            timeline.state(atFrame: limit + 1).phase == .ease, "beat \(beat): frame \(limit + 1) is not the ease yet")
    }

    @Test func stopEndsTheTrainerThreadAndMayBeCalledAgain() throws {
        var model = ModelOptions()
        model.iterations = 5_000_000  // far longer than the test: only cancelling can end it
        let plan = try SessionPlan.make(model: model)
        #expect(SessionRun(plan: plan).stop(timeout: 0.1), "a run never started has nothing to wait for")
        let run = SessionRun(plan: plan)
        run.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(run.stop(timeout: 10), "the trainer thread did not end")
        #expect(run.stop(timeout: 0.1), "a second stop finds the thread ended")
        #expect(!run.progress.isFinished)
    }

    /// A large set's trainer looks for a stop after every iteration or two, a small set's every
    /// few thousand example steps: looking every 64 iterations, 20,000 examples kept a closing
    /// window waiting. Counted in the loss curve, sampled at every early iteration.
    @Test func aLargeSetsTrainerStopsWithinAnIteration() throws {
        #expect(SessionRun.iterationsBetweenCancellationLooks(examples: 7) == 585)
        #expect(SessionRun.iterationsBetweenCancellationLooks(examples: 20_000) == 1)
        let stride = SessionRun.iterationsBetweenCancellationLooks(examples: 2_000)
        #expect(stride == 2)
        var generator = SeededGenerator(seed: 5)
        let rows = (0..<2_000).map { e -> ([Double], [Double]) in
            ((0..<144).map { _ in Double(generator.next() % 100) / 100 }, (0..<10).map { $0 == e % 10 ? 1 : 0 })
        }
        let data = try DataSet(name: "wide", rows: rows)
        let network = Network(layerSizes: [144, 16, 10], hidden: .sigmoid, output: .softmax, usesBias: true, seed: 1)
        let plan = SessionPlan(
            dataSet: data, initialNetwork: network, training: TrainingOptions(loss: .ce, learningRate: 0.05),
            iterations: 1_000, schedule: ScheduleOptions())
        #expect(plan.decidesKeyframesOnline)
        let run = SessionRun(plan: plan)
        run.start()
        func sampled() -> Int { run.progress.lossCurve.last?.iteration ?? 0 }
        let deadline = Date().addingTimeInterval(120)
        while sampled() < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        run.cancel()
        let cancelledAt = sampled()
        #expect(cancelledAt >= 3, "the trainer did not start")
        #expect(run.stop(timeout: 120), "the trainer thread did not end")
        #expect(sampled() - cancelledAt <= stride + 1, "iterations after the stop: from \(cancelledAt) to \(sampled())")
    }
}

/// `--test-fraction` and `--noise` as the plan resolves them.
struct TestPartPlanTests {
    func plan(_ configure: (inout ModelOptions) -> Void) throws -> SessionPlan {
        var model = ModelOptions()
        configure(&model)
        return try SessionPlan.make(model: model)
    }

    @Test func the2DSetsKeepHalfAsideByDefaultAndTheOthersNone() throws {
        let circle = try plan { $0.dataSet = "circle" }
        #expect(circle.dataSet.count == 100 && circle.testSet?.count == 100)
        let xor3 = try plan { _ in }
        #expect(xor3.dataSet.count == 7 && xor3.testSet == nil)
        let fifth = try plan {
            $0.dataSet = "spiral"
            $0.testFraction = 0.2
        }
        #expect(fifth.dataSet.count == 160 && fifth.testSet?.count == 40)
        let all = try plan {
            $0.dataSet = "gauss"
            $0.testFraction = 0
        }
        #expect(all.dataSet.count == 200 && all.testSet == nil)
        // The trainer's progress carries the test loss at every keyframe.
        let run = SessionRun(
            plan: try plan {
                $0.dataSet = "circle"
                $0.iterations = 30
            })
        run.run()
        #expect(run.progress.keyframeTestLosses.count == run.progress.keyframeLosses.count)
    }

    @Test func badValuesAreRefusedNamingTheOption() {
        let cases: [((inout ModelOptions) -> Void, String)] = [
            (
                {
                    $0.dataSet = "circle"; $0.noise = 51
                }, "--noise 51: expected a whole number from 0 to 50"
            ),
            ({ $0.noise = 10 }, "--noise 10: only the 2-D sets take noise"),
            (
                {
                    $0.dataSet = "circle"; $0.testFraction = 0.95
                }, "--test-fraction 0.95: expected a number from 0 to 0.9"
            ),
            (
                {
                    $0.outputActivation = .softmax; $0.loss = .ce
                }, "--output-activation softmax with 1 output: a softmax over one neuron is always 1"
            ),
            ({ $0.loss = .ce }, "--loss ce with --output-activation sigmoid (the default for xor3): ce needs softmax"),
            (
                {
                    $0.dataSet = "circle"; $0.outputActivation = .linear; $0.loss = .bce
                }, "--loss bce with --output-activation linear: bce needs sigmoid outputs"
            ),
        ]
        for (configure, message) in cases {
            do {
                _ = try plan(configure)
                Issue.record("accepted: \(message)")
            } catch {
                #expect("\(error)".hasPrefix(message), "\(error)")
            }
        }
    }
}

/// A CSV's defaults follow its size.
struct SizedDefaultsTests {
    @Test func defaultsFollowTheData() {
        let wide = DataSet(
            name: "w.csv", inputNames: (0..<30).map { "m\($0)" }, targetNames: ["y"],
            inputs: [Double](repeating: 0.5, count: 30 * 500), targets: [Double](repeating: 1, count: 500))
        let sized = DataSetDefaults.sized(to: wide)
        #expect(sized.hiddenLayers == [31] && sized.iterations == 4000 && sized.loss == .mse)
        let tiny = DataSet(name: "t.csv", rows: [([0], [0]), ([1], [1])])
        #expect(
            DataSetDefaults.sized(to: tiny).hiddenLayers == [4] && DataSetDefaults.sized(to: tiny).iterations == 60_000)
        let named = DataSet(
            name: "n.csv", inputNames: ["a"], targetNames: ["x", "y", "z"], inputs: [0, 1, 2],
            targets: [1, 0, 0, 0, 1, 0, 0, 0, 1], classNames: ["x", "y", "z"])
        let classes = DataSetDefaults.sized(to: named)
        #expect(classes.outputActivation == .softmax && classes.loss == .ce)
    }

    /// Numbers a sigmoid reaches keep its output; others take a linear one, at a rate that shrinks
    /// with their spread (0.3 up to a deviation of 1, 0.3 / deviation beyond).
    @Test func numbersBeyondZeroToOneTakeALinearOutput() {
        func defaults(_ targets: [Double]) -> DataSetDefaults {
            DataSetDefaults.sized(
                to: DataSet(
                    name: "n.csv", rows: targets.enumerated().map { ([Double($0.offset)], [$0.element]) },
                    isRegression: true))
        }
        let within = defaults([0, 0.25, 0.5, 1])
        #expect(within.outputActivation == .sigmoid && within.learningRate == 1)
        let small = defaults([-1, 1])  // deviation 1
        #expect(small.outputActivation == .linear && abs(small.learningRate - 0.3) < 1e-12)
        let prices = defaults([100, 140, 120, 80, 60])  // deviation 800.squareRoot()
        #expect(prices.outputActivation == .linear && abs(prices.learningRate - 0.3 / 800.squareRoot()) < 1e-12)
    }

    /// A few whole numbers in the one target column may be classes written as numbers: the plan
    /// says how to have them learnt as classes. Nothing is said for 0/1, fractions or many values.
    @Test func wholeNumberTargetsAreNoted() {
        func note(_ targets: [Double]) -> String? {
            DataSet(
                name: "n.csv", rows: targets.enumerated().map { ([Double($0.offset)], [$0.element]) },
                isRegression: Set(targets) != [0, 1]
            ).wholeNumberTargetsNote
        }
        #expect(
            note([0, 1, 2, 1, 0]) == "target 'y' holds only the whole numbers 0 to 2: they are learnt as numbers "
                + "(regression); to learn them as classes, head the column label or class, or write them as names "
                + "(e.g. c0, c1, c2)")
        #expect(note([1, 5, 3, 4, 2])?.contains("1 to 5") == true && note([1, 5, 3, 4, 2])?.contains("c3, …") == true)
        #expect(note([0, 1, 1, 0]) == nil)
        #expect(note([0, 0.5, 2]) == nil)
        #expect(note((0..<30).map(Double.init)) == nil)
    }

    /// Constant input columns make one note however many there are; inputs that would make a
    /// square image of 8×8 or more, and are not one yet, are noted with the option that draws them.
    @Test func wideInputsAreNotedOnce() throws {
        let wide = DataSet(
            name: "w.csv", inputNames: (0..<64).map { "p\($0)" }, targetNames: ["y"],
            inputs: [Double](repeating: 0, count: 64 * 2), targets: [0, 1])
        #expect(wide.constantColumnsNote([]) == nil)
        #expect(wide.constantColumnsNote([3]) == "input column 'p3' is constant; the network sees it as 0")
        #expect(
            wide.constantColumnsNote([0, 1, 2]) == "input columns 'p0', 'p1' and 'p2' are constant; the network sees "
                + "them as 0")
        #expect(
            wide.constantColumnsNote(Array(0..<64)) == "64 input columns are constant ('p0', 'p1', 'p2', …); the "
                + "network sees them as 0")
        #expect(
            wide.squareImageNote == "the 64 inputs are 8 rows of 8; if they are an image's pixels, --image 8x8 "
                + "draws them as one")
        #expect(try wide.withImageShape(ImageShape(width: 8, height: 8)).squareImageNote == nil)
        let small = DataSet(name: "s.csv", rows: [([0, 0, 0, 0], [0]), ([1, 1, 1, 1], [1])], isRegression: false)
        #expect(small.squareImageNote == nil)
    }

    /// Rows sorted by class are noted, with what mixes them; mixed rows and numbers are not.
    @Test func rowsSortedByClassAreNoted() {
        func note(_ classes: [Double], regression: Bool = false) -> String? {
            DataSet(
                name: "s.csv", rows: classes.enumerated().map { ([Double($0.offset)], [$0.element]) },
                isRegression: regression
            ).sortedByClassNote
        }
        let sorted = [Double](repeating: 0, count: 50) + [Double](repeating: 1, count: 50)
        #expect(
            note(sorted) == "the rows come sorted by class (up to 50 of one class in a row): trained in that "
                + "order, each pass ends on a run of one class, which can make the loss climb at first; --shuffle "
                + "mixes them every pass")
        #expect(note((0..<100).map { Double($0 % 2) }) == nil)
        #expect(note(sorted, regression: true) == nil)
        // A run of 20 in 1,000 rows is a tenth too short to matter.
        #expect(note((0..<1000).map { $0 < 20 ? 1 : Double($0 % 2) }) == nil)
    }

    /// A linear output starts at its target's mean; other outputs, and networks without biases,
    /// start as their seed draws them.
    @Test func aLinearOutputStartsAtItsTargetsMean() throws {
        let data = DataSet(name: "p.csv", rows: [([0], [1000]), ([1], [1010]), ([2], [1020])])
        let linear = Network(layerSizes: [1, 3, 1], hidden: .sigmoid, output: .linear, usesBias: true, seed: 4)
        let centred = linear.centringLinearOutputs(on: data)
        #expect(centred.bias(layer: 1, neuron: 0) == 1010)
        // Everything else is untouched.
        let outputBias = linear.layout.biasIndex(layer: 1, neuron: 0)
        #expect(
            centred.parameters.indices.allSatisfy {
                $0 == outputBias || centred.parameters[$0] == linear.parameters[$0]
            })
        let sigmoid = Network(layerSizes: [1, 3, 1], hidden: .sigmoid, output: .sigmoid, usesBias: true, seed: 4)
        #expect(sigmoid.centringLinearOutputs(on: data).parameters == sigmoid.parameters)
        let biasFree = Network(layerSizes: [1, 3, 1], hidden: .sigmoid, output: .linear, usesBias: false, seed: 4)
        #expect(biasFree.centringLinearOutputs(on: data).parameters == biasFree.parameters)
    }
}
