import ArgumentParser
import NeuralCore
import Scene
import SDLPlatform
import Session

extension BenchCommand {
    /// Image networks: a whole frame (build, draw, present) with the pad, the receptive fields and
    /// each neuron's strongest synapses — the built-in digits on 144-32-10 and 28×28 digits on
    /// 784-64-10 — and training throughput on the digits' default network.
    func benchImage() throws -> (JSONValue, String) {
        guard let font = AssetLocator.fontPath() else { throw ValidationError("cannot find \(AssetLocator.fontName)") }
        let (_, canvas, hasDisplay) = try benchCanvas()
        var fields: [(String, JSONValue)] = []
        var text =
            "render image networks (\(hasDisplay ? "window" : "offscreen"); ms median / p99 (megapixels, triangles)):"
        let plans = try imagePlans()
        let digits = plans[0]
        for plan in plans {
            let s = try playbackFrameTimes(of: plan, on: canvas, font: font)
            let label = "\(plan.dataSet.name) \(Self.name(plan.initialNetwork.layout.layerSizes))"
            fields.append((label, s.json(self)))
            text += s.text(label)
        }
        let s = trainingRates(digits, passes: quick ? 2 : 5, runs: quick ? 2 : 5)
        fields.append(("train digits 144-32-10", summaryJSON(s, unit: "example-steps/s")))
        text += "  train digits 144-32-10 \(format(s.median / 1e6, 3)) M example-steps/s"
        return (.object(fields), text)
    }

    /// The two image sessions these figures draw: the built-in digits on their default network,
    /// then `largeImagePlan`; 12 keyframes of 12 iterations each.
    func imagePlans() throws -> [SessionPlan] {
        let glyphs = try ShippedFont.digitGlyphs()
        var schedule = ScheduleOptions()
        schedule.keyframes = 12
        var model = ModelOptions()
        model.dataSet = "digits"
        model.digitGlyphs = glyphs
        model.iterations = 12
        return [
            try SessionPlan.make(model: model, schedule: schedule),
            Self.largeImagePlan(glyphs: glyphs, schedule: schedule),
        ]
    }

    /// Digits drawn at 28×28 (an MNIST-sized image), 500 of them, on a 784-64-10 softmax network.
    static func largeImagePlan(glyphs: [CoverageImage], schedule: ScheduleOptions) -> SessionPlan {
        let data = DigitImages.generate(glyphs: glyphs, shape: ImageShape(width: 28, height: 28), count: 500, seed: 1)
        let network = Network(
            layerSizes: [784, 64, 10], hidden: .sigmoid, output: .softmax, usesBias: true, initialization: .xavier,
            seed: 1)
        return SessionPlan(
            dataSet: data, initialNetwork: network, training: TrainingOptions(loss: .ce, learningRate: 0.05),
            iterations: 12, schedule: schedule)
    }
}
