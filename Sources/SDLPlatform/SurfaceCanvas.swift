import CSDL2

/// A surface in memory drawn by SDL's software renderer: needs no display at all.
public final class SurfaceCanvas: Canvas {
    public let renderer: Renderer
    private let surface: Surface
    public let width: Int
    public let height: Int

    public init(system: SDLSystem, width: Int, height: Int) throws(SDLError) {
        // ARGB8888: the layout frames are read back in, so the BMP writer's fast path applies.
        surface = try Surface(width: width, height: height, pixelFormat: SDL_PIXELFORMAT_ARGB8888.rawValue)
        renderer = try Renderer(surface: surface, system: system)
        self.width = width
        self.height = height
    }

    public func present() {}

    public var softwarePixels: Surface? { surface }

    public var capturePixelFormat: UInt32 { surface.pointer.pointee.format.pointee.format }
}
