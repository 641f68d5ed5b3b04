/// A region of the window that a feature owns (docs/DESIGN.md §1 "Areas"), reported with its
/// rectangle in the `layout` event. The layout decides every area once; features draw in theirs.
public struct SceneArea: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Where the network is drawn.
        case network
        /// The strip with the loss curve, the keyframe ticks and the playback position.
        case timeline
        /// The decision map: the network's output over the plane of its two inputs.
        case map
        /// The drawing pad: an image network's input layer, painted on with the mouse.
        case pad
    }

    public let kind: Kind
    public let rect: Rect
    /// For the map: the input values it spans, the first input along x, the second along y.
    public let ranges: MapRanges?

    public init(kind: Kind, rect: Rect, ranges: MapRanges? = nil) {
        self.kind = kind
        self.rect = rect
        self.ranges = ranges
    }
}

/// The input values a decision map spans: the first input along x (left to right), the second
/// along y (bottom to top, as plots are read).
public struct MapRanges: Sendable, Equatable {
    public let x: ClosedRange<Double>
    public let y: ClosedRange<Double>

    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
        self.x = x
        self.y = y
    }

    /// The data's own ranges widened by a twentieth of their span on each side (no point sits on
    /// the border), then out to a round step, so the axes read −1, 0, 1 rather than −0.93, 0.01, 0.96.
    public init(around data: [ClosedRange<Double>]) {
        func widened(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
            let span = r.upperBound - r.lowerBound
            guard span > 0 else { return (r.lowerBound - 0.5)...(r.upperBound + 0.5) }
            let low = r.lowerBound - span / 20, high = r.upperBound + span / 20
            var step = 1.0
            while step > (high - low) / 5 { step /= 10 }
            while step * 10 < (high - low) / 5 { step *= 10 }
            for factor in [5.0, 2.0] where step * factor <= (high - low) / 5 {
                step *= factor
                break
            }
            // Multiples of the step, cleaned of binary fractions (11 × 0.1 is 1.1000000000000001).
            func clean(_ v: Double) -> Double { (v * 1e9).rounded() / 1e9 }
            return clean((low / step).rounded(.down) * step)...clean((high / step).rounded(.up) * step)
        }
        self.init(x: widened(data[0]), y: widened(data[1]))
    }
}
