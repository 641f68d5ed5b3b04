/// One thing to draw. The platform layer executes these in order; the scene never touches pixels.
public enum DrawCommand: Sendable, Equatable {
    /// An anti-aliased line of `width` pixels (a hairline below 1), optionally dashed.
    case line(from: Point, to: Point, width: Double, color: Color, dashed: Bool)
    /// A soft radial halo, added to what is below (additive blending).
    case glow(center: Point, radius: Double, color: Color)
    /// A filled disc with an optional rim.
    case disc(center: Point, radius: Double, fill: Color, rim: Color?)
    /// A filled rectangle (alpha-blended).
    case rect(Rect, Color)
    /// An unfilled rectangle outline, one pixel wide.
    case frame(Rect, Color)
    /// A connected line through `points`.
    case polyline([Point], width: Double, color: Color)
    /// Text in the shipped font, `size` in pixels, anchored at `at` by `align`.
    case text(String, at: Point, size: TextSize, color: Color, align: TextAlign)
    /// A small picture stretched over `rect`: smoothly interpolated (decision maps), or in crisp
    /// blocks when the picture is not `smooth` (an image's cells).
    case image(PixelImage, in: Rect)
    /// Equal pictures stacked top to bottom in one image with a row between them, tile k (rows
    /// k·(tileHeight + 1) ..< k·(tileHeight + 1) + tileHeight) stretched over `targets[k]`: many
    /// small pictures for the price of one upload. Smooth stretching blends a tile's edge into
    /// the row between, so give that row the colour around the targets.
    case tiles(PixelImage, tileHeight: Int, targets: [Rect])
}

/// Pixels as values: `width` × `height` colours, row by row from the top.
public struct PixelImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [Color]
    /// Whether stretching interpolates between pixels (else each pixel is a sharp block).
    public let smooth: Bool

    public init(width: Int, height: Int, pixels: [Color], smooth: Bool = true) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
        self.smooth = smooth
    }
}

/// The font sizes the picture uses (the platform caches one glyph atlas per size).
public enum TextSize: Int, Sendable, CaseIterable {
    case small = 12
    case normal = 15
    case large = 20

    /// An estimate of `text`'s width in the shipped font at this size, never less than the
    /// font's advances (a test measures every character the atlas holds), so a box sized by it
    /// holds the text. The scene never measures text; the platform does, when it draws.
    public func estimatedWidth(of text: String) -> Double {
        // Hinted advances are whole pixels, rounded either way: each character is rounded up.
        text.reduce(0) { $0 + (Self.ems(of: $1) * Double(rawValue)).rounded(.up) }
    }

    /// The first of `texts` (longest form first) whose estimated width is at most `room`; nil
    /// when none fits. How labels shorten in small windows.
    public func firstFitting(_ texts: [String], within room: Double) -> String? {
        texts.first { estimatedWidth(of: $0) <= room }
    }

    /// `text` in `form`, whole if that fits `room`, else its longest start that fits with "…"
    /// after it; nil when not even one character does.
    public func shortened(_ text: String, within room: Double, form: (String) -> String = { $0 }) -> String? {
        // Called every frame for the map's axis names: the shorter starts only when needed.
        if estimatedWidth(of: form(text)) <= room { return form(text) }
        for length in stride(from: text.count - 1, through: 1, by: -1) {
            let shorter = form(String(text.prefix(length)) + "…")
            if estimatedWidth(of: shorter) <= room { return shorter }
        }
        return nil
    }

    /// DejaVu Sans in ems, by kind: narrow punctuation and letters up to 0.42, digits and most
    /// lower-case letters up to 0.64, capitals up to 0.8, the widest (maths signs, arrows) up to 1.
    private static func ems(of character: Character) -> Double {
        if Self.narrow.contains(character) { return 0.42 }
        if Self.wide.contains(character) { return 1 }
        if character.isUppercase { return 0.8 }
        return 0.64
    }
    private static let narrow = Set(" .,:;'!|()[]/\\-ijlftrI·′")
    private static let wide = Set("mwMW@%&#+<=>^~—…×→←↑●ΣΔ½−")
}

extension DrawCommand {
    /// Where a `.text`'s glyphs go, by `TextSize.estimatedWidth` (never short of the font) and
    /// the ink of its line (the line box is 1.17 em tall; capitals' tops sit 0.2 em below it,
    /// descenders end 0.95 em lower); nil for other commands. For placing labels clear of others.
    public var estimatedTextBox: Rect? {
        guard case let .text(text, at, size, _, align) = self, !text.isEmpty else { return nil }
        let em = Double(size.rawValue), width = size.estimatedWidth(of: text), height = 1.17 * em
        var x = at.x, y = at.y
        switch align {
        case .left: break
        case .center: x -= width / 2
        case .right: x -= width
        case .leftMiddle: y -= height / 2
        case .rightMiddle: x -= width; y -= height / 2
        case .middle: x -= width / 2; y -= height / 2
        }
        return Rect(x: x, y: y + 0.2 * em, width: width, height: 0.95 * em)
    }
}

/// Which point of the text's box `at` names.
public enum TextAlign: Sendable {
    case left, center, right
    /// Left edge, vertically centred.
    case leftMiddle
    /// Right edge, vertically centred.
    case rightMiddle
    /// Horizontally and vertically centred.
    case middle
}

/// The synapses of one network state, drawn once into a cache and reused while the weights stay.
///
/// `key` identifies the state (keyframe, palette, size, dashing): equal keys draw equal pixels,
/// so the platform may redraw from its cache. `commands` is computed only when asked — on a cache miss.
/// A layer is opaque: its commands are drawn over the frame's background colour, so copying the
/// cached layer replaces clearing the frame (one full-window pass less, which matters on llvmpipe).
public struct SynapseLayer: Sendable {
    public let key: String
    /// Every pixel the commands can touch lies inside; outside it the layer is background.
    public let bounds: Rect
    /// Worth keeping cached for good: the session's first keyframe, where Home returns, so a
    /// restart does not stall a frame redrawing it.
    public let isPinned: Bool
    /// A part of `bounds` the frame paints over opaquely after the layer (an image's pad, which
    /// the first layer's lines start under), so copying the layer may skip it. Whole pixels.
    public let covered: Rect?
    private let make: @Sendable () -> [DrawCommand]
    public init(
        key: String, bounds: Rect, isPinned: Bool = false, covered: Rect? = nil,
        make: @escaping @Sendable () -> [DrawCommand]
    ) {
        self.key = key
        self.bounds = bounds
        self.isPinned = isPinned
        self.covered = covered
        self.make = make
    }
    public var commands: [DrawCommand] { make() }
}

/// A layer the next ease will need, and how many frames remain before it does (at least 1).
public struct UpcomingLayer: Sendable {
    public let layer: SynapseLayer
    public let framesLeft: Int
    public init(layer: SynapseLayer, framesLeft: Int) {
        self.layer = layer
        self.framesLeft = framesLeft
    }
}

/// How this frame's synapses are drawn.
public enum SynapseDrawing: Sendable {
    /// Small networks: lines drawn every frame (their weights ease smoothly).
    case direct([DrawCommand])
    /// Large networks: cached layers; while easing, the old layer fades into the new one.
    /// `upcoming` is the layer the next ease will need, so the platform can draw it ahead, spread
    /// over the frames before the ease, instead of all at once when the ease begins.
    case cached(SynapseLayer, fadingTo: SynapseLayer?, amount: Double, upcoming: UpcomingLayer?)
}

/// One display frame as plain values.
public struct SceneFrame: Sendable {
    public var background: Color
    public var synapses: SynapseDrawing
    /// Everything drawn above the synapses: pulses, neurons, labels, HUD.
    public var overlay: [DrawCommand]
    /// Drawn after a frame is read back for recording, so they never appear in recorded frames
    /// (the REC mark, the fps readout).
    public var liveOnly: [DrawCommand]
    /// The numbers the HUD shows, for tests and the events log.
    public var hud: HUDValues
}

/// What the HUD says, as numbers.
public struct HUDValues: Sendable, Equatable {
    public var iteration: Int
    public var keyframe: Int
    public var example: Int?
    public var inputs: [Double]
    public var desired: [Double]?
    public var outputs: [Double]
    public var averageError: Double?
    public var status: String
}
