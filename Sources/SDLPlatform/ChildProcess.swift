import Dispatch
#if canImport(Glibc)
    import Glibc
#endif

/// A program started with a pipe to its standard input and its standard error collected: the
/// video encoder's ffmpeg.
///
/// Contract: the child runs in its own process group, so a Ctrl+C in the terminal reaches only
/// us — we decide when it finishes (by closing its input). `finish()` always reaps it: no zombie
/// is left, whatever happened. Writing to a child that has exited throws (SIGPIPE is ignored
/// process-wide), it never kills us.
final class ChildProcess: @unchecked Sendable {  // `write` and `finish` from one thread at a time
    /// How the child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case killed(signal: Int32)

        var description: String {
            switch self {
            case .exited(let code): "exited with status \(code)"
            case .killed(let signal): "was killed by signal \(signal) (\(String(cString: strsignal(signal))))"
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let pid: pid_t
    private var input: Int32
    private let errors: ErrorCollector
    private var ending: Ending?

    /// Starts `executable` (a path) with `arguments` (argv[1...]); standard output is discarded.
    init(executable: String, arguments: [String]) throws(Failure) {
        signal(SIGPIPE, SIG_IGN)
        var inputPipe: [Int32] = [-1, -1], errorPipe: [Int32] = [-1, -1]
        guard pipe(&inputPipe) == 0 else { throw Failure(description: "pipe: \(Self.reason())") }
        guard pipe(&errorPipe) == 0 else {
            close(inputPipe[0])
            close(inputPipe[1])
            throw Failure(description: "pipe: \(Self.reason())")
        }
        for descriptor in inputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copies, so only these two ends reach the child.
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), unblocked = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child = pid_t()
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        close(inputPipe[0])
        close(errorPipe[1])
        guard status == 0 else {
            close(inputPipe[1])
            close(errorPipe[0])
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        input = inputPipe[1]
        // A larger pipe (1 MiB, Linux's default limit for unprivileged processes) lets ffmpeg take
        // a good part of a frame per read instead of 64 KiB; refusals are harmless.
        _ = fcntl(input, 1031 /* F_SETPIPE_SZ */, 1 << 20)
        errors = ErrorCollector(descriptor: errorPipe[0])
    }

    deinit {
        if ending == nil { _ = finish() }
    }

    /// Writes all of `bytes` to the child's standard input; throws when the child stopped reading
    /// (it exited or closed its input).
    func write(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard input >= 0 else { throw Failure(description: "its input is closed") }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(input, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(description: errno == EPIPE ? "it stopped reading its input" : Self.reason())
            }
            offset += n
        }
    }

    /// Closes the child's input (end of stream), waits for it to end and reaps it.
    @discardableResult
    func finish() -> Ending {
        if let ending { return ending }
        if input >= 0 {
            close(input)
            input = -1
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        errors.waitForEnd()
        // The wait status's layout (WIFEXITED and friends are macros Swift does not import).
        let ending: Ending = status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .killed(signal: status & 0x7F)
        self.ending = ending
        return ending
    }

    /// The last non-empty line the child wrote to its standard error, if any.
    var lastErrorLine: String? { errors.lastLine }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

/// Reads a child's standard error on its own thread until the child closes it, keeping the tail.
private final class ErrorCollector: @unchecked Sendable {  // `tail` is guarded by `lock`
    private let lock = Lock()
    private var tail: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)
    private static let kept = 4096

    init(descriptor: Int32) {
        DispatchQueue(label: "neuroglow.child-errors").async { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                lock.withLock {
                    tail += buffer[0..<n]
                    if tail.count > Self.kept { tail.removeFirst(tail.count - Self.kept) }
                }
            }
            close(descriptor)
            done.signal()
        }
    }

    /// Blocks until the child has closed its standard error (it ended).
    func waitForEnd() {
        done.wait()
        done.signal()  // later callers pass straight through
    }

    var lastLine: String? {
        let text = lock.withLock { String(decoding: tail, as: UTF8.self) }
        return text.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }
            .map(String.init)
    }
}
