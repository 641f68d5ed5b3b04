/// How a new network's weights are drawn. Biases always start at zero.
public enum WeightInitialization: String, CaseIterable, Sendable {
    /// Uniform in [-1, 1): the video's `2 * random.random(...) - 1`.
    case uniform
    /// Xavier/Glorot uniform: ±√(6 / (fanIn + fanOut)), for sigmoid and tanh layers.
    case xavier
    /// He normal: N(0, 2 / fanIn), for ReLU layers.
    case he

    func sample(fanIn: Int, fanOut: Int, using rng: inout SeededGenerator) -> Double {
        switch self {
        case .uniform:
            return rng.nextUniform(-1, 1)
        case .xavier:
            let limit = _sqrt(6 / Double(fanIn + fanOut))
            return rng.nextUniform(-limit, limit)
        case .he:
            return rng.nextGaussian() * _sqrt(2 / Double(fanIn))
        }
    }
}
