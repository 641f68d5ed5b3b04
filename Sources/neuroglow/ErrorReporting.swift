import ArgumentParser
import NeuralCore

extension InputError {
    /// The error as ArgumentParser reports it: the message, the usage line, exit status 64.
    var validation: ValidationError { ValidationError(message) }
}

/// Runs `body`, turning input errors into ArgumentParser's validation errors.
func validating<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as InputError { throw error.validation }
}
