import Foundation
import Testing

@testable import NeuralCore

/// The core's own e^x (`Exponential`) against the C library's, and its vectorised loops against
/// the scalar function.
struct ExponentialTests {
    /// Units in the last place between two positive finite doubles (or two zeros).
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        a.bitPattern > b.bitPattern ? a.bitPattern - b.bitPattern : b.bitPattern - a.bitPattern
    }

    /// Random x over the whole finite range, densest where training meets it (|x| < 40).
    static func samples(count: Int, seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { k in
            switch k % 3 {
            case 0: rng.nextUniform(-745.1, 709.78)
            case 1: rng.nextUniform(-40, 40)
            default: rng.nextUniform(-1, 1)
            }
        }
    }

    @Test func withinOneUnitInTheLastPlaceOfTheCLibrary() {
        var largest: UInt64 = 0, same = 0
        let xs = Self.samples(count: 300_000, seed: 5)
        for x in xs {
            let distance = Self.ulps(Exponential.value(x), Foundation.exp(x))
            largest = max(largest, distance)
            if distance == 0 { same += 1 }
        }
        #expect(largest <= 1, "largest difference \(largest) ulps")
        // A method that is right only to a few ulps would agree with the library far less often.
        #expect(Double(same) / Double(xs.count) > 0.85, "\(same) of \(xs.count) identical")
    }

    @Test func edgesOfTheRange() {
        #expect(Exponential.value(0) == 1)
        #expect(Exponential.value(-0.0) == 1)
        #expect(Self.ulps(Exponential.value(1), M_E) <= 1)
        #expect(Self.ulps(Exponential.value(709.7), Foundation.exp(709.7)) <= 1)
        #expect(Exponential.value(709.79) == .infinity)
        #expect(Exponential.value(1e300) == .infinity)
        #expect(Exponential.value(.infinity) == .infinity)
        #expect(Exponential.value(-.infinity) == 0)
        #expect(Exponential.value(-1e300) == 0)
        #expect(Exponential.value(-745.2) == 0)
        #expect(Exponential.value(.nan).isNaN)
        // Subnormal results, rounded once.
        for x in [-708.5, -720.0, -730.25, -740.0, -744.4, -745.0] {
            let expected = Foundation.exp(x)
            #expect(expected < Double.leastNormalMagnitude)
            #expect(Self.ulps(Exponential.value(x), expected) <= 1, "e^\(x)")
        }
    }

    /// The layer loop is vectorised by the compiler; each neuron must still get the bits of the
    /// scalar function (no fused or reordered arithmetic), extremes included.
    @Test(arguments: [1, 4, 8, 13, 32, 1_000])
    func sigmoidOfALayerIsTheNeuronsOwn(count: Int) {
        let extremes: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 800, -800, 1e300, -36.7, 745.5]
        let sums = (extremes + Self.samples(count: count, seed: UInt64(count)).map { $0 / 10 }).prefix(count)
        var acts = [Double](repeating: -1, count: count)
        Array(sums).withUnsafeBufferPointer { s in
            acts.withUnsafeMutableBufferPointer { a in
                Activation.sigmoid.activate(s.baseAddress!, into: a.baseAddress!, count: count)
            }
        }
        for (j, z) in sums.enumerated() {
            let alone = Exponential.sigmoid(z)
            #expect(acts[j].bitPattern == alone.bitPattern || (acts[j].isNaN && alone.isNaN), "σ(\(z))")
            if z.isNaN {
                #expect(acts[j].isNaN)
            } else {
                #expect(abs(acts[j] - 1 / (1 + Foundation.exp(-z))) <= 2 * acts[j].ulp, "σ(\(z))")
            }
        }
    }
}
