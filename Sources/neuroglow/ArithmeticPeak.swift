import Dispatch

/// The most floating-point arithmetic one core does of the kind the trainer is allowed: separate
/// multiplies and adds (never fused: the weights stay the plain equations' bit for bit) on four
/// doubles at a time, the widest vectors of the build's target (AVX2). It is what `neuroglow
/// bench` holds the trainer's weight arithmetic against, measured in the same run rather than
/// worked out from a nominal clock: a VM's core may run well above the clock it reports.
enum ArithmeticPeak {
    /// Floating-point operations per second over `rounds` rounds of six multiplication chains and
    /// six addition chains, each four doubles wide: enough independent chains to keep every
    /// multiplier and adder busy while each operation waits out the latency of the one before.
    @inline(never)
    static func operationsPerSecond(rounds: Int) -> Double {
        // A factor just under 1 and a tiny addend keep every value a normal number for billions of rounds.
        let factor = SIMD4<Double>(repeating: 0.999_999_9), addend = SIMD4<Double>(repeating: 1e-9)
        let seed = SIMD4<Double>(1, 2, 3, 4)
        var m0 = seed, m1 = seed + 1, m2 = seed + 2, m3 = seed + 3, m4 = seed + 4, m5 = seed + 5
        var a0 = seed, a1 = seed + 1, a2 = seed + 2, a3 = seed + 3, a4 = seed + 4, a5 = seed + 5
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            m0 *= factor
            m1 *= factor
            m2 *= factor
            m3 *= factor
            m4 *= factor
            m5 *= factor
            a0 += addend
            a1 += addend
            a2 += addend
            a3 += addend
            a4 += addend
            a5 += addend
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // Using the results keeps the compiler from dropping the loop.
        let all = ((m0 + m1) + (m2 + m3) + (m4 + m5)) + ((a0 + a1) + (a2 + a3) + (a4 + a5))
        precondition(all.sum().isFinite)
        return Double(rounds) * 12 * 4 / seconds
    }
}
