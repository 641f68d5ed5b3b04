import Synchronization

/// A lock for state its owner keeps in its own properties (a `Mutex` that guards no value).
final class Lock: Sendable {
    private let mutex = Mutex(())

    /// Runs `body` holding the lock.
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        try mutex.withLock { _ in try body() }
    }
}
