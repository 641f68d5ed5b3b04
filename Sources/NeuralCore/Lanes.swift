/// Eight doubles side by side, for the batch kernels. Lane-wise `+` and `*` are the scalar IEEE
/// operations themselves (never fused into one rounding), so a loop over lanes gives each lane
/// exactly the bits the scalar loop gives; what changes is that the sum stays in registers.
typealias Lanes = SIMD8<Double>

extension UnsafePointer<Double> {
    /// The `Lanes.scalarCount` values from this address on.
    @inline(__always)
    func lanes() -> Lanes { UnsafeRawPointer(self).loadUnaligned(as: Lanes.self) }
}

extension UnsafeMutablePointer<Double> {
    /// The `Lanes.scalarCount` values from this address on.
    @inline(__always)
    func lanes() -> Lanes { UnsafeRawPointer(self).loadUnaligned(as: Lanes.self) }

    /// Writes `values` to the `Lanes.scalarCount` places from this address on.
    @inline(__always)
    func store(_ values: Lanes) { UnsafeMutableRawPointer(self).storeBytes(of: values, as: Lanes.self) }
}
