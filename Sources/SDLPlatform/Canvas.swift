import CSDL2

/// Something an SDL renderer draws into: a window on screen or a surface in memory.
public protocol Canvas: AnyObject {
    var rendererPointer: OpaquePointer { get }
    /// The renderer's name ("opengl", "software", …).
    var rendererName: String { get }
    var width: Int { get }
    var height: Int { get }
    /// The pixel format frames read back fastest in (the renderer's own, so no conversion).
    var capturePixelFormat: UInt32 { get }
    /// Shows the frame (a window) or does nothing (a surface).
    func present()
}

extension Canvas {
    /// Copies the frame drawn so far into `surface` (same size, in the surface's own format).
    /// Must come before `present()` (DESIGN.md §8).
    public func readPixels(into surface: Surface) throws {
        precondition(surface.width == width && surface.height == height)
        try SDLError.check(SDL_RenderReadPixels(rendererPointer, nil, surface.pointer.pointee.format.pointee.format,
                                                surface.pointer.pointee.pixels, surface.pointer.pointee.pitch),
                           "SDL_RenderReadPixels")
    }

    static func name(of renderer: OpaquePointer) -> String {
        var info = SDL_RendererInfo()
        guard SDL_GetRendererInfo(renderer, &info) == 0, let name = info.name else { return "unknown" }
        return String(cString: name)
    }
}

/// A window with its renderer: accelerated with vsync when possible, else software.
public final class WindowCanvas: Canvas {
    let window: OpaquePointer
    public let rendererPointer: OpaquePointer
    public let rendererName: String
    public private(set) var width: Int
    public private(set) var height: Int

    public init(title: String, width: Int, height: Int, vsync: Bool = true) throws {
        let centred = neuroglow_windowpos_centered()
        window = try SDLError.check(
            SDL_CreateWindow(title, centred, centred, Int32(width), Int32(height),
                             SDL_WINDOW_SHOWN.rawValue | SDL_WINDOW_RESIZABLE.rawValue | SDL_WINDOW_ALLOW_HIGHDPI.rawValue),
            "SDL_CreateWindow(\(width)x\(height))")
        let accelerated = SDL_RENDERER_ACCELERATED.rawValue | SDL_RENDERER_TARGETTEXTURE.rawValue | (vsync ? SDL_RENDERER_PRESENTVSYNC.rawValue : 0)
        if let renderer = SDL_CreateRenderer(window, -1, accelerated) {
            rendererPointer = renderer
        } else if let renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue | SDL_RENDERER_TARGETTEXTURE.rawValue) {
            rendererPointer = renderer
        } else {
            let error = SDLError.current("SDL_CreateRenderer")
            SDL_DestroyWindow(window)
            throw error
        }
        rendererName = WindowCanvas.name(of: rendererPointer)
        self.width = width
        self.height = height
        updateSize()
    }

    deinit {
        SDL_DestroyRenderer(rendererPointer)
        SDL_DestroyWindow(window)
    }

    /// Re-reads the drawable size (after a resize).
    public func updateSize() {
        var w: Int32 = 0, h: Int32 = 0
        if SDL_GetRendererOutputSize(rendererPointer, &w, &h) == 0, w > 0, h > 0 {
            width = Int(w)
            height = Int(h)
        }
    }

    public func present() { SDL_RenderPresent(rendererPointer) }

    public var capturePixelFormat: UInt32 { SDL_PIXELFORMAT_ARGB8888.rawValue }
}

/// A surface in memory drawn by SDL's software renderer: needs no display at all.
public final class SurfaceCanvas: Canvas {
    let surface: Surface
    public let rendererPointer: OpaquePointer
    public let rendererName: String
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) throws {
        // ARGB8888: the layout frames are read back in, so the BMP writer's fast path applies.
        surface = try Surface(width: width, height: height, pixelFormat: SDL_PIXELFORMAT_ARGB8888.rawValue)
        rendererPointer = try SDLError.check(SDL_CreateSoftwareRenderer(surface.pointer), "SDL_CreateSoftwareRenderer")
        rendererName = SurfaceCanvas.name(of: rendererPointer)
        self.width = width
        self.height = height
    }

    deinit { SDL_DestroyRenderer(rendererPointer) }

    public func present() {}

    public var capturePixelFormat: UInt32 { surface.pointer.pointee.format.pointee.format }
}
