import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM as a flag: the live loop and the recording workers end cleanly (every
/// queued frame written, the manifest final) at their next frame.
enum StopSignal {
    /// Set from the signal handler, read from any thread. A lock-free atomic store is safe in a
    /// signal handler; a lock would not be.
    private static let requested = Atomic<Bool>(false)

    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Marks the process as asked to stop (the signal handler; tests).
    static func request() { requested.store(true, ordering: .relaxed) }
}

/// Catches SIGINT and SIGTERM, unblocking them first: a process started by some launchers
/// inherits them blocked, and would then never stop cleanly.
func installStopHandlers() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT) { _ in StopSignal.request() }
    signal(SIGTERM) { _ in StopSignal.request() }
}
