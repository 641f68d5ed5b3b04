import CSDL2
import Testing
@testable import SDLPlatform

/// Events become plain input state, in drawable pixels: on a HiDPI screen SDL reports the mouse
/// in window units, which the window's pixel scale turns into the pixels the layout uses.
@Suite(.serialized)
struct EventPumpTests {
    @Test func clicksAndPointerAreScaledToDrawablePixels() throws {
        _ = sharedSDL
        _ = EventPump.poll()  // nothing left over from elsewhere
        var click = SDL_Event()
        click.button.type = SDL_MOUSEBUTTONDOWN.rawValue
        click.button.button = UInt8(SDL_BUTTON_LEFT)
        click.button.x = 100
        click.button.y = 50
        #expect(SDL_PushEvent(&click) == 1)
        var rightClick = click
        rightClick.button.button = UInt8(SDL_BUTTON_RIGHT)
        #expect(SDL_PushEvent(&rightClick) == 1)
        var motion = SDL_Event()
        motion.motion.type = SDL_MOUSEMOTION.rawValue
        motion.motion.x = 30
        motion.motion.y = 41
        #expect(SDL_PushEvent(&motion) == 1)

        let input = EventPump.poll(scale: 2)
        #expect(input.clicks == [.init(x: 200, y: 100, right: false), .init(x: 200, y: 100, right: true)])
        #expect(input.pointer?.x == 60 && input.pointer?.y == 82)

        #expect(SDL_PushEvent(&click) == 1)
        #expect(EventPump.poll(scale: 1).clicks == [.init(x: 100, y: 50, right: false)])
    }
}
