import CSDL2

/// A window with its renderer: accelerated with vsync when possible, else software.
public final class WindowCanvas: Canvas {
    public let renderer: Renderer
    private let window: Window
    /// The drawable size in pixels; on a HiDPI display larger than the window's size in units.
    public private(set) var width: Int
    public private(set) var height: Int
    /// Drawable pixels per window unit (2 on a display scaled 200%): mouse events come in window
    /// units, drawing is in pixels.
    public private(set) var pixelsPerUnit = 1.0

    /// Opens the window on `system`'s display; `width` × `height` in window units, the window
    /// manager asked to keep it at least `minimumSize`.
    public init(
        system: SDLSystem, title: String, width: Int, height: Int, minimumSize: (width: Int, height: Int)? = nil,
        vsync: Bool = true
    ) throws(SDLError) {
        window = try Window(system: system, title: title, width: width, height: height)
        renderer = try Renderer(window: window, system: system, vsync: vsync)
        if let minimumSize { window.keepAtLeast(minimumSize) }
        self.width = width
        self.height = height
        updateSize()
    }

    /// `size` scaled down, keeping its proportions, until it fits `screen` (unchanged when it
    /// fits, or the screen is unknown), and never below `minimum` on either side.
    public static func size(
        _ size: (width: Int, height: Int), fitting screen: (width: Int, height: Int)?,
        minimum: (width: Int, height: Int)
    ) -> (width: Int, height: Int) {
        guard let screen, size.width > screen.width || size.height > screen.height else { return size }
        let scale = min(Double(screen.width) / Double(size.width), Double(screen.height) / Double(size.height))
        return (
            max(minimum.width, Int(Double(size.width) * scale)), max(minimum.height, Int(Double(size.height) * scale))
        )
    }

    /// Re-reads the drawable size and the pixel scale (after a resize, or a move to another screen).
    public func updateSize() {
        var w: Int32 = 0, h: Int32 = 0
        if SDL_GetRendererOutputSize(renderer.pointer, &w, &h) == 0, w > 0, h > 0 {
            width = Int(w)
            height = Int(h)
        }
        let units = window.size
        if units.width > 0 { pixelsPerUnit = Double(width) / Double(units.width) }
    }

    public func present() { SDL_RenderPresent(renderer.pointer) }

    public var softwarePixels: Surface? { nil }

    public var capturePixelFormat: UInt32 { SDL_PIXELFORMAT_ARGB8888.rawValue }
}
