/// A region of the window that a feature owns (docs/DESIGN.md §1 "Areas"), reported with its
/// rectangle in the `layout` event. The layout decides every area once; features draw in theirs.
public struct SceneArea: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Where the network is drawn.
        case network
        /// The strip with the loss curve, the keyframe ticks and the playback position.
        case timeline
    }

    public let kind: Kind
    public let rect: Rect

    public init(kind: Kind, rect: Rect) {
        self.kind = kind
        self.rect = rect
    }
}
