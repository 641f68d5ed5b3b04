#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGINT/SIGTERM; the loop ends cleanly (recording flushed) at the next frame.
nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

/// Catches SIGINT and SIGTERM, unblocking them first: a process started by some launchers
/// inherits them blocked, and would then never stop cleanly.
func installStopHandlers() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT) { _ in stopRequested = 1 }
    signal(SIGTERM) { _ in stopRequested = 1 }
}
