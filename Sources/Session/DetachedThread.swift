import Glibc

/// A POSIX thread of its own for long-running work (Foundation's `Thread` would bring all of
/// Foundation into the process: about 8 MB more resident memory, for two calls).
enum DetachedThread {
    /// Runs `body` on a new detached thread with a stack of `stackSize` bytes; returns at once.
    /// Traps if the system cannot start a thread (out of memory or threads).
    static func start(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        final class Work {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, &attributes,
            { work in
                Unmanaged<Work>.fromOpaque(work!).takeRetainedValue().body()
                return nil
            }, work)
        precondition(status == 0, "cannot start a thread: \(String(cString: strerror(status)))")
    }
}
