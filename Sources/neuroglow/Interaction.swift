import NeuralCore
import Scene

/// What the user has done to the picture: their own input vector, the hovered element, overlays.
/// Plain state, changed by the live loop's input step and read by the scene.
struct Interaction {
    var userInput: [Double]? = nil
    var hovered: HoverTarget? = nil
    /// Which network `hovered` is on: 0, or 1 for `--compare`'s second.
    var hoveredNetwork = 0
    var showHelp = false
    var showFPS = false
    /// Whether a press on the timeline is being dragged.
    var isScrubbing = false
    /// The network whose decision map a press is being dragged in (the point follows the
    /// pointer), if any: 0, or 1 for `--compare`'s second.
    var pointingInMap: Int? = nil
    /// The stroke being painted on the pad, while its button is down.
    var painting: Stroke? = nil

    /// A stroke on the drawing pad: painting or erasing, and where the brush last touched (in
    /// cell units; nil while the pointer is outside the pad).
    struct Stroke {
        let erase: Bool
        /// The network whose pad the stroke began on (0, or 1 for `--compare`'s second).
        let network: Int
        var last: Point?
    }

    /// Toggles input neuron `index` between its data set's minimum and maximum, starting from
    /// `current` (what the network is thinking about now) if the user had no input yet.
    mutating func toggle(input index: Int, current: [Double], ranges: [ClosedRange<Double>]) {
        var values = userInput ?? current
        let range = ranges[index]
        values[index] =
            abs(values[index] - range.upperBound) < abs(values[index] - range.lowerBound)
            ? range.lowerBound : range.upperBound
        userInput = values
    }

    /// Moves input neuron `index` by `steps` tenths of its range, clamped to the range.
    mutating func nudge(input index: Int, steps: Int, current: [Double], ranges: [ClosedRange<Double>]) {
        var values = userInput ?? current
        let range = ranges[index]
        let step = max(range.upperBound - range.lowerBound, 1e-9) / 10
        values[index] = min(max(values[index] + Double(steps) * step, range.lowerBound), range.upperBound)
        userInput = values
    }
}
