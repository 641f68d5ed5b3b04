import ArgumentParser
import NeuralCore
import Scene
import SDLPlatform
import Session

extension BenchCommand {
    /// A whole frame (build, draw, present) of two-input sessions, which carry the decision map
    /// and a map in every neuron: spiral on 2-8-8-1, circle on 2-6-6-1, playing through their beats.
    func benchMap() throws -> (JSONValue, String) {
        guard let font = AssetLocator.fontPath() else { throw ValidationError("cannot find \(AssetLocator.fontName)") }
        let (_, canvas, hasDisplay) = try benchCanvas()
        var fields: [(String, JSONValue)] = []
        var text =
            "render with decision map (\(hasDisplay ? "window" : "offscreen"); "
            + "ms median / p99 (megapixels, triangles)):"
        for (name, shape) in [("spiral", [2, 8, 8, 1]), ("circle", [2, 6, 6, 1])] {
            var model = ModelOptions()
            model.dataSet = name
            model.layers = shape
            model.activation = .tanh
            model.iterations = 200
            var schedule = ScheduleOptions()
            schedule.keyframes = 12
            let plan = try SessionPlan.make(model: model, schedule: schedule)
            let s = try playbackFrameTimes(of: plan, on: canvas, font: font)
            let label = "\(name) \(Self.name(shape))"
            fields.append((label, s.json(self)))
            text += s.text(label)
        }
        return (.object(fields), text)
    }
}
