import Glibc
import NeuralCore

/// One training step on one example, told stage by stage with its real numbers (explain mode):
/// forward neuron by neuron, the error, backward layer by layer from the output, the update.
///
/// Small networks are explained whole. In larger ones the explanation follows one path: the
/// focus neuron (an output unless the user clicked another), the neurons below it that feed it
/// most, and above it the neurons it feeds most, up to the output.
public struct Explanation: Sendable {
    public enum Stage: Sendable, Equatable {
        case forward(NeuronID)
        case error
        /// The deltas of connection layer `layer`'s receiving neurons (layer ≥ 1).
        case backward(layer: Int)
        case update

        /// The name in `explain` events.
        public var name: String {
            switch self {
            case .forward: "forward"
            case .error: "error"
            case .backward: "backward"
            case .update: "update"
            }
        }
    }

    public let step: LearningStep
    public let stages: [Stage]
    /// The neurons explained, per layer (inputs: all of them).
    public let path: [[Int]]
    /// Whether only `path` is explained (a large network).
    public let followsPath: Bool
    /// The neuron the explanation is about.
    public let focus: NeuronID
    /// What the session's own step adds to this plain one (momentum, mini-batches), if anything.
    public let sessionDifference: String?
    /// The synapses the update stage lists and lights (the largest |Δw| along the path), found
    /// once: every frame of the stage draws them.
    public let largestChanges: [SynapseID]
    /// The classes the outputs stand for, one per output (nil when they are not one-hot
    /// classes): the cards then name an output by its class, `output "7"`, where its number
    /// would read as a class of its own.
    public let outputClasses: [String]?

    /// Networks with at most this many non-input neurons are explained neuron by neuron, whole.
    public static let wholeNetworkLimit = 12
    /// Neurons per layer a path keeps below the focus.
    static let feedersPerLayer = 2

    /// `outputClasses`: the data set's (`DataSet.outputClasses`), one per output.
    public init(
        step: LearningStep, focus: NeuronID? = nil, training: TrainingOptions? = nil, outputClasses: [String]? = nil
    ) {
        self.step = step
        let sizes = step.before.layout.layerSizes
        self.outputClasses = outputClasses.flatMap { $0.count == sizes.last ? $0 : nil }
        let last = sizes.count - 1
        let outputFocus = NeuronID(layer: last, index: Self.largestError(step))
        let focus = focus.flatMap { $0.layer >= 1 && $0.layer <= last && $0.index < sizes[$0.layer] ? $0 : nil }
        self.focus = focus ?? outputFocus
        followsPath = sizes.dropFirst().reduce(0, +) > Self.wholeNetworkLimit
        path = followsPath ? Self.path(through: self.focus, step: step) : sizes.map { Array(0..<$0) }
        var stages: [Stage] = []
        for layer in 1...last { stages += path[layer].map { .forward(NeuronID(layer: layer, index: $0)) } }
        stages.append(.error)
        for layer in stride(from: last, through: 1, by: -1) { stages.append(.backward(layer: layer)) }
        stages.append(.update)
        self.stages = stages
        largestChanges = Self.largestChanges(of: step, along: path)
        var differences: [String] = []
        if let training, training.momentum != 0 {
            differences.append("momentum \(formatExplained(training.momentum)) adds that much of the previous step")
        }
        if let training, training.batchSize > 1 {
            differences.append("the session averages \(training.batchSize) examples' Δ per step")
        }
        sessionDifference = differences.isEmpty ? nil : differences.joined(separator: "; ")
    }

    /// The output with the largest error, the natural one to follow.
    private static func largestError(_ step: LearningStep) -> Int {
        let outputs = step.trace.outputs
        return outputs.indices.max { abs(outputs[$0] - step.target[$0]) < abs(outputs[$1] - step.target[$1]) } ?? 0
    }

    /// The focus, the neurons feeding it most below (a few per layer), and the neurons it feeds
    /// most above (one per layer, up to the output).
    private static func path(through focus: NeuronID, step: LearningStep) -> [[Int]] {
        let network = step.before, sizes = network.layout.layerSizes
        var path = sizes.map { _ in [Int]() }
        path[0] = Array(0..<sizes[0])
        path[focus.layer] = [focus.index]
        var layer = focus.layer
        while layer > 1 {
            let receivers = path[layer]
            let strength = (0..<sizes[layer - 1]).map { i in
                receivers.reduce(0.0) { total, j in
                    total
                        + abs(
                            network.weight(layer: layer - 1, to: j, from: i)
                                * step.trace.activation(layer: layer - 1, index: i))
                }
            }
            path[layer - 1] = strength.indices.sorted { strength[$0] > strength[$1] }.prefix(feedersPerLayer).sorted()
            layer -= 1
        }
        layer = focus.layer
        while layer < sizes.count - 1 {
            let senders = path[layer]
            let next = (0..<sizes[layer + 1]).max { a, b in
                senders.reduce(0.0) { $0 + abs(network.weight(layer: layer, to: a, from: $1)) }
                    < senders.reduce(0.0) { $0 + abs(network.weight(layer: layer, to: b, from: $1)) }
            }!
            path[layer + 1] = [next]
            layer += 1
        }
        return path
    }

    /// The neuron a stage is about (for events and where its card goes).
    public func subject(of stage: Stage) -> NeuronID {
        switch stage {
        case .forward(let neuron): neuron
        case .error, .update:
            focus.layer == path.count - 1 ? focus : NeuronID(layer: path.count - 1, index: path.last![0])
        case .backward(let layer): NeuronID(layer: layer, index: path[layer].first ?? 0)
        }
    }
}

/// Three significant digits, signed where it helps reading a sum: explain mode's numbers (the
/// picture's two decimals would show most deltas as 0.00).
func formatExplained(_ v: Double, signed: Bool = false) -> String {
    guard v.isFinite else { return "nan" }
    let text = String(printf: "%.3g", abs(v))
    if v < 0 && text != "0" { return "−" + text }
    return signed ? "+" + text : text
}
