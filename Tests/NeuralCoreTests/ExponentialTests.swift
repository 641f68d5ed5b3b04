import Foundation
import Testing

@testable import NeuralCore

/// The core's own e^x and tanh (`Exponential`) against the correctly rounded values, and the
/// vectorised activation loops against the scalar functions.
struct ExponentialTests {
    /// Units in the last place between two positive finite doubles (or two zeros).
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        a.bitPattern > b.bitPattern ? a.bitPattern - b.bitPattern : b.bitPattern - a.bitPattern
    }

    enum Function { case exp, tanh }

    /// The correctly rounded e^x or tanh x, near enough: the C library's extended precision where
    /// the machine has it (x86-64; 11 more bits), else its double precision.
    static func correct(_ function: Function, _ x: Double) -> Double {
        #if arch(x86_64)
            let wide = Float80(x)
            return Double(function == .exp ? Foundation.exp(wide) : Foundation.tanh(wide))
        #else
            return function == .exp ? Foundation.exp(x) : Foundation.tanh(x)
        #endif
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

    @Test func withinOneUnitInTheLastPlace() {
        var largest: UInt64 = 0, same = 0
        let xs = Self.samples(count: 300_000, seed: 5)
        for x in xs {
            let distance = Self.ulps(Exponential.value(x), Self.correct(.exp, x))
            largest = max(largest, distance)
            if distance == 0 { same += 1 }
        }
        #expect(largest <= 1, "largest difference \(largest) ulps")
        // A method right only to a few ulps would be correctly rounded far less often.
        #expect(Double(same) / Double(xs.count) > 0.85, "\(same) of \(xs.count) correctly rounded")
    }

    @Test func tanhWithinTwoUnitsInTheLastPlace() {
        var largest: UInt64 = 0, same = 0
        var rng = SeededGenerator(seed: 7)
        // Uniform in |z| < 20 and spread over the magnitudes down to 1e-300, both signs.
        let zs = (0..<200_000).map { k in
            k % 2 == 0 ? rng.nextUniform(-20, 20) : (k % 4 == 1 ? 1 : -1) * Foundation.pow(10, rng.nextUniform(-300, 1))
        }
        for z in zs {
            let mine = Exponential.tanh(z), correct = Self.correct(.tanh, z)
            #expect(mine.sign == correct.sign)
            let distance = Self.ulps(Swift.abs(mine), Swift.abs(correct))
            largest = max(largest, distance)
            if distance == 0 { same += 1 }
        }
        #expect(largest <= 2, "largest difference \(largest) ulps")
        #expect(Double(same) / Double(zs.count) > 0.9, "\(same) of \(zs.count) correctly rounded")
        for z in [0.0, -0.0, 1e-320, -1e-320] { #expect(Exponential.tanh(z).bitPattern == z.bitPattern) }
        #expect(Exponential.tanh(25) == 1 && Exponential.tanh(-25) == -1)
        #expect(Exponential.tanh(.infinity) == 1 && Exponential.tanh(-.infinity) == -1)
        #expect(Exponential.tanh(.nan).isNaN)
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

    /// The layer loops are vectorised by the compiler; each neuron must still get the bits of the
    /// scalar function (no fused or reordered arithmetic), extremes included.
    @Test(arguments: [1, 4, 8, 13, 32, 1_000])
    func aLayersActivationsAreTheNeuronsOwn(count: Int) {
        let extremes: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 800, -800, 1e300, -36.7, 745.5]
        let sums = Array((extremes + Self.samples(count: count, seed: UInt64(count)).map { $0 / 10 }).prefix(count))
        let cases: [(Activation, (Double) -> Double, (Double) -> Double)] = [
            (.sigmoid, Exponential.sigmoid, { 1 / (1 + Self.correct(.exp, -$0)) }),
            (.tanh, Exponential.tanh, { Self.correct(.tanh, $0) }),
        ]
        for (function, alone, reference) in cases {
            var acts = [Double](repeating: -1, count: count)
            sums.withUnsafeBufferPointer { s in
                acts.withUnsafeMutableBufferPointer { a in
                    function.activate(s.baseAddress!, into: a.baseAddress!, count: count)
                }
            }
            for (j, z) in sums.enumerated() {
                let expected = alone(z)
                #expect(
                    acts[j].bitPattern == expected.bitPattern || (acts[j].isNaN && expected.isNaN), "\(function)(\(z))")
                if z.isNaN {
                    #expect(acts[j].isNaN)
                } else {
                    #expect(abs(acts[j] - reference(z)) <= 2 * acts[j].ulp, "\(function)(\(z))")
                }
            }
        }
    }
}
