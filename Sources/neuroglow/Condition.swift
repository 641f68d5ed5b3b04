import Glibc

/// A lock with a condition variable, for threads that wait until shared state changes (what
/// Foundation's NSCondition is; the binary uses FoundationEssentials only).
final class Condition: @unchecked Sendable {  // the pthread objects live at fixed addresses of their own
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Releases the lock until `broadcast` (or a spurious wake-up), then takes it again; call it
    /// holding the lock, in a loop that checks what is waited for.
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes every waiting thread.
    func broadcast() { pthread_cond_broadcast(condition) }

    /// Runs `body` holding the lock.
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }
}
