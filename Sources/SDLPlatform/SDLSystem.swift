import CSDL2

/// SDL's video subsystem and SDL_ttf, started once per process and shut down with the last owner.
public final class SDLSystem {
    public let videoDriver: String

    /// Starts SDL video and SDL_ttf. Set `headless` to use SDL's offscreen driver, which needs
    /// no X server (recording, tests); otherwise SDL picks the platform's driver.
    public init(headless: Bool) throws {
        if headless { SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen") }
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
    }

    deinit {
        TTF_Quit()
        SDL_Quit()
    }
}
