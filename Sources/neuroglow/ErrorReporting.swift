import ArgumentParser
import FoundationEssentials
import Glibc
import NeuralCore

extension InputError {
    /// The error as ArgumentParser reports it: the message, the usage line, exit status 64.
    var validation: ValidationError { ValidationError(message) }
}

/// Runs `body`, turning input errors into ArgumentParser's validation errors.
func validating<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as InputError { throw error.validation }
}

/// The operating system's reason behind a file error ("Read-only file system", "No space left on
/// device"), which FoundationEssentials keeps as the underlying error of its `CocoaError`.
func systemReason(_ error: Error) -> String {
    if let posix = (error as? CocoaError)?.underlying as? POSIXError ?? error as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    if let cocoa = error as? CocoaError { return "file error \(cocoa.code.rawValue)" }
    return String(describing: error)
}
