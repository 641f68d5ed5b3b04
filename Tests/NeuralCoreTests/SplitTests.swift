import Testing

@testable import NeuralCore

/// The 2-D sets' test part and noise: sizes, classes, determinism.
struct SplitTests {
    @Test func theTestPartIsSeededStratifiedAndKeepsTheOrder() throws {
        let circle = try #require(BuiltInDataSets.named("circle", seed: 3))
        let (train, test) = circle.split(testFraction: 0.5, seed: 3)
        let testPart = try #require(test)
        #expect(train.count == 100 && testPart.count == 100)
        // Stratified: each class gives half its points (circle has 100 of each).
        let ones = (0..<train.count).filter { train.target($0)[0] == 1 }.count
        #expect(ones == 50)
        // Every point is in exactly one part.
        let all = Set((0..<circle.count).map { circle.input($0) })
        let parts = Set((0..<train.count).map { train.input($0) } + (0..<testPart.count).map { testPart.input($0) })
        #expect(all == parts && all.count == 200)
        // The parts keep the set's order.
        let positions = (0..<train.count).map { e in (0..<circle.count).first { circle.input($0) == train.input(e) }! }
        #expect(positions == positions.sorted())
        // Same seed, same split; another seed, another.
        #expect(circle.split(testFraction: 0.5, seed: 3).train == train)
        #expect(circle.split(testFraction: 0.5, seed: 4).train != train)
        // A fifth: 20 of each class.
        #expect(circle.split(testFraction: 0.2, seed: 1).test?.count == 40)
        // No test part at 0.
        let (whole, none) = circle.split(testFraction: 0, seed: 1)
        #expect(whole == circle && none == nil)
    }

    @Test func noiseScattersThePointsAndIsSeeded() throws {
        let calm = try #require(BuiltInDataSets.named("gauss", seed: 1))
        #expect(BuiltInDataSets.named("gauss", seed: 1, noise: 0) == calm)
        let noisy = try #require(BuiltInDataSets.named("gauss", seed: 1, noise: 40))
        #expect(noisy == BuiltInDataSets.named("gauss", seed: 1, noise: 40))
        #expect(noisy.targets == calm.targets && noisy.inputs != calm.inputs)
        // σ = 40/250 = 0.16 per coordinate: the mean displacement is about 0.16·√(π/2)·… ≈ 0.2.
        var moved = 0.0
        for k in calm.inputs.indices { moved += abs(noisy.inputs[k] - calm.inputs[k]) }
        let mean = moved / Double(calm.inputs.count)
        #expect(mean > 0.08 && mean < 0.2, "mean displacement \(mean)")
        // reg-plane's noise is in its values.
        let plane = try #require(BuiltInDataSets.named("reg-plane", seed: 1, noise: 50))
        let flat = try #require(BuiltInDataSets.named("reg-plane", seed: 1))
        #expect(plane.inputs == flat.inputs && plane.targets != flat.targets)
    }
}
