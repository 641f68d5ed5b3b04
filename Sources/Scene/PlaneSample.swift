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

    /// Cells per side of the decision map: at ~350 pixels a side, smooth once stretched with
    /// linear filtering, and 2,304 forward passes a frame (well under a millisecond for 2-16-16-1).
    public static let defaultResolution = 48

    public init(network: Network, ranges: MapRanges, resolution: Int = PlaneSample.defaultResolution) {
        precondition(network.layout.inputCount == 2 && resolution > 0)
        self.resolution = resolution
        self.ranges = ranges
        layout = network.layout
        let count = layout.neuronCount
        var values = [Double](repeating: 0, count: resolution * resolution * count)
        var trace = Trace(layout: layout)
        var input = [0.0, 0.0]
        for row in 0..<resolution {
            for column in 0..<resolution {
                input[0] = Self.coordinate(column, resolution, ranges.x)
                input[1] = Self.coordinate(resolution - 1 - row, resolution, ranges.y)
                network.forward(input, into: &trace)
                let base = (row * resolution + column) * count
                for n in 0..<count { values[base + n] = trace.activations[n] }
            }
        }
        self.values = values
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
