import CSDL2
import Synchronization

/// SDL's video subsystem and SDL_ttf, shared by everything in the process that draws.
///
/// Lifetime contract: `start` returns the running system, or starts one; SDL is shut down
/// (TTF_Quit, SDL_Quit) when the last holder lets go. Every window, renderer and texture holds the
/// system through its owner chain (texture → renderer → window or surface → system), so nothing of
/// SDL's is destroyed after SDL_Quit, whatever order the program drops its objects in.
public final class SDLSystem: Sendable {
    public let videoDriver: String
    public let isHeadless: Bool

    /// The running system, if any. Starting and stopping happen under this lock, so a system
    /// being shut down on one thread and started on another never overlap.
    private static let running = Mutex(WeakSystem())

    /// The running system, or a new one. `headless` chooses SDL's offscreen driver, which needs no
    /// display (recording, tests); otherwise SDL picks the platform's driver. Throws if SDL cannot
    /// start, or if it already runs in the other mode.
    public static func start(headless: Bool) throws(SDLError) -> SDLSystem {
        try running.withLock { (live: inout WeakSystem) throws(SDLError) -> SDLSystem in
            if let system = live.value {
                guard system.isHeadless == headless else {
                    throw SDLError(
                        message: "SDL already runs with the \(system.videoDriver) driver; it cannot also run "
                            + (headless ? "headless" : "with a display") + " in the same process")
                }
                return system
            }
            let system = try SDLSystem(headless: headless)
            live.value = system
            return system
        }
    }

    /// Heap blocks this large or larger (window-sized textures and read-back buffers) are mapped
    /// on their own and go back to the system when freed (see the shim), so memory does not grow
    /// with resizes and recordings; smaller per-frame buffers stay on the fast heap.
    static let separatelyMappedBlockSize = 512 * 1024

    /// Hands the heap's free pages back to the system. Frames of a large network free tens of
    /// megabytes of small blocks scattered through the heap (draw commands, the renderer's
    /// buffers), which otherwise stay resident as a high-water mark. Takes well under a
    /// millisecond as a rule (0.2–1.6 ms on a 64-32-32-10 session under chaos, once 5.6 ms).
    public static func returnFreeMemory() { neuroglow_return_free_memory() }

    private init(headless: Bool) throws(SDLError) {
        neuroglow_map_large_blocks(SDLSystem.separatelyMappedBlockSize)
        if headless {
            SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen")
        } else if getenv("WAYLAND_DISPLAY") == nil {
            // SDL's own order without Wayland: with no Wayland display its probe can only fail,
            // and libwayland then writes "XDG_RUNTIME_DIR is invalid or not set" on stderr above
            // our own message. (A hint, so SDL_VIDEODRIVER in the environment still wins.)
            SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11,kmsdrm,offscreen")
        }
        SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1")
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1")
        SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0")
        try SDLError.check(SDL_Init(SDL_INIT_VIDEO), "SDL_Init(video)")
        if TTF_Init() != 0 {
            let error = SDLError.current("TTF_Init")
            SDL_Quit()
            throw error
        }
        videoDriver = SDL_GetCurrentVideoDriver().map { String(cString: $0) } ?? "unknown"
        isHeadless = headless
    }

    /// Whether windows of this system appear on a screen: false for SDL's offscreen and dummy
    /// drivers, which SDL falls back to when it finds no display.
    public var hasDisplay: Bool { !SDLSystem.displaylessDrivers.contains(videoDriver) }

    static let displaylessDrivers: Set<String> = ["offscreen", "dummy"]

    /// The first screen's area a window can take (less panels and docks), in window units; nil
    /// where SDL cannot tell (no display).
    public var usableScreenSize: (width: Int, height: Int)? {
        var area = SDL_Rect()
        guard hasDisplay, SDL_GetDisplayUsableBounds(0, &area) == 0, area.w > 0, area.h > 0 else { return nil }
        return (Int(area.w), Int(area.h))
    }

    deinit {
        SDLSystem.running.withLock { _ in
            TTF_Quit()
            SDL_Quit()
        }
    }
}

/// A reference that does not keep the system running.
private struct WeakSystem: Sendable {
    weak var value: SDLSystem?
}
