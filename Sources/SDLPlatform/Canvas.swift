import CSDL2

/// Something an SDL renderer draws into: a window on screen or a surface in memory.
public protocol Canvas: AnyObject {
    var renderer: Renderer { get }
    /// The drawable size in pixels.
    var width: Int { get }
    var height: Int { get }
    /// The pixel format frames read back fastest in (the renderer's own, so no conversion).
    var capturePixelFormat: UInt32 { get }
    /// Shows the frame (a window) or does nothing (a surface).
    func present()
    /// The pixels SDL's software renderer draws into, for drawing into them directly between its
    /// draw calls (after SDL_RenderFlush); nil for a window.
    var softwarePixels: Surface? { get }
}

extension Canvas {
    /// SDL's name for the renderer ("opengl", "software", …).
    public var rendererName: String { renderer.name }

    /// Copies the frame drawn so far into `surface` (same size, in the surface's own format).
    /// Must come before `present()` (docs/DESIGN.md §8).
    public func readPixels(into surface: Surface) throws(SDLError) {
        precondition(surface.width == width && surface.height == height)
        let target = surface.pointer.pointee
        try SDLError.check(
            SDL_RenderReadPixels(renderer.pointer, nil, target.format.pointee.format, target.pixels, target.pitch),
            "SDL_RenderReadPixels")
    }
}
