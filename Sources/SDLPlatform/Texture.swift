import CSDL2

/// An SDL texture this object owns and destroys. It keeps its renderer alive: SDL frees a
/// renderer's textures with it, so the renderer must outlive them (see `Renderer`).
final class Texture {
    let pointer: OpaquePointer
    private let renderer: Renderer
    let width: Int
    let height: Int

    /// A texture uploaded from an RGBA surface.
    init(renderer: Renderer, surface: Surface, blend: SDL_BlendMode) throws(SDLError) {
        pointer = try SDLError.check(
            SDL_CreateTextureFromSurface(renderer.pointer, surface.pointer),
            "SDL_CreateTextureFromSurface")
        self.renderer = renderer
        width = surface.width
        height = surface.height
        SDL_SetTextureBlendMode(pointer, blend)
    }

    /// A texture the renderer can draw into (a cache of unchanging geometry). Copied 1:1, so
    /// filtering cannot change a pixel; on llvmpipe nearest sampling makes the full-window copy of
    /// a cached layer several times cheaper than linear.
    convenience init(renderTargetFor renderer: Renderer, width: Int, height: Int) throws(SDLError) {
        try self.init(
            renderer: renderer, width: width, height: height, format: SDL_PIXELFORMAT_ARGB8888,
            access: SDL_TEXTUREACCESS_TARGET, scaleMode: SDL_ScaleModeNearest)
    }

    /// A texture whose pixels are replaced from memory (`update`), sampled smoothly when stretched
    /// (or, not `smooth`, each pixel a sharp block).
    convenience init(streamingFor renderer: Renderer, width: Int, height: Int, smooth: Bool = true) throws(SDLError) {
        try self.init(
            renderer: renderer, width: width, height: height, format: SDL_PIXELFORMAT_ABGR8888,
            access: SDL_TEXTUREACCESS_STREAMING, scaleMode: smooth ? SDL_ScaleModeLinear : SDL_ScaleModeNearest)
    }

    /// A texture whose parts are replaced from memory now and then (SDL_UpdateTexture), copied 1:1.
    convenience init(staticFor renderer: Renderer, width: Int, height: Int) throws(SDLError) {
        try self.init(
            renderer: renderer, width: width, height: height, format: SDL_PIXELFORMAT_ABGR8888,
            access: SDL_TEXTUREACCESS_STATIC, scaleMode: SDL_ScaleModeNearest)
    }

    private init(
        renderer: Renderer, width: Int, height: Int, format: SDL_PixelFormatEnum, access: SDL_TextureAccess,
        scaleMode: SDL_ScaleMode
    ) throws(SDLError) {
        pointer = try SDLError.check(
            SDL_CreateTexture(
                renderer.pointer, format.rawValue, Int32(access.rawValue), Int32(width), Int32(height)),
            "SDL_CreateTexture(\(width)x\(height))")
        self.renderer = renderer
        self.width = width
        self.height = height
        SDL_SetTextureBlendMode(pointer, SDL_BLENDMODE_BLEND)
        SDL_SetTextureScaleMode(pointer, scaleMode)
    }

    /// Replaces the pixels with `rgba` (R, G, B, A bytes, rows of `width`).
    func update(rgba: [UInt8]) {
        rgba.withUnsafeBytes { bytes in
            _ = SDL_UpdateTexture(pointer, nil, bytes.baseAddress, Int32(width * 4))
        }
    }

    deinit { SDL_DestroyTexture(pointer) }
}
