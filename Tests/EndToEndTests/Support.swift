import Foundation
import Testing

/// Runs the built executable and other tools for end-to-end tests.
enum Tool {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The release binary `make test` builds (or `$NEUROGLOW_BINARY`).
    static var binary: String {
        ProcessInfo.processInfo.environment["NEUROGLOW_BINARY"] ?? packageRoot + "/.build/release/neuroglow"
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `path` with `arguments` and waits (at most `timeout` seconds, then kills it).
    @discardableResult
    static func run(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], unsetting: [String] = [],
        directory: String? = nil, timeout: Double = 120
    ) throws -> Result {
        let process = try start(path, arguments, environment: environment, unsetting: unsetting, directory: directory)
        let deadline = Date().addingTimeInterval(timeout)
        while process.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        // SIGKILL, not terminate(): children of the test runner inherit its threads' blocked
        // signals, SIGTERM among them, so a stuck child would ignore SIGTERM and hang the suite.
        process.signal(SIGKILL)
        return process.finish()
    }

    /// `neuroglow ARGS`.
    @discardableResult
    static func neuroglow(
        _ arguments: [String], environment: [String: String] = [:], unsetting: [String] = [],
        directory: String? = nil, timeout: Double = 120
    ) throws -> Result {
        try run(
            binary, arguments, environment: environment, unsetting: unsetting, directory: directory, timeout: timeout)
    }

    final class Running {
        let process: Process
        let stdoutPath: String
        let stderrPath: String
        init(process: Process, stdoutPath: String, stderrPath: String) {
            self.process = process
            self.stdoutPath = stdoutPath
            self.stderrPath = stderrPath
        }
        /// Sends `number` unless the process has already ended and been reaped: its PID may then
        /// belong to another process (PIDs wrap quickly on these machines).
        func signal(_ number: Int32) {
            if process.isRunning { kill(process.processIdentifier, number) }
        }
        func finish() -> Result {
            process.waitUntilExit()
            let out = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: stdoutPath)
            try? FileManager.default.removeItem(atPath: stderrPath)
            return Result(status: process.terminationStatus, stdout: out, stderr: err)
        }
    }

    /// Starts a process without waiting; its output goes to temporary files.
    /// `environment` is added to this process's; the variables in `unsetting` are removed.
    static func start(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], unsetting: [String] = [],
        directory: String? = nil
    ) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        for k in unsetting { env[k] = nil }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let id = UUID().uuidString
        let out = NSTemporaryDirectory() + "neuroglow-out-\(id)", err = NSTemporaryDirectory() + "neuroglow-err-\(id)"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        process.standardInput = FileHandle.nullDevice
        try withSignalsUnblocked { try process.run() }
        return Running(process: process, stdoutPath: out, stderrPath: err)
    }

    /// Runs `body` (which starts a child process) with this thread's signal mask emptied, then
    /// restores it. A child inherits the mask of the thread that spawns it, and the test runner's
    /// worker threads block nearly every signal: Xvfb then never sees SIGALRM, which its scheduler
    /// uses to share the server between clients, so a window drawing flat out starved openbox and
    /// wmctrl (a close request took over 5 s now and then); SIGTERM was blocked too.
    static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
        var none = sigset_t(), saved = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        return try body()
    }

    static func temporaryDirectory(_ name: String = "neuroglow-e2e") -> String {
        let path = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func json(_ text: String) -> Any? {
        guard let data = text.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// An empty folder nothing can be written in, removed when released. As root (CI), permissions
/// do not stop writes, so the folder is a tmpfs mounted read-only; otherwise it is mode 0555.
final class ReadOnlyFolder {
    let path: String
    private let mounted: Bool

    init() throws {
        path = Tool.temporaryDirectory("neuroglow-read-only")
        mounted = getuid() == 0
        if mounted {
            let mount = try Tool.run("/bin/mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", path])
            guard mount.status == 0 else {
                throw CocoaError(
                    .fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "mount: \(mount.stderr)"])
            }
        } else {
            chmod(path, 0o555)
        }
    }

    deinit {
        if mounted { _ = try? Tool.run("/bin/umount", [path]) } else { chmod(path, 0o755) }
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The frame files of a recording folder, in order.
func frames(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasPrefix("frame_") }.sorted()
}

/// Waits (at most `timeout` seconds) until `directory` holds at least `count` frames; returns how
/// many it holds.
@discardableResult
func waitForFrames(_ directory: String, atLeast count: Int, timeout: Double = 20) -> Int {
    eventually(timeout: timeout) { frames(in: directory).count >= count }
    return frames(in: directory).count
}

/// Asks `condition` every 50 ms until it holds, for at most `timeout` seconds; returns whether it
/// held. The window answers keys and clicks a frame or more later, and later still on a loaded
/// machine, so a test waits for what it expects rather than sleeping a fixed time.
@discardableResult
func eventually(timeout: Double = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        if Date() >= deadline { return false }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return true
}

/// `value` once it has stopped changing: the same for `quiet` seconds in a row (waiting at most
/// `timeout`). A check that nothing more happens (no frame written while paused) starts from here,
/// after what was already under way — frames in the recorder's queue, a key not yet read — is done.
func settled<T: Equatable>(quiet: Double = 0.5, timeout: Double = 20, _ value: () -> T) -> T {
    let deadline = Date().addingTimeInterval(timeout)
    var current = value(), since = Date()
    while Date() < deadline && Date().timeIntervalSince(since) < quiet {
        Thread.sleep(forTimeInterval: 0.05)
        let next = value()
        if next != current { (current, since) = (next, Date()) }
    }
    return current
}

/// A recording's session.json, if it is there and is JSON.
func recordingManifest(_ directory: String) -> [String: Any]? {
    (try? String(contentsOfFile: directory + "/session.json", encoding: .utf8)).flatMap {
        Tool.json($0) as? [String: Any]
    }
}

/// `object[key]` as a `T`, or a failure naming the key and what the object holds: a missing or
/// mistyped field fails its own test, where `as!` would trap and end the whole test run.
func field<T>(_ key: String, of object: [String: Any], as type: T.Type = T.self) throws -> T {
    try #require(object[key] as? T, "no \(T.self) \"\(key)\" in \(object)")
}

/// The rectangle of an area of a `layout` event (its `x`, `y`, `width` and `height`).
struct AreaRect {
    let x: Double, y: Double, width: Double, height: Double

    init(_ area: [String: Any]) throws {
        x = try field("x", of: area)
        y = try field("y", of: area)
        width = try field("width", of: area)
        height = try field("height", of: area)
    }

    var centre: (x: Double, y: Double) { (x + width / 2, y + height / 2) }
}
