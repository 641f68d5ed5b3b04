/// Buffers the trainer's memory objects (`TrainerMemory`, `KernelShapeMemory`) allocate and own:
/// each is deallocated by its owner's `deinit`. At least one element is allocated, so even an
/// empty buffer has an address.
extension UnsafeMutablePointer {
    /// A new buffer holding `values`.
    static func allocate(copying values: [Pointee]) -> UnsafeMutablePointer<Pointee> {
        let buffer = allocate(capacity: Swift.max(values.count, 1))
        _ = UnsafeMutableBufferPointer(start: buffer, count: values.count).initialize(from: values)
        return buffer
    }
}

extension UnsafeMutablePointer where Pointee == Double {
    /// A new buffer of `count` zeros.
    static func allocate(zeros count: Int) -> UnsafeMutablePointer<Double> {
        let buffer = allocate(capacity: Swift.max(count, 1))
        buffer.initialize(repeating: 0, count: Swift.max(count, 1))
        return buffer
    }
}
