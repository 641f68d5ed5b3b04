/// The memory the trainer's hot loop works in, owned for the trainer's lifetime: the parameters
/// with their velocity and batch sums, one example's sums, activations and deltas, the
/// data set's values, each example's last loss, and the network's layers bound to those buffers
/// (`KernelLayers`); for mini-batches also the layout as a `KernelShape` and the batch's values
/// side by side (`BatchKernels`).
///
/// Raw buffers rather than arrays: the loop then pays no retain/release, uniqueness check or
/// bounds check per example step, and needs no `withUnsafe…` closure to reach them.
final class TrainerMemory {
    let parameterCount: Int
    let neuronCount: Int
    /// The parameters, with their velocity and batch sums laid out alike: in the single-example
    /// kernels' order (`KernelOrder`) when the batch size is 1, else in the network's
    /// (`BatchKernels`). `networkParameters()` gives them in the network's order.
    let parameters: UnsafeMutablePointer<Double>
    let velocity: UnsafeMutablePointer<Double>
    let accumulated: UnsafeMutablePointer<Double>
    let sums: UnsafeMutablePointer<Double>
    let activations: UnsafeMutablePointer<Double>
    let deltas: UnsafeMutablePointer<Double>
    let inputs: UnsafeMutablePointer<Double>
    let targets: UnsafeMutablePointer<Double>
    let losses: UnsafeMutablePointer<Double>
    let layers: KernelLayers
    let shape: KernelShape
    /// Mini-batches: the batch's sums, activations and deltas (`neuronCount × batchSize`), its
    /// examples' rows and losses, and scratch room for `BatchKernels`.
    let batchSums: UnsafeMutablePointer<Double>
    let batchActivations: UnsafeMutablePointer<Double>
    let batchDeltas: UnsafeMutablePointer<Double>
    let batchExamples: UnsafeMutablePointer<Int>
    let batchLosses: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Double>
    /// The widest layer (the scratch room is laid out by it).
    let widest: Int
    private let layout: NetworkLayout
    private let inKernelOrder: Bool
    /// Where `shape` points.
    private let shapeMemory: KernelShapeMemory
    private let boundLayers: UnsafeMutablePointer<KernelLayer>

    /// `batchSize`: the batch buffers' room (none is kept for one example at a time), and the
    /// parameters' order.
    init(network: Network, dataSet: DataSet, batchSize: Int) {
        let layout = network.layout
        self.layout = layout
        parameterCount = layout.parameterCount
        neuronCount = layout.neuronCount
        inKernelOrder = batchSize == 1
        parameters = .allocate(copying: inKernelOrder ? layout.kernelOrder(network.parameters) : network.parameters)
        velocity = .allocate(zeros: parameterCount)
        accumulated = .allocate(zeros: parameterCount)
        sums = .allocate(zeros: neuronCount)
        activations = .allocate(zeros: neuronCount)
        deltas = .allocate(zeros: neuronCount)
        inputs = .allocate(copying: dataSet.inputs)
        targets = .allocate(copying: dataSet.targets)
        losses = .allocate(zeros: dataSet.count)
        shapeMemory = KernelShapeMemory(layout: layout, activations: network.activations)
        shape = shapeMemory.shape
        // A batch never holds more than the whole set, however large the size asked for.
        let batch = batchSize > 1 ? min(batchSize, dataSet.count) : 0
        widest = layout.layerSizes.max()!
        batchSums = .allocate(zeros: neuronCount * batch)
        batchActivations = .allocate(zeros: neuronCount * batch)
        batchDeltas = .allocate(zeros: neuronCount * batch)
        batchExamples = .allocate(copying: [Int](repeating: 0, count: batch))
        batchLosses = .allocate(zeros: batch)
        scratch = .allocate(zeros: (3 + batch) * widest)
        boundLayers = .allocate(capacity: layout.layerCount - 1)
        // Used one example at a time only, where the parameters are in the kernels' order.
        KernelLayer.bind(
            layout, firstLayerByInput: true, activations: network.activations, parameters: parameters, sums: sums,
            acts: activations, deltas: deltas, into: boundLayers)
        layers = KernelLayers(layers: boundLayers, count: layout.layerCount - 1)
    }

    deinit {
        for buffer in [
            parameters, velocity, accumulated, sums, activations, deltas, inputs, targets, losses,
            batchSums, batchActivations, batchDeltas, batchLosses, scratch,
        ] {
            buffer.deallocate()
        }
        batchExamples.deallocate()
        boundLayers.deallocate()
    }

    /// The parameters as they stand, in the network's order.
    func networkParameters() -> [Double] {
        inKernelOrder ? layout.layoutOrder(parameters) : Self.array(parameters, count: parameterCount)
    }

    /// `count` values from `buffer`, as an array.
    static func array(_ buffer: UnsafeMutablePointer<Double>, count: Int) -> [Double] {
        Array(UnsafeBufferPointer(start: buffer, count: count))
    }
}
