#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Adaptive keyframes decided as the trainer reaches them (large sessions, where a first pass
/// over the whole trajectory would keep the window waiting).
///
/// Fed the cumulative visible change `C(i)` at increasing iterations, it places keyframe k at the
/// first iteration where the change since keyframe k − 1 reaches an equal share of the change
/// still expected: `(C(i) + R(i) − C(it_{k−1})) / (K − k)`. The change still to come, `R(i)`, is
/// extrapolated under diminishing returns (rate ∝ 1/iteration): `R(i) = rate · i · ln((T + 1)/(i + 1))`,
/// with the rate the smaller of those over iterations i/2…i and i/4…i/2. Taking the smaller one
/// keeps a sudden breakout from being mistaken for the new normal: after a plateau the expected
/// change stays small, so the breakout is met with dense keyframes. When the trainer knows everything (`i = T`) the
/// rule is the equal
/// split of the whole trajectory. Decisions are final: the keyframes form a growing prefix.
///
/// Invariants as `Scheduler`'s: starts at 0, ends at T, strictly increasing, exactly
/// `min(K, T + 1)` keyframes — the trainer must report every iteration within `K` of T (see
/// `mustObserve`), where room runs out and keyframes are placed one per iteration.
public struct OnlineAdaptiveScheduler: Sendable {
    public let total: Int
    public let keyframeCount: Int
    public private(set) var keyframes: [Int] = [0]
    private var changeAtKeyframe = 0.0
    /// (iteration, cumulative change) observations, for the recent rate.
    private var history: [(Int, Double)] = [(0, 0)]

    public init(total: Int, keyframes: Int) {
        precondition(total >= 1 && keyframes >= 2)
        self.total = total
        keyframeCount = min(keyframes, total + 1)
    }

    public var isComplete: Bool { keyframes.count == keyframeCount }

    /// Whether iteration `i` must be reported (the last stretch, where keyframes may be forced).
    public func mustObserve(_ i: Int) -> Bool { total - i <= keyframeCount - keyframes.count + 1 }

    /// Reports the cumulative change at iteration `i` (increasing); returns true when `i` becomes
    /// the next keyframe.
    public mutating func observe(iteration i: Int, cumulativeChange c: Double) -> Bool {
        precondition(i > history.last!.0 && i <= total)
        history.append((i, c))
        guard !isComplete else { return false }
        let k = keyframes.count
        let remainingAfter = keyframeCount - 1 - k  // keyframes still to place after this one
        var place = i == total || total - i <= remainingAfter
        if !place && k < keyframeCount - 1 {
            let expected = c + expectedRemainingChange(at: i, change: c)
            let share = (expected - changeAtKeyframe) / Double(keyframeCount - k)
            place = share > 0 && c - changeAtKeyframe >= share
        }
        // Keep the last keyframe for T itself.
        if place && k == keyframeCount - 1 && i != total { place = false }
        guard place else { return false }
        keyframes.append(i)
        changeAtKeyframe = c
        return true
    }

    private func expectedRemainingChange(at i: Int, change c: Double) -> Double {
        guard i < total else { return 0 }
        let (iHalf, cHalf) = observation(atOrBefore: i / 2)
        let (iQuarter, cQuarter) = observation(atOrBefore: i / 4)
        var rate = i > iHalf ? (c - cHalf) / Double(i - iHalf) : 0
        if iHalf > iQuarter { rate = min(rate, (cHalf - cQuarter) / Double(iHalf - iQuarter)) }
        return max(rate, 0) * Double(i) * log(Double(total + 1) / Double(i + 1))
    }

    /// The latest observation at or before iteration `target`.
    private func observation(atOrBefore target: Int) -> (Int, Double) {
        var low = 0, high = history.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if history[mid].0 <= target { low = mid } else { high = mid - 1 }
        }
        return history[low]
    }
}
