/// The colours of a picture. Synapse colour encodes the sign of the weight (docs/DESIGN.md §1).
public struct Palette: Sendable, Equatable {
    public enum Name: String, CaseIterable, Sendable {
        /// Green positive, red negative, as in the video.
        case video
        /// TensorFlow Playground's blue positive, orange negative.
        case playground
        /// Blue positive, vermilion negative (Okabe–Ito), safe for the common colour blindnesses.
        case colorblind
    }

    public let name: Name
    public let positive: Color
    public let negative: Color
    public let background = Color(12, 14, 20)
    public let neuronFill = Color(34, 38, 48)
    public let neuronRim = Color(120, 128, 145)
    /// The colour of an active neuron and its halo.
    public let glow: Color
    /// The forward pulse (activity) and the backward pulse (error).
    public let forwardPulse: Color
    public let backwardPulse: Color
    public let text = Color(220, 224, 232)
    public let dimText = Color(140, 146, 160)
    public let panel = Color(24, 27, 36, 235)
    public let alert = Color(235, 70, 70)

    public init(_ name: Name) {
        self.name = name
        switch name {
        case .video:
            positive = Color(60, 200, 90)
            negative = Color(220, 60, 60)
            glow = Color(255, 214, 110)
            forwardPulse = Color(255, 240, 170)
            backwardPulse = Color(200, 120, 255)
        case .playground:
            positive = Color(40, 130, 230)
            negative = Color(245, 140, 40)
            glow = Color(240, 240, 255)
            forwardPulse = Color(220, 235, 255)
            backwardPulse = Color(255, 110, 180)
        case .colorblind:
            positive = Color(0, 114, 178)
            negative = Color(213, 94, 0)
            glow = Color(240, 228, 66)
            forwardPulse = Color(255, 250, 200)
            backwardPulse = Color(204, 121, 167)
        }
    }

    public func color(forWeight w: Double) -> Color { w >= 0 ? positive : negative }

    /// The next palette in the cycle (the P key).
    public var next: Palette {
        let all = Name.allCases
        return Palette(all[(all.firstIndex(of: name)! + 1) % all.count])
    }
}
