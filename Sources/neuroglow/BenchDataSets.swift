import FoundationEssentials
import Glibc
import NeuralCore

/// Data sets for benchmarking shapes whose input width is not 2: the `circle` points lifted to
/// `inputs` features (x, y, then fixed seeded projections tanh(a·x + b·y)), with `outputs` classes
/// (the ring's inside/outside for 2, the point's angle sector for more), targets one-hot.
enum BenchDataSets {
    static func lifted(inputs: Int, outputs: Int) -> DataSet {
        let circle = BuiltInDataSets.named("circle")!
        var rng = SeededGenerator(seed: 77)
        let projections = (0..<max(inputs - 2, 0)).map { _ in (rng.nextUniform(-3, 3), rng.nextUniform(-3, 3)) }
        var x: [Double] = [], y: [Double] = []
        for e in 0..<circle.count {
            let p = circle.input(e)
            x += [p[0], p[1]] + projections.map { tanh($0.0 * p[0] + $0.1 * p[1]) }
            var target = [Double](repeating: 0, count: outputs)
            if outputs == 1 {
                target[0] = circle.target(e)[0]
            } else if outputs == 2 {
                target[circle.target(e)[0] == 1 ? 0 : 1] = 1
            } else {
                let angle = atan2(p[1], p[0])
                target[min(Int((angle + .pi) / (2 * .pi) * Double(outputs)), outputs - 1)] = 1
            }
            y += target
        }
        return DataSet(
            name: "circle-lifted-\(inputs)", inputNames: (0..<inputs).map { "x\($0)" },
            targetNames: (0..<outputs).map { "y\($0)" }, inputs: x, targets: y)
    }

    /// `set` as CSV text with a header (inputs, then targets named y…): what `--dataset FILE.csv` reads.
    static func csvText(_ set: DataSet) -> String {
        var lines = [(set.inputNames + set.targetNames).joined(separator: ",")]
        for e in 0..<set.count {
            lines.append((set.input(e) + set.target(e)).map { String($0) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
