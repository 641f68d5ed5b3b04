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
        sizes = Self.copy(layout.layerSizes)
        neuronOffsets = Self.copy(layout.neuronOffsets)
        weightOffsets = Self.copy(layout.weightOffsets)
        biasOffsets = Self.copy(layout.biasOffsets)
        functions = Self.copy(activations)
        shape = KernelShape(
            layerCount: layout.layerCount, sizes: sizes, neuronOffsets: neuronOffsets, weightOffsets: weightOffsets,
            biasOffsets: biasOffsets, functions: functions, usesBias: layout.usesBias)
    }

    deinit {
        for buffer in [sizes, neuronOffsets, weightOffsets, biasOffsets] { buffer.deallocate() }
        functions.deallocate()
    }

    /// A new buffer holding `values` (at least one element, so even an empty array has an address).
    static func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        _ = UnsafeMutableBufferPointer(start: buffer, count: values.count).initialize(from: values)
        return buffer
    }
}
