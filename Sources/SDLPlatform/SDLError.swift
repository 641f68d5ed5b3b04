import CSDL2

/// An SDL or SDL_ttf call failed; `message` is what was being done plus SDL's own explanation.
/// Every SDL failure becomes this error here, in one place.
public struct SDLError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }

    /// The error for `what`, with SDL's current error string.
    static func current(_ what: String) -> SDLError {
        SDLError(message: "\(what): \(String(cString: SDL_GetError()))")
    }

    /// Throws unless an SDL call returned 0.
    static func check(_ result: Int32, _ what: @autoclosure () -> String) throws(SDLError) {
        if result != 0 { throw current(what()) }
    }

    /// Unwraps a pointer an SDL call returned, or throws with SDL's error.
    static func check<T>(_ pointer: T?, _ what: @autoclosure () -> String) throws(SDLError) -> T {
        guard let pointer else { throw current(what()) }
        return pointer
    }
}
