import ArgumentParser
import Foundation
import NeuralCore

extension InputError {
    /// The error as ArgumentParser reports it: the message, the usage line, exit status 64.
    var validation: ValidationError { ValidationError(message) }
}

/// Runs `body`, turning input errors into ArgumentParser's validation errors.
func validating<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as InputError { throw error.validation }
}

/// The operating system's reason behind a Foundation file error ("Read-only file system", "No space
/// left on device"), which Foundation's own description words vaguely or buries in its user info.
func systemReason(_ error: Error) -> String {
    let wrapped = error as NSError
    if let underlying = wrapped.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    return wrapped.localizedDescription
}
