import Foundation
import Session
import Testing

/// The moment it clicks, on synthetic loss curves.
struct SteepestDropTests {
    /// Log-spaced samples of `loss(iteration)` from 0 to `total`.
    func curve(_ total: Int = 60_000, _ loss: (Double) -> Double) -> [LossSample] {
        var iterations = [0]
        var i = 1.0
        while Int(i) < total {
            if Int(i) > iterations.last! { iterations.append(Int(i)) }
            i *= 1.05
        }
        iterations.append(total)
        return iterations.map { LossSample(iteration: $0, loss: loss(Double($0))) }
    }

    @Test func aSigmoidalDropIsFoundAtItsMiddle() throws {
        // Flat at 0.25, then down to 0.001 around iteration 2,000 (a step on the log axis).
        let drop = try #require(
            SteepestDrop.find(in: curve { i in 0.001 + 0.249 / (1 + pow((i + 1) / 2_000, 6)) }))
        #expect(drop.iteration > 1_200 && drop.iteration < 3_500, "\(drop)")
        #expect(drop.slope < -1 && drop.from < drop.iteration && drop.to > drop.iteration)
        #expect(Double(drop.to + 1) >= 2 * Double(drop.from + 1), "measured over at least a doubling")
    }

    @Test func aPowerLawFallsEverywhereAlikeAndTheFirstPairWins() throws {
        // loss ∝ (i + 1)^−1: the same slope everywhere on log–log axes.
        let drop = try #require(SteepestDrop.find(in: curve { i in 1 / (i + 1) }))
        #expect(abs(drop.slope + 1) < 1e-9)
        #expect(drop.from == 0)
    }

    @Test func aCurveThatNeverFallsHasNoDrop() {
        #expect(SteepestDrop.find(in: curve { _ in 0.25 }) == nil)
        #expect(SteepestDrop.find(in: curve { i in 0.1 + i / 1e6 }) == nil)
        #expect(SteepestDrop.find(in: []) == nil)
        #expect(SteepestDrop.find(in: [LossSample(iteration: 0, loss: 1)]) == nil)
    }

    @Test func oneNoisySampleDoesNotWin() throws {
        // A sharp one-sample dip on a slow fall: over a doubling its pair falls less than the real drop.
        var samples = curve { i in 0.001 + 0.249 / (1 + pow((i + 1) / 5_000, 4)) }
        let noisy = samples.firstIndex { $0.iteration >= 30 }!
        samples[noisy] = LossSample(iteration: samples[noisy].iteration, loss: samples[noisy].loss * 0.6)
        let drop = try #require(SteepestDrop.find(in: samples))
        #expect(drop.iteration > 2_500 && drop.iteration < 10_000, "\(drop)")
    }
}
