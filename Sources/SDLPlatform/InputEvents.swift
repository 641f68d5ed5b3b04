import CSDL2

/// What happened since the last frame, as plain values (no SDL types escape this module).
public struct InputEvents: Sendable {
    public enum Key: Sendable, Equatable {
        case space, left, right, plus, minus, home, end, backspace, escape, f1
        case letter(Character)
    }

    public struct KeyPress: Sendable, Equatable {
        public let key: Key
        public let control: Bool
        public var shift = false
    }

    public struct Click: Sendable, Equatable {
        public let x: Double, y: Double
        public let right: Bool
    }

    /// The pointer moved to (x, y) with the left (or only the right) button down.
    public struct ButtonMotion: Sendable, Equatable {
        public let x: Double, y: Double
        public let right: Bool
    }

    public var quit = false
    public var keys: [KeyPress] = []
    public var clicks: [Click] = []
    /// Wheel steps with the pointer position at the time (positive: away from the user).
    public var wheel: [(x: Double, y: Double, steps: Int)] = []
    public var pointer: (x: Double, y: Double)? = nil
    /// The pointer's last position while moving with the left button down (a drag), if it did.
    public var leftDrag: (x: Double, y: Double)? = nil
    /// Whether the left button was let go (a drag ended).
    public var leftReleased = false
    /// Whether the left button is down after these events.
    public var leftButtonHeld = false
    /// Every position the pointer passed through with a button down, in order (a painted stroke
    /// needs them all: a fast stroke crosses several cells between two frames).
    public var buttonMotions: [ButtonMotion] = []
    /// Whether the right button is down after these events.
    public var rightButtonHeld = false
    /// Whether the window was resized: the drawable size must be read again.
    public var resized = false
    /// The window was minimised or hidden: drawing can stop until `restored`.
    public var minimized = false
    public var restored = false
    /// What the window manager did to the window, in order, for the events log.
    public var windowChanges: [WindowChange] = []
}

/// A change of the window's state made by the user through the window manager (or the X server).
public enum WindowChange: String, Sendable, Equatable {
    case minimized, restored, hidden, shown
    case focusLost = "focus_lost", focusGained = "focus_gained"
    /// The close button: SDL follows it with a quit event when it is the only window.
    case closeRequested = "close_requested"
}

/// Drains SDL's event queue into `InputEvents`.
public enum EventPump {
    /// Reads every pending event. `scale` converts window coordinates to drawable pixels (HiDPI).
    public static func poll(scale: Double = 1) -> InputEvents {
        var events = InputEvents()
        var event = SDL_Event()
        while SDL_PollEvent(&event) != 0 {
            switch SDL_EventType(event.type) {
            case SDL_QUIT:
                events.quit = true
            case SDL_KEYDOWN:
                let modifiers = UInt32(event.key.keysym.mod)
                let control = modifiers & UInt32(KMOD_CTRL.rawValue) != 0
                let shift = modifiers & UInt32(KMOD_SHIFT.rawValue) != 0
                if let key = key(Int(event.key.keysym.sym)) {
                    events.keys.append(.init(key: key, control: control, shift: shift))
                }
            case SDL_MOUSEBUTTONDOWN:
                let button = Int32(event.button.button)
                if button == SDL_BUTTON_LEFT || button == SDL_BUTTON_RIGHT {
                    events.clicks.append(
                        .init(
                            x: Double(event.button.x) * scale, y: Double(event.button.y) * scale,
                            right: button == SDL_BUTTON_RIGHT))
                }
            case SDL_MOUSEMOTION:
                events.pointer = (Double(event.motion.x) * scale, Double(event.motion.y) * scale)
                let left = event.motion.state & (1 << (UInt32(SDL_BUTTON_LEFT) - 1)) != 0
                let right = event.motion.state & (1 << (UInt32(SDL_BUTTON_RIGHT) - 1)) != 0
                if left { events.leftDrag = events.pointer }
                if left || right {
                    events.buttonMotions.append(
                        .init(x: Double(event.motion.x) * scale, y: Double(event.motion.y) * scale, right: !left))
                }
            case SDL_MOUSEBUTTONUP:
                if Int32(event.button.button) == SDL_BUTTON_LEFT { events.leftReleased = true }
            case SDL_MOUSEWHEEL:
                var x: Int32 = 0, y: Int32 = 0
                SDL_GetMouseState(&x, &y)
                events.wheel.append((Double(x) * scale, Double(y) * scale, Int(event.wheel.y)))
            case SDL_WINDOWEVENT:
                let id = SDL_WindowEventID(UInt32(event.window.event))
                switch id {
                case SDL_WINDOWEVENT_SIZE_CHANGED, SDL_WINDOWEVENT_RESIZED: events.resized = true
                // Hidden (unmapped) is treated as minimised: nothing to draw until shown again.
                case SDL_WINDOWEVENT_MINIMIZED, SDL_WINDOWEVENT_HIDDEN: events.minimized = true
                case SDL_WINDOWEVENT_RESTORED, SDL_WINDOWEVENT_SHOWN, SDL_WINDOWEVENT_EXPOSED: events.restored = true
                // Focus moving away also ends hovering: the pointer's next position is unknown.
                case SDL_WINDOWEVENT_LEAVE, SDL_WINDOWEVENT_FOCUS_LOST: events.pointer = (-1, -1)
                default: break
                }
                if let change = windowChange(id) { events.windowChanges.append(change) }
            default:
                break
            }
        }
        let buttons = SDL_GetMouseState(nil, nil)
        events.leftButtonHeld = buttons & (1 << (UInt32(SDL_BUTTON_LEFT) - 1)) != 0
        events.rightButtonHeld = buttons & (1 << (UInt32(SDL_BUTTON_RIGHT) - 1)) != 0
        return events
    }

    private static func windowChange(_ id: SDL_WindowEventID) -> WindowChange? {
        switch id {
        case SDL_WINDOWEVENT_MINIMIZED: return .minimized
        case SDL_WINDOWEVENT_RESTORED: return .restored
        case SDL_WINDOWEVENT_HIDDEN: return .hidden
        case SDL_WINDOWEVENT_SHOWN: return .shown
        case SDL_WINDOWEVENT_FOCUS_LOST: return .focusLost
        case SDL_WINDOWEVENT_FOCUS_GAINED: return .focusGained
        case SDL_WINDOWEVENT_CLOSE: return .closeRequested
        default: return nil
        }
    }

    private static func key(_ code: Int) -> InputEvents.Key? {
        switch code {
        case Int(SDLK_SPACE.rawValue): return .space
        case Int(SDLK_LEFT.rawValue): return .left
        case Int(SDLK_RIGHT.rawValue): return .right
        case Int(SDLK_PLUS.rawValue), Int(SDLK_EQUALS.rawValue), Int(SDLK_KP_PLUS.rawValue): return .plus
        case Int(SDLK_MINUS.rawValue), Int(SDLK_KP_MINUS.rawValue): return .minus
        case Int(SDLK_HOME.rawValue): return .home
        case Int(SDLK_END.rawValue): return .end
        case Int(SDLK_BACKSPACE.rawValue): return .backspace
        case Int(SDLK_ESCAPE.rawValue): return .escape
        case Int(SDLK_F1.rawValue): return .f1
        case Int(SDLK_a.rawValue)...Int(SDLK_z.rawValue): return .letter(Character(Unicode.Scalar(UInt8(code))))
        default: return nil
        }
    }
}
