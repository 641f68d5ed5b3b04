import Foundation
import NeuralCore
import Playback
import Testing

@testable import Scene
@testable import Session

/// Explain mode's numbers against a hand computation, its step against the trainer's, and its
/// cards inside the window.
struct ExplainTests {
    /// A 3-2-1 sigmoid network with biases and chosen weights.
    func smallNetwork() -> Network {
        var network = Network(layerSizes: [3, 2, 1], hidden: .sigmoid, output: .sigmoid, usesBias: true, seed: 1)
        let layout = network.layout
        let hidden: [[Double]] = [[0.5, -0.4, 0.3], [-0.2, 0.8, 0.1]]
        for j in 0..<2 {
            for i in 0..<3 { network.parameters[layout.weightIndex(layer: 0, to: j, from: i)] = hidden[j][i] }
        }
        network.parameters[layout.biasIndex(layer: 0, neuron: 0)] = 0.1
        network.parameters[layout.biasIndex(layer: 0, neuron: 1)] = -0.3
        network.parameters[layout.weightIndex(layer: 1, to: 0, from: 0)] = 1.2
        network.parameters[layout.weightIndex(layer: 1, to: 0, from: 1)] = -0.7
        network.parameters[layout.biasIndex(layer: 1, neuron: 0)] = 0.05
        return network
    }

    func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    @Test func theNumbersAreTheHandComputation() {
        let x = [1.0, 0.0, 1.0], y = 1.0, eta = 0.5
        let step = LearningStep(network: smallNetwork(), input: x, target: [y], loss: .mse, learningRate: eta)
        // Forward, by hand.
        let z1 = 0.5 * 1 + 0.3 * 1 + 0.1, z2 = -0.2 * 1 + 0.1 * 1 - 0.3
        let h1 = sigmoid(z1), h2 = sigmoid(z2)
        let zo = 1.2 * h1 - 0.7 * h2 + 0.05, o = sigmoid(zo)
        // Backward: δ = (o − y)·σ′ at the output, (w·δ)·σ′ below.
        let deltaOut = (o - y) * o * (1 - o)
        let delta1 = 1.2 * deltaOut * h1 * (1 - h1), delta2 = -0.7 * deltaOut * h2 * (1 - h2)
        let trace = step.trace
        #expect(abs(trace.sum(layer: 1, index: 0) - z1) < 1e-12 && abs(trace.sum(layer: 1, index: 1) - z2) < 1e-12)
        #expect(abs(trace.activation(layer: 2, index: 0) - o) < 1e-12)
        #expect(abs(trace.loss - 0.5 * (y - o) * (y - o)) < 1e-12)
        #expect(abs(trace.delta(layer: 2, index: 0) - deltaOut) < 1e-12)
        #expect(abs(trace.delta(layer: 1, index: 0) - delta1) < 1e-12)
        #expect(abs(trace.delta(layer: 1, index: 1) - delta2) < 1e-12)
        // Update: Δw = −η·δ·x, Δb = −η·δ.
        #expect(abs(step.weightChange(layer: 1, to: 0, from: 0) - (-eta * deltaOut * h1)) < 1e-12)
        #expect(abs(step.weightChange(layer: 0, to: 1, from: 2) - (-eta * delta2 * 1)) < 1e-12)
        #expect(step.weightChange(layer: 0, to: 0, from: 1) == 0)  // its input was 0
        #expect(abs(step.biasChange(layer: 0, neuron: 0)! - (-eta * delta1)) < 1e-12)

        // The cards write those numbers.
        let explanation = Explanation(step: step)
        #expect(!explanation.followsPath)
        #expect(
            explanation.stages == [
                .forward(NeuronID(layer: 1, index: 0)), .forward(NeuronID(layer: 1, index: 1)),
                .forward(NeuronID(layer: 2, index: 0)), .error, .backward(layer: 2), .backward(layer: 1), .update,
            ])
        let forward = explanation.lines(for: .forward(NeuronID(layer: 1, index: 0))).lines
        #expect(forward.contains("+0.5 × 1 = +0.5") && forward.contains("bias +0.1"), "\(forward)")
        #expect(forward.contains("z = Σ w·x + b = \(formatExplained(z1))"), "\(forward)")
        #expect(forward.last == "σ(z) = 1 / (1 + e^−z) = \(formatExplained(h1))")
        let error = explanation.lines(for: .error).lines
        #expect(error.last == "L = ½ Σ (y − o)² = \(formatExplained(0.5 * (y - o) * (y - o)))", "\(error)")
        let backward = explanation.lines(for: .backward(layer: 2)).lines
        #expect(backward.first == "δ = (o − y) · σ′(z),  σ′ = o·(1 − o)")
        #expect(
            backward.contains(
                "output 1: \(formatExplained(o - y, signed: true)) × \(formatExplained(o * (1 - o))) = "
                    + formatExplained(deltaOut, signed: true)), "\(backward)")
        let hidden = explanation.lines(for: .backward(layer: 1)).lines
        #expect(
            hidden.contains(
                "layer 1, neuron 1: \(formatExplained(1.2 * deltaOut, signed: true)) × "
                    + "\(formatExplained(h1 * (1 - h1))) = \(formatExplained(delta1, signed: true))"), "\(hidden)")
        let update = explanation.lines(for: .update).lines
        #expect(update.first == "Δw = −η · δ · x,  η = 0.5")
        #expect(
            update.last
                == "output for this example: \(formatExplained(o)) → \(formatExplained(step.newOutputs[0])) (target 1)")
        #expect(step.newOutputs[0] > o, "one step towards the target")
    }

    @Test func softmaxWithCrossEntropyHasDeltaOutputMinusTarget() {
        let network = Network(layerSizes: [2, 3, 2], hidden: .tanh, output: .softmax, usesBias: true, seed: 7)
        let step = LearningStep(network: network, input: [0.3, -0.8], target: [0, 1], loss: .ce, learningRate: 0.1)
        let o = step.trace.outputs
        #expect(abs(o[0] + o[1] - 1) < 1e-12)
        #expect(abs(step.trace.delta(layer: 2, index: 0) - o[0]) < 1e-12)
        #expect(abs(step.trace.delta(layer: 2, index: 1) - (o[1] - 1)) < 1e-12)
        #expect(abs(step.trace.loss - -log(o[1])) < 1e-12)
        let explanation = Explanation(step: step)
        let backward = explanation.lines(for: .backward(layer: 2)).lines
        #expect(backward.first == "δ = o − y  (the loss and the activation cancel)")
        #expect(
            backward.contains(
                "output 2: \(formatExplained(o[1])) − 1 = \(formatExplained(o[1] - 1, signed: true))"), "\(backward)")
        #expect(explanation.lines(for: .error).lines.last == "L = −Σ y·ln o = \(formatExplained(-log(o[1])))")
        #expect(explanation.lines(for: .forward(NeuronID(layer: 2, index: 1))).lines.last!.hasPrefix("softmax: "))
    }

    /// Outputs that stand for classes are named by their class: "output 1" on a digits network
    /// is the neuron of class "0", and its number would read as class 1.
    @Test func outputsOfClassesAreNamedByTheirClass() {
        let network = Network(layerSizes: [2, 3, 3], hidden: .tanh, output: .softmax, usesBias: true, seed: 7)
        let step = LearningStep(network: network, input: [0.3, -0.8], target: [0, 1, 0], loss: .ce, learningRate: 0.1)
        let named = Explanation(step: step, outputClasses: ["0", "1", "2"])
        let o = step.trace.outputs
        #expect(named.lines(for: .forward(NeuronID(layer: 2, index: 1))).title == "forward · output \"1\"")
        #expect(
            named.lines(for: .backward(layer: 2)).lines.contains(
                "output \"1\": \(formatExplained(o[1])) − 1 = \(formatExplained(o[1] - 1, signed: true))"))
        #expect(named.lines(for: .error).lines.contains { $0.hasPrefix("output \"0\": target y = 0") })
        let update = named.lines(for: .update).lines
        #expect(update.contains { $0.hasPrefix("Δb = −η · δ: output \"\(named.focus.index)\"'s bias") }, "\(update)")
        #expect(update.contains { $0.hasPrefix("output \"\(named.focus.index)\" for this example: ") }, "\(update)")
        // Classes that are not one per output, or none: outputs keep their numbers.
        #expect(Explanation(step: step, outputClasses: ["a", "b"]).outputClasses == nil)
        #expect(
            Explanation(step: step).lines(for: .forward(NeuronID(layer: 2, index: 1))).title == "forward · output 2")
    }

    @Test func theExplainedStepIsTheTrainersStep() {
        let network = smallNetwork()
        let data = DataSet(name: "one", rows: [([1, 0, 1], [1])])
        for rate in [0.5, 3.0] {
            let trainer = Trainer(network: network, dataSet: data, options: TrainingOptions(learningRate: rate))
            trainer.runIteration()
            let step = LearningStep(network: network, input: [1, 0, 1], target: [1], loss: .mse, learningRate: rate)
            #expect(step.after.parameters == trainer.network.parameters, "bit for bit at η = \(rate)")
        }
        // With momentum or mini-batches the card says what the session's own step adds.
        let step = LearningStep(network: network, input: [1, 0, 1], target: [1], loss: .mse, learningRate: 1)
        let explanation = Explanation(step: step, training: TrainingOptions(momentum: 0.9, batchSize: 8))
        let note = explanation.lines(for: .update).lines.last!
        #expect(note.contains("momentum 0.9") && note.contains("averages 8 examples"), "\(note)")
    }

    /// Every card lies inside the window, between the HUD bands, and is wide enough for its
    /// lines, for networks small and large; large ones follow a path.
    @Test(arguments: [[3, 4, 1], [8, 8, 8, 8, 2], [64, 32, 32, 10]])
    func cardsFitTheWindow(shape: [Int]) throws {
        var schedule = ScheduleOptions()
        schedule.keyframes = 4
        schedule.mode = .geometric
        let data = shape == [3, 4, 1] ? BuiltInDataSets.named("xor3")! : Self.lifted(shape)
        let plan = SessionPlan(
            dataSet: data,
            initialNetwork: Network(
                layerSizes: shape, hidden: .sigmoid, output: .sigmoid, usesBias: shape != [3, 4, 1], seed: 1),
            training: TrainingOptions(learningRate: 0.5), iterations: 50, schedule: schedule)
        let run = SessionRun(plan: plan)
        run.run()
        let progress = run.progress
        let network = progress.keyframes[1]
        let step = LearningStep(
            network: network, input: plan.dataSet.input(0), target: plan.dataSet.target(0), loss: plan.training.loss,
            learningRate: plan.training.learningRate)
        let explanation = Explanation(step: step, training: plan.training)
        #expect(explanation.followsPath == (shape != [3, 4, 1]))
        #expect(explanation.stages.count <= 16, "a path keeps the explanation short: \(explanation.stages.count)")
        for size in [(1280, 720), (1920, 1080)] {
            var input = sceneInput(plan, progress, frame: 0, width: size.0, height: size.1)
            for (k, stage) in explanation.stages.enumerated() {
                input.explain = ExplainView(explanation: explanation, stage: k, progress: 0.5)
                let painter = ExplainPainter(input: input, view: input.explain!)
                let box = painter.cardBox
                let layout = input.layout
                #expect(box.x >= 0 && box.maxX <= Double(layout.width), "\(shape) \(stage): \(box)")
                #expect(box.y >= layout.hudTop.maxY && box.maxY <= layout.hudBottom.y, "\(shape) \(stage): \(box)")
                let card = painter.cardText
                for line in [card.title] + card.lines {
                    #expect(
                        card.size.estimatedWidth(of: line) <= box.width - 2 * ExplainPainter.padding,
                        "\(shape) \(stage): '\(line)'")
                }
                _ = SceneBuilder.build(input)  // draws without tripping a precondition
            }
        }
    }

    static func lifted(_ shape: [Int]) -> DataSet {
        let rows = (0..<6).map { k -> ([Double], [Double]) in
            let input = (0..<shape[0]).map { Double(($0 + k) % 3) / 2 }
            var target = [Double](repeating: 0, count: shape.last!)
            target[k % shape.last!] = 1
            return (input, target)
        }
        return DataSet(name: "lifted", rows: rows)
    }

    @Test func theCursorPacesStagesByFrames() {
        var cursor = ExplainCursor(stageCount: 3, framesPerStage: 60)
        #expect(cursor.stage == 0 && cursor.progress == 0)
        for _ in 0..<90 { cursor.advance() }
        #expect(cursor.stage == 1 && abs(cursor.progress - 0.5) < 1e-12)
        cursor.faster()
        #expect(cursor.framesPerStage == 40 && cursor.stage == 1 && abs(cursor.progress - 0.5) < 1e-12)
        cursor.next()
        #expect(cursor.stage == 2 && cursor.progress == 0)
        for _ in 0..<1000 { cursor.advance() }
        #expect(cursor.stage == 2 && cursor.progress == 1 && cursor.isFinished)
        cursor.previous()
        #expect(cursor.stage == 2 && cursor.progress == 0)
        cursor.previous()
        #expect(cursor.stage == 1)
        for _ in 0..<20 { cursor.slower() }
        #expect(cursor.framesPerStage == ExplainCursor.paceRange.upperBound)
    }

    @Test func updateStageEasesTheWeightsFromOldToNew() {
        let step = LearningStep(network: smallNetwork(), input: [1, 0, 1], target: [1], loss: .mse, learningRate: 2)
        let explanation = Explanation(step: step)
        let update = explanation.stages.firstIndex(of: .update)!
        #expect(ExplainView(explanation: explanation, stage: 0, progress: 1).network == step.before)
        #expect(ExplainView(explanation: explanation, stage: update, progress: 0).network == step.before)
        #expect(ExplainView(explanation: explanation, stage: update, progress: 1).network == step.after)
        let half = ExplainView(explanation: explanation, stage: update, progress: 0.5).network
        let k = step.before.layout.weightIndex(layer: 1, to: 0, from: 0)
        #expect(
            abs(half.parameters[k] - (step.before.parameters[k] + step.after.parameters[k]) / 2) < 1e-12)
    }
}
