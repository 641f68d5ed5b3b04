/// How the scheduler spreads keyframes over the training iterations (docs/DESIGN.md §2).
public enum ScheduleMode: String, CaseIterable, Sendable {
    /// Equal amounts of visible change between keyframes, measured on the trainer's trajectory.
    case adaptive
    /// Log-spaced iterations.
    case geometric
    /// The video's hand-picked list, scaled to the session's iteration count.
    case milo
    /// Evenly spaced iterations, for contrast.
    case linear

    /// Whether the mode needs the trainer's trajectory (a change curve) to place keyframes.
    public var needsTrajectory: Bool { self == .adaptive }
}
