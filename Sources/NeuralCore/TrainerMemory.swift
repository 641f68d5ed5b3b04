/// The memory the trainer's hot loop works in, owned for the trainer's lifetime: the parameters
/// with their velocity and batch sums, one example's sums, activations, deltas and gradients, the
/// data set's values, each example's last loss, and the layout as a `KernelShape`.
///
/// Raw buffers rather than arrays: the loop then pays no retain/release, uniqueness check or
/// bounds check per example step, and needs no `withUnsafe…` closure to reach them.
final class TrainerMemory {
    let parameterCount: Int
    let neuronCount: Int
    let parameters: UnsafeMutablePointer<Double>
    let velocity: UnsafeMutablePointer<Double>
    let accumulated: UnsafeMutablePointer<Double>
    let sums: UnsafeMutablePointer<Double>
    let activations: UnsafeMutablePointer<Double>
    let deltas: UnsafeMutablePointer<Double>
    let gradients: UnsafeMutablePointer<Double>
    let inputs: UnsafeMutablePointer<Double>
    let targets: UnsafeMutablePointer<Double>
    let losses: UnsafeMutablePointer<Double>
    let shape: KernelShape
    private let sizes: UnsafeMutablePointer<Int>
    private let neuronOffsets: UnsafeMutablePointer<Int>
    private let weightOffsets: UnsafeMutablePointer<Int>
    private let biasOffsets: UnsafeMutablePointer<Int>
    private let functions: UnsafeMutablePointer<Activation>

    init(network: Network, dataSet: DataSet) {
        let layout = network.layout
        parameterCount = layout.parameterCount
        neuronCount = layout.neuronCount
        parameters = Self.copy(network.parameters)
        velocity = Self.zeros(parameterCount)
        accumulated = Self.zeros(parameterCount)
        sums = Self.zeros(neuronCount)
        activations = Self.zeros(neuronCount)
        deltas = Self.zeros(neuronCount)
        gradients = Self.zeros(parameterCount)
        inputs = Self.copy(dataSet.inputs)
        targets = Self.copy(dataSet.targets)
        losses = Self.zeros(dataSet.count)
        sizes = Self.copy(layout.layerSizes)
        neuronOffsets = Self.copy(layout.neuronOffsets)
        weightOffsets = Self.copy(layout.weightOffsets)
        biasOffsets = Self.copy(layout.biasOffsets)
        functions = Self.copy(network.activations)
        shape = KernelShape(
            layerCount: layout.layerCount, sizes: sizes, neuronOffsets: neuronOffsets, weightOffsets: weightOffsets,
            biasOffsets: biasOffsets, functions: functions, usesBias: layout.usesBias)
    }

    deinit {
        for buffer in [
            parameters, velocity, accumulated, sums, activations, deltas, gradients, inputs, targets, losses,
        ] {
            buffer.deallocate()
        }
        for buffer in [sizes, neuronOffsets, weightOffsets, biasOffsets] { buffer.deallocate() }
        functions.deallocate()
    }

    /// `count` values from `buffer`, as an array.
    static func array(_ buffer: UnsafeMutablePointer<Double>, count: Int) -> [Double] {
        Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    /// A new buffer holding `values` (at least one element, so even an empty array has an address).
    private static func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        _ = UnsafeMutableBufferPointer(start: buffer, count: values.count).initialize(from: values)
        return buffer
    }

    private static func zeros(_ count: Int) -> UnsafeMutablePointer<Double> {
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: 0, count: max(count, 1))
        return buffer
    }
}
