import CSDL2

/// An SDL window this object owns; it keeps the SDL system running while it exists.
final class Window {
    let pointer: OpaquePointer
    private let system: SDLSystem

    /// A resizable, centred window of `width` × `height` window units.
    init(system: SDLSystem, title: String, width: Int, height: Int) throws(SDLError) {
        self.system = system
        let centred = neuroglow_windowpos_centered()
        let flags = SDL_WINDOW_SHOWN.rawValue | SDL_WINDOW_RESIZABLE.rawValue | SDL_WINDOW_ALLOW_HIGHDPI.rawValue
        pointer = try SDLError.check(
            SDL_CreateWindow(title, centred, centred, Int32(width), Int32(height), flags),
            "SDL_CreateWindow(\(width)x\(height))")
    }

    /// Asks the window manager not to let the window be made smaller than `size` (or than it
    /// is, if smaller). Call once the renderer exists: creating an OpenGL renderer may recreate
    /// the X11 window, and the new one starts without the hint.
    func keepAtLeast(_ size: (width: Int, height: Int)) {
        let now = self.size
        SDL_SetWindowMinimumSize(pointer, Int32(min(size.width, now.width)), Int32(min(size.height, now.height)))
    }

    /// The window's size in window units (what mouse events are measured in).
    var size: (width: Int, height: Int) {
        var w: Int32 = 0, h: Int32 = 0
        SDL_GetWindowSize(pointer, &w, &h)
        return (Int(w), Int(h))
    }

    deinit { SDL_DestroyWindow(pointer) }
}
