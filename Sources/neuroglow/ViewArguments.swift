import ArgumentParser
import NeuralCore
import Scene

/// The view options (docs/DESIGN.md §4).
struct ViewArguments: ParsableArguments {
    @Option(
        help: """
            Window or frame size, WxH (from 320x240 to 7680x4320; default 1280x720, or as much as fits a \
            smaller screen in the live window without --record).
            """)
    var size: String?
    @Option(help: "Synapse colours: \(Palette.Name.choiceList).")
    var palette = Palette.Name.video
    @Flag(help: "Draw negative weights dashed as well as coloured.")
    var dashed = false
    @Option(
        help: """
            Synapse widths against: session (the session's strongest weight: weights visibly grow) or frame \
            (each picture's own strongest weight). W switches in the window.
            """)
    var widths = WeightScaleMode.session
    @Option(help: "Write JSON Lines of what happens to FILE, or - for standard output.")
    var events: String?

    static let minimumSize = (width: 320, height: 240)
    static let maximumSize = (width: 7680, height: 4320)

    static let defaultSize = (width: 1280, height: 720)

    /// The size given, else the default.
    func resolvedSize() throws(InputError) -> (width: Int, height: Int) {
        guard let size else { return Self.defaultSize }
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        let allowed =
            "expected WxH from \(Self.minimumSize.width)x\(Self.minimumSize.height) to "
            + "\(Self.maximumSize.width)x\(Self.maximumSize.height), e.g. 1280x720"
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else {
            throw InputError("--size \(size): \(allowed)")
        }
        guard (Self.minimumSize.width...Self.maximumSize.width).contains(w),
            (Self.minimumSize.height...Self.maximumSize.height).contains(h)
        else {
            throw InputError("--size \(size): \(allowed)")
        }
        return (w, h)
    }

    var resolvedPalette: Palette { Palette(palette) }
}
