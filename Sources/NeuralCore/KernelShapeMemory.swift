/// A network's layout and activations copied into memory this object owns, for as long as it
/// lives, with `shape` pointing at them: the batch kernels' view of a network (`KernelShape`),
/// without the arrays' retain/release and bounds checks on every step.
final class KernelShapeMemory {
    let shape: KernelShape
    private let sizes: UnsafeMutablePointer<Int>
    private let neuronOffsets: UnsafeMutablePointer<Int>
    private let weightOffsets: UnsafeMutablePointer<Int>
    private let biasOffsets: UnsafeMutablePointer<Int>
    private let functions: UnsafeMutablePointer<Activation>

    init(layout: NetworkLayout, activations: [Activation]) {
        sizes = .allocate(copying: layout.layerSizes)
        neuronOffsets = .allocate(copying: layout.neuronOffsets)
        weightOffsets = .allocate(copying: layout.weightOffsets)
        biasOffsets = .allocate(copying: layout.biasOffsets)
        functions = .allocate(copying: activations)
        shape = KernelShape(
            layerCount: layout.layerCount, sizes: sizes, neuronOffsets: neuronOffsets, weightOffsets: weightOffsets,
            biasOffsets: biasOffsets, functions: functions, usesBias: layout.usesBias)
    }

    deinit {
        for buffer in [sizes, neuronOffsets, weightOffsets, biasOffsets] { buffer.deallocate() }
        functions.deallocate()
    }
}
