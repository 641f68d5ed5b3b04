import NeuralCore

/// The weights a shown session keeps: every keyframe's network (the timeline scrubs through them
/// and the picture eases between them), one copy per keyframe per network. A session that would
/// keep more than `limit` bytes of them is refused before it starts, with the number of
/// keyframes that would fit: a 3-4096-4096-1 network at the default 120 keyframes would keep
/// 16 GB, swapping the machine or ending under the kernel's out-of-memory killer mid-session.
public enum KeptWeights {
    /// 4 GB: 30 times what a 784-64-10 session keeps at 120 keyframes.
    public static let limit = 4_000_000_000

    /// Bytes of weights the session (both networks, compared) keeps over its keyframes.
    public static func bytes(_ plans: [SessionPlan]) -> Int {
        plans.reduce(0) { $0 + $1.initialNetwork.layout.parameterCount * 8 * $1.keyframeCount }
    }

    /// Throws when `plans` (a session, or the two compared) would keep more than `limit`.
    public static func check(_ plans: [SessionPlan]) throws(InputError) {
        let kept = bytes(plans)
        guard kept > limit, let first = plans.first else { return }
        let keyframes = first.keyframeCount
        let perKeyframe = kept / keyframes
        let fitting = limit / perKeyframe
        let networks = plans.map { plan in
            let layout = plan.initialNetwork.layout
            let shape = layout.layerSizes.map(String.init).joined(separator: "-")
            return "\(shape) (\(millions(layout.parameterCount)) weights)"
        }
        let advice =
            fitting >= 2
            ? "use --keyframes \(fitting) or fewer, or a smaller network"
            : "use a smaller network (even 2 keyframes would not fit)"
        throw InputError(
            "keeping \(networks.joined(separator: " and ")) at each of \(keyframes) keyframes takes "
                + "\(gigabytes(kept)) GB, more than the \(gigabytes(limit)) GB a session may keep: \(advice)")
    }

    private static func millions(_ count: Int) -> String {
        count >= 100_000 ? "\((Double(count) / 1e5).rounded() / 10) M" : "\(count)"
    }

    private static func gigabytes(_ bytes: Int) -> String { "\((Double(bytes) / 1e8).rounded() / 10)" }
}
