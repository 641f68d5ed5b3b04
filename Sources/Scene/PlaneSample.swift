import NeuralCore

/// A network evaluated over a grid of its two inputs' plane: every neuron's activation at every
/// grid point. The decision map colours the output's; each neuron's small map, its own.
///
/// Grid point (row r, column c) sits at the centre of its cell: x grows left to right over
/// `ranges.x`, y bottom to top over `ranges.y`, row 0 at the top (as images are stored).
public struct PlaneSample: Sendable {
    public let resolution: Int
    public let ranges: MapRanges
    public let layout: NetworkLayout
    /// `values[point * neuronCount + neuron]`, neurons flat in layout order.
    private let values: [Double]

    /// Cells per side of the decision map: smooth once stretched with linear filtering over ~400
    /// pixels, and 1,024 forward passes a frame. (48 cost 1.4 ms a frame for spiral's 2-8-8-1 on
    /// this machine, most of it in exp and tanh; the frame's other work is 0.05 ms.)
    public static let defaultResolution = 32

    public init(network: Network, ranges: MapRanges, resolution: Int = PlaneSample.defaultResolution) {
        precondition(network.layout.inputCount == 2 && resolution > 0)
        self.resolution = resolution
        self.ranges = ranges
        layout = network.layout
        var inputs: [Double] = []
        inputs.reserveCapacity(2 * resolution * resolution)
        for row in 0..<resolution {
            for column in 0..<resolution {
                inputs.append(Self.coordinate(column, resolution, ranges.x))
                inputs.append(Self.coordinate(resolution - 1 - row, resolution, ranges.y))
            }
        }
        values = network.activations(forInputs: inputs)
    }

    /// The input value at the centre of cell `k` of `n` along `range`.
    static func coordinate(_ k: Int, _ n: Int, _ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (Double(k) + 0.5) / Double(n) * (range.upperBound - range.lowerBound)
    }

    /// The input values at grid point (row, column).
    public func input(row: Int, column: Int) -> [Double] {
        [
            Self.coordinate(column, resolution, ranges.x),
            Self.coordinate(resolution - 1 - row, resolution, ranges.y),
        ]
    }

    /// Neuron `index` of `layer`'s activation at grid point (row, column).
    public func activation(layer: Int, index: Int, row: Int, column: Int) -> Double {
        values[(row * resolution + column) * layout.neuronCount + layout.neuronIndex(layer: layer, index: index)]
    }
}
