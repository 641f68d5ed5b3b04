import NeuralCore

/// Which weight a synapse's width is measured against (docs/DESIGN.md §1).
public enum WeightScaleMode: String, Sendable, CaseIterable {
    /// The session's scale: the strongest weight the session reaches is the widest line, so the
    /// untrained network is thin and visibly strengthens as it learns.
    case session
    /// The strongest weight of the picture itself, for inspecting structure at any moment.
    case frame

    public var next: WeightScaleMode { self == .session ? .frame : .session }

    /// How the help overlay names it.
    public var title: String { self == .session ? "the session's strongest weight" : "this picture's strongest weight" }
}

extension SceneInput {
    /// The |w| drawn at full width in keyframe `k`'s picture.
    public func weightScale(ofKeyframe k: Int) -> Double {
        let network = k < progress.keyframes.count ? progress.keyframes[k] : plan.initialNetwork
        guard weightScaleMode == .session, k < progress.keyframeWeightScales.count else {
            return network.largestWeightMagnitude
        }
        return progress.keyframeWeightScales[k]
    }

    /// The |w| drawn at full width for `network`, the displayed network: on the session's scale,
    /// keyframe k's scale easing to k + 1's as the weights do, so the scale never jumps.
    public func weightScale(for network: Network) -> Double {
        guard weightScaleMode == .session else { return network.largestWeightMagnitude }
        let k = shownKeyframe
        let start = weightScale(ofKeyframe: k)
        guard state.phase == .ease, state.easeAmount > 0, k + 1 < progress.readyKeyframeCount, start.isFinite else {
            return start
        }
        return start + (weightScale(ofKeyframe: k + 1) - start) * state.easeAmount
    }
}
