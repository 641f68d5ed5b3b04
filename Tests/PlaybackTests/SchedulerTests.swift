import Testing
@testable import Playback

struct SchedulerTests {
    static let pairs: [(total: Int, keyframes: Int)] = [
        (60_000, 120), (1_000, 120), (500, 13), (119, 120), (50, 120), (1, 2), (10, 3), (7, 8),
    ]

    static func checkInvariants(_ list: [Int], total: Int, expectedCount: Int) {
        #expect(list.first == 0)
        #expect(list.last == total)
        #expect(list.count == expectedCount, "\(list.count) keyframes, expected \(expectedCount)")
        for k in 1..<list.count { #expect(list[k] > list[k - 1], "not strictly increasing at \(k): \(list)") }
    }

    @Test(arguments: [ScheduleMode.geometric, .linear])
    func fixedModesKeepTheInvariants(mode: ScheduleMode) {
        for (total, keyframes) in Self.pairs {
            let list = Scheduler.iterations(mode: mode, iterations: total, keyframes: keyframes)
            Self.checkInvariants(list, total: total, expectedCount: min(keyframes, total + 1))
        }
    }

    @Test func fixedModesPlaceTheirKeyframesWhereTheySay() {
        // Linear: evenly spaced. Geometric: log-spaced, so equal ratios between successive
        // iterations past the first few (rounding keeps the small ones distinct).
        #expect(Scheduler.iterations(mode: .linear, iterations: 100, keyframes: 5) == [0, 25, 50, 75, 100])
        let geometric = Scheduler.iterations(mode: .geometric, iterations: 60_000, keyframes: 20)
        let ratios = (10..<geometric.count).map { Double(geometric[$0]) / Double(geometric[$0 - 1]) }
        for ratio in ratios { #expect(abs(ratio - ratios[0]) < 0.05 * ratios[0], "\(geometric)") }
        #expect(geometric[10] < 600, "half the keyframes in the first 1 % of a log-spaced session: \(geometric)")
    }

    @Test func miloReproducesTheVideosList() {
        #expect(
            Scheduler.iterations(mode: .milo, iterations: 60_000, keyframes: 120)
                == [0, 2, 10, 20, 50, 100, 200, 300, 400, 500, 1000, 2500, 12500, 60000])
        let scaled = Scheduler.iterations(mode: .milo, iterations: 6_000, keyframes: 120)
        #expect(scaled == [0, 1, 2, 3, 5, 10, 20, 30, 40, 50, 100, 250, 1250, 6000])
        for (total, _) in Self.pairs {
            Self.checkInvariants(
                Scheduler.iterations(mode: .milo, iterations: total, keyframes: 2), total: total,
                expectedCount: min(14, total + 1))
        }
    }

    @Test func adaptiveKeepsTheInvariants() {
        for (total, keyframes) in Self.pairs {
            // A diminishing-returns curve: C(i) = √(1 + i) − 1.
            var curve = (0...total).map { Double($0) }
            for i in curve.indices { curve[i] = (1 + curve[i]).squareRoot() - 1 }
            Self.checkInvariants(
                Scheduler.adaptive(cumulativeChange: curve, keyframes: keyframes), total: total,
                expectedCount: min(keyframes, total + 1))
        }
    }

    @Test func adaptiveFollowsAPlateauAndADrop() {
        // Slow steady change, then a sudden breakout between iterations 5,000 and 5,300, then slow again.
        let total = 20_000
        var curve = [Double](repeating: 0, count: total + 1)
        for i in 1...total {
            let rate = (5_000..<5_300).contains(i) ? 1.0 : 0.002
            curve[i] = curve[i - 1] + rate
        }
        let list = Scheduler.adaptive(cumulativeChange: curve, keyframes: 60)
        let atTheDrop = list.filter { (5_000...5_300).contains($0) }.count
        #expect(atTheDrop >= 35, "only \(atTheDrop) of 60 keyframes at the drop: \(list)")
        // A fixed curve puts hardly any there.
        let geometric = Scheduler.iterations(mode: .geometric, iterations: total, keyframes: 60)
        #expect(geometric.filter { (5_000...5_300).contains($0) }.count <= 3)
    }

    @Test func adaptiveWithoutChangeFallsBackToGeometric() {
        let flat = [Double](repeating: 0, count: 1001)
        #expect(
            Scheduler.adaptive(cumulativeChange: flat, keyframes: 20) == Scheduler.geometric(total: 1000, keyframes: 20)
        )
    }
}
