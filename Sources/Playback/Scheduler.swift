#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Chooses the iterations `it_0 … it_{K-1}` a session shows.
///
/// Invariants for every mode: `it_0 = 0`, the last is `T`, strictly increasing, and the same
/// inputs give the same list. There are exactly K keyframes when `T + 1 ≥ K` and all iterations
/// `0…T` otherwise — except `milo`, whose list fixes its own count (14 with iteration 0).
public enum Scheduler {
    /// The video's moments (iterations of 60,000), before iteration 0 is prepended.
    public static let miloMoments = [2, 10, 20, 50, 100, 200, 300, 400, 500, 1000, 2500, 12500, 60000]

    /// Keyframe iterations for the modes that need no trajectory. Precondition: `mode` is not
    /// `adaptive`, `iterations ≥ 1`, `keyframes ≥ 2`.
    public static func iterations(mode: ScheduleMode, iterations total: Int, keyframes: Int) -> [Int] {
        precondition(total >= 1 && keyframes >= 2)
        switch mode {
        case .linear:
            let count = min(keyframes, total + 1)
            return repaired(
                (0..<count).map { k in Int((Double(k) * Double(total) / Double(count - 1)).rounded()) }, total: total)
        case .geometric, .adaptive:
            return geometric(total: total, keyframes: keyframes)
        case .milo:
            let scaled = [0] + miloMoments.map { Int((Double($0) * Double(total) / 60_000).rounded()) }
            return repaired(scaled, total: total, count: min(scaled.count, total + 1))
        }
    }

    /// Log-spaced iterations: 0, then K − 1 points from 1 to T evenly spaced in log(iteration).
    public static func geometric(total: Int, keyframes: Int) -> [Int] {
        let count = min(keyframes, total + 1)
        guard count > 2 else { return count == 2 ? [0, total] : [0] }
        let logTotal = log(Double(total))
        let raw =
            [0]
            + (0..<(count - 1)).map { k in
                Int(exp(logTotal * Double(k) / Double(count - 2)).rounded())
            }
        return repaired(raw, total: total)
    }

    /// Adaptive placement: keyframe k at the first iteration where the cumulative visible change
    /// reaches k/(K − 1) of the session's total, so each keyframe shows about the same change.
    ///
    /// - Parameter cumulativeChange: `C[i]` for every iteration `0…T` (non-decreasing, `C[0] = 0`).
    ///   When the network does not visibly change at all, falls back to `geometric`.
    public static func adaptive(cumulativeChange: [Double], keyframes: Int) -> [Int] {
        let total = cumulativeChange.count - 1
        precondition(total >= 1 && keyframes >= 2)
        let count = min(keyframes, total + 1)
        let overall = cumulativeChange[total]
        guard overall > 0, overall.isFinite else { return geometric(total: total, keyframes: keyframes) }
        var raw: [Int] = [0]
        var i = 0
        for k in 1..<count {
            let goal = overall * Double(k) / Double(count - 1)
            while i < total && cumulativeChange[i] < goal { i += 1 }
            raw.append(i)
        }
        return repaired(raw, total: total)
    }

    /// Forces the invariants onto a nearly-right list: first 0, last `total`, strictly increasing,
    /// keeping each entry as close to where it was as the neighbours allow.
    static func repaired(_ raw: [Int], total: Int, count: Int? = nil) -> [Int] {
        let n = count ?? raw.count
        precondition(n <= total + 1 && n >= 1)
        var list = Array(raw.prefix(n)).map { min(max($0, 0), total) }
        if n == 1 { return [0] }
        if list.count < n { list += Array(repeating: total, count: n - list.count) }
        list[0] = 0
        list[n - 1] = total
        for k in 1..<n { list[k] = max(list[k], list[k - 1] + 1) }
        for k in stride(from: n - 2, through: 0, by: -1) { list[k] = min(list[k], list[k + 1] - 1) }
        return list
    }
}
