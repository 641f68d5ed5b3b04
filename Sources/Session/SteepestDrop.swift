import Glibc

/// "The moment it clicks": where the loss falls fastest on the log–log loss curve.
///
/// Definition: for each sample a of the curve (positive finite losses), take the first later
/// sample b at least one doubling further on, (i_b + 1) ≥ 2 (i_a + 1), and the slope
/// s = Δ log(loss) / Δ log(iteration + 1) between them. The steepest drop is the pair with the most
/// negative s (the earliest of equal ones); it is marked at the pair's geometric middle,
/// √((i_a + 1)(i_b + 1)) − 1. Measuring over a doubling, the scale the log axis shows, keeps one
/// noisy sample from winning, and a curve that never falls has no steepest drop.
public struct SteepestDrop: Sendable, Equatable {
    /// Where the mark sits.
    public let iteration: Int
    /// The pair of samples it was measured between.
    public let from: Int, to: Int
    /// Decades of loss per decade of iterations (negative).
    public let slope: Double

    /// The steepest drop of `curve` (samples in increasing iteration), or nil when it never falls.
    public static func find(in curve: [LossSample]) -> SteepestDrop? {
        let points = curve.filter { $0.loss > 0 && $0.loss.isFinite }
        var best: SteepestDrop?
        var b = 0
        for a in points.indices {
            let start = Double(points[a].iteration + 1)
            b = max(b, a + 1)
            while b < points.count && Double(points[b].iteration + 1) < 2 * start { b += 1 }
            guard b < points.count else { break }
            let end = Double(points[b].iteration + 1)
            let slope = (log10(points[b].loss) - log10(points[a].loss)) / (log10(end) - log10(start))
            // Steeper by more than rounding, so the earliest of equal slopes stays.
            guard slope < 0, slope < (best?.slope ?? 0) - 1e-9 else { continue }
            best = SteepestDrop(
                iteration: Int((start * end).squareRoot().rounded()) - 1, from: points[a].iteration,
                to: points[b].iteration, slope: slope)
        }
        return best
    }
}

extension SessionProgress {
    /// The steepest drop of the loss curve so far, and the reached keyframe nearest it on the log
    /// axis (where M jumps); nil until the loss has fallen.
    public var steepestDrop: (drop: SteepestDrop, keyframe: Int)? {
        guard let drop = SteepestDrop.find(in: lossCurve), let iterations = keyframeIterations else { return nil }
        let target = log(Double(drop.iteration) + 1)
        func distance(_ k: Int) -> Double { abs(log(Double(iterations[k]) + 1) - target) }
        let reached = min(readyKeyframeCount, iterations.count)
        guard let nearest = (0..<reached).min(by: { distance($0) < distance($1) }) else { return nil }
        return (drop, nearest)
    }
}
