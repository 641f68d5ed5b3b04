/// The data sets neuroglow knows by name.
///
/// Logic sets are exact truth tables; the 2-D sets are seeded point clouds in [-1, 1]² like
/// TensorFlow Playground's, with class targets 0/1 (regression for `reg-plane`).
public enum BuiltInDataSets {
    public static let names = [
        "xor3", "and", "or", "xor", "parity4", "even", "circle", "xor2d", "gauss", "spiral", "reg-plane", "digits",
    ]

    /// Whether `name` is a built-in set (rather than a CSV path).
    public static func isBuiltIn(_ name: String) -> Bool { names.contains(name) }

    /// Points in each 2-D set.
    public static let pointCount = 200

    /// The 2-D sets, which take noise and have a test part by default.
    public static let planeNames: Set<String> = ["circle", "xor2d", "gauss", "spiral", "reg-plane"]

    /// The data set called `name`, or nil if there is none. `seed` places the 2-D points;
    /// `noise` (0–50, as in TensorFlow Playground) scatters them: each point moves by a Gaussian
    /// step of σ = noise/250 per coordinate (0.2 at 50, where the classes overlap), and
    /// reg-plane's values by σ = noise/500. `digits` is drawn from `digitGlyphs`, the font's
    /// digits 0…9 (`DigitImages`), and is nil without them.
    public static func named(
        _ name: String, seed: UInt64 = 1, noise: Int = 0, digitGlyphs: [CoverageImage]? = nil
    ) -> DataSet? {
        switch name {
        case "xor3":
            // The video's seven rows: the first two inputs behave like XOR, the third is irrelevant.
            return DataSet(
                name: name,
                rows: [
                    ([0, 0, 1], [0]), ([0, 1, 1], [1]), ([1, 0, 1], [1]), ([0, 1, 0], [1]),
                    ([1, 0, 0], [1]), ([1, 1, 1], [0]), ([0, 0, 0], [0]),
                ], defaultsToNoBias: true)
        case "and": return gate(name) { $0 && $1 }
        case "or": return gate(name) { $0 || $1 }
        case "xor": return gate(name) { $0 != $1 }
        case "parity4":
            return DataSet(name: name, rows: (0..<16).map { n in (bits(n, 4), [Double(n.nonzeroBitCount % 2)]) })
        case "even":
            return DataSet(name: name, rows: (0..<16).map { n in (bits(n, 4), [n % 2 == 0 ? 1 : 0]) })
        case "circle", "xor2d", "gauss", "spiral", "reg-plane":
            return points(name, seed: seed, noise: Double(noise))
        case "digits":
            return digitGlyphs.map { DigitImages.generate(glyphs: $0, seed: seed) }
        default:
            return nil
        }
    }

    private static func bits(_ n: Int, _ width: Int) -> [Double] {
        (0..<width).map { Double((n >> (width - 1 - $0)) & 1) }
    }

    private static func gate(_ name: String, _ rule: (Bool, Bool) -> Bool) -> DataSet {
        DataSet(
            name: name,
            rows: [(false, false), (false, true), (true, false), (true, true)].map { a, b in
                ([a ? 1 : 0, b ? 1 : 0], [rule(a, b) ? 1 : 0])
            })
    }

    private static func points(_ name: String, seed: UInt64, noise: Double) -> DataSet {
        var rng = SeededGenerator(seed: seed &+ 0x5EED)
        // Noise has its own generator, so the points without noise are the same at every level.
        var scatter = SeededGenerator(seed: seed &+ 0x9015E)
        var inputs: [Double] = [], targets: [Double] = []
        func add(_ x: Double, _ y: Double, _ t: Double) {
            var x = x, y = y, t = t
            if noise > 0 {
                if name == "reg-plane" {
                    t = min(max(t + scatter.nextGaussian() * noise / 500, 0), 1)
                } else {
                    x += scatter.nextGaussian() * noise / 250
                    y += scatter.nextGaussian() * noise / 250
                }
            }
            inputs += [min(max(x, -1), 1), min(max(y, -1), 1)]
            targets.append(t)
        }
        let n = pointCount
        switch name {
        case "circle":
            // Inside a disc of radius 0.4 is class 1; a ring from 0.6 to 0.9 around it is class 0.
            // The classes alternate: trained one example at a time in order, a set sorted by class
            // ends each pass on fifty examples of one class, and the loss first climbs.
            for k in 0..<n {
                let inside = k % 2 == 0
                let r = inside ? rng.nextUniform(0, 0.4) : rng.nextUniform(0.6, 0.9)
                let angle = rng.nextUniform(0, 2 * .pi)
                add(r * _cos(angle), r * _sin(angle), inside ? 1 : 0)
            }
        case "xor2d":
            for _ in 0..<n {
                var x = rng.nextUniform(-1, 1), y = rng.nextUniform(-1, 1)
                x += x > 0 ? 0.05 : -0.05
                y += y > 0 ? 0.05 : -0.05
                add(x, y, (x * y >= 0) ? 1 : 0)
            }
        case "gauss":
            for k in 0..<n {
                let positive = k % 2 == 0
                let centre = positive ? 0.5 : -0.5
                add(centre + rng.nextGaussian() * 0.2, centre + rng.nextGaussian() * 0.2, positive ? 1 : 0)
            }
        case "spiral":
            for k in 0..<n {
                let positive = k % 2 == 0
                let step = Double(k / 2) / Double(n / 2)
                let r = 0.9 * step
                let angle = 1.75 * step * 2 * .pi + (positive ? 0 : .pi)
                add(
                    r * _sin(angle) + rng.nextUniform(-0.03, 0.03), r * _cos(angle) + rng.nextUniform(-0.03, 0.03),
                    positive ? 1 : 0)
            }
        default:  // reg-plane: a tilted plane, targets in 0...1
            for _ in 0..<n {
                let x = rng.nextUniform(-1, 1), y = rng.nextUniform(-1, 1)
                add(x, y, min(max(0.5 + 0.25 * x + 0.25 * y + rng.nextGaussian() * 0.02, 0), 1))
            }
        }
        return DataSet(
            name: name, inputNames: ["x", "y"], targetNames: ["class"].map { name == "reg-plane" ? "value" : $0 },
            inputs: inputs, targets: targets, isRegression: name == "reg-plane")
    }
}
