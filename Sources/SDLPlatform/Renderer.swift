import CSDL2

/// An SDL renderer this object owns, with what it draws into.
///
/// Lifetime contract: the renderer keeps its target (a `Window` or a `Surface`) and the SDL
/// system alive, and every `Texture` keeps its renderer alive. So SDL_DestroyRenderer — which
/// frees the renderer's textures too — runs only after every texture of it was destroyed, and
/// SDL_DestroyWindow after that; no pointer is freed twice.
public final class Renderer {
    let pointer: OpaquePointer
    /// SDL's name for it ("opengl", "software", …).
    public let name: String
    /// What must outlive the renderer: its window or surface, and the SDL system.
    private let owners: [AnyObject]

    /// A renderer for `window`: accelerated, with vsync if asked, else SDL's software renderer.
    init(window: Window, system: SDLSystem, vsync: Bool) throws(SDLError) {
        let targets = SDL_RENDERER_TARGETTEXTURE.rawValue
        let accelerated = SDL_RENDERER_ACCELERATED.rawValue | targets | (vsync ? SDL_RENDERER_PRESENTVSYNC.rawValue : 0)
        if let renderer = SDL_CreateRenderer(window.pointer, -1, accelerated) {
            pointer = renderer
        } else {
            pointer = try SDLError.check(
                SDL_CreateRenderer(window.pointer, -1, SDL_RENDERER_SOFTWARE.rawValue | targets), "SDL_CreateRenderer")
        }
        owners = [window, system]
        name = Renderer.name(of: pointer)
    }

    /// SDL's software renderer drawing into `surface` in memory: needs no display.
    init(surface: Surface, system: SDLSystem) throws(SDLError) {
        pointer = try SDLError.check(SDL_CreateSoftwareRenderer(surface.pointer), "SDL_CreateSoftwareRenderer")
        owners = [surface, system]
        name = Renderer.name(of: pointer)
    }

    deinit { SDL_DestroyRenderer(pointer) }

    private static func name(of renderer: OpaquePointer) -> String {
        var info = SDL_RendererInfo()
        guard SDL_GetRendererInfo(renderer, &info) == 0, let name = info.name else { return "unknown" }
        return String(cString: name)
    }
}
