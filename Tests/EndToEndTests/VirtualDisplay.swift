import Foundation
import Testing

/// A private X server for one test, with xdotool to click into it and, when asked, a window
/// manager (openbox) so that minimising, focus and the close button behave as on a desktop.
final class VirtualDisplay {
    let display: String
    private let server: Process
    private var windowManager: Process?

    init(width: Int = 1280, height: Int = 720, withWindowManager: Bool = false) throws {
        let server = Process()
        self.server = server
        server.executableURL = URL(
            fileURLWithPath: try #require(Tool.which("Xvfb"), "Xvfb is missing: `make test` installs it"))
        // Xvfb picks a free display number itself and writes it once it accepts connections:
        // tests running in parallel cannot race for a number (and end up sharing a server).
        server.arguments = ["-displayfd", "1", "-screen", "0", "\(width)x\(height)x24", "-nolisten", "tcp"]
        let announced = Pipe()
        server.standardOutput = announced
        server.standardError = FileHandle.nullDevice
        try Tool.withSignalsUnblocked { try server.run() }
        let number = String(decoding: announced.fileHandleForReading.readLine(), as: UTF8.self)
        display = ":" + (try #require(Int(number).map(String.init), "Xvfb did not start (it said '\(number)')"))
        if withWindowManager { try startWindowManager() }
    }

    /// Starts openbox and waits until it manages the screen (wmctrl answers).
    private func startWindowManager() throws {
        let manager = Process()
        manager.executableURL = URL(
            fileURLWithPath: try #require(Tool.which("openbox"), "openbox is missing: `make test` installs it"))
        manager.arguments = ["--sm-disable"]
        manager.environment = ProcessInfo.processInfo.environment.merging(["DISPLAY": display]) { $1 }
        manager.standardOutput = FileHandle.nullDevice
        manager.standardError = FileHandle.nullDevice
        try Tool.withSignalsUnblocked { try manager.run() }
        windowManager = manager
        // Under the whole suite's load openbox has needed longer than 10 s; a window mapped
        // before it manages the screen never gets focus or minimise events, so wait long, and
        // say so if it never came.
        let deadline = Date().addingTimeInterval(60)
        var managing = false
        while !managing && Date() < deadline {
            managing = try wmctrl(["-m"]).status == 0
            if !managing { Thread.sleep(forTimeInterval: 0.1) }
        }
        try #require(managing, "openbox did not manage display \(display) within 60 s")
    }

    deinit {
        if let windowManager {
            if windowManager.isRunning { kill(windowManager.processIdentifier, SIGKILL) }
            windowManager.waitUntilExit()
        }
        // Xvfb holds no state worth a clean exit. (Each kill only while the process is alive:
        // once reaped, its PID may already belong to another process.)
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
    }

    @discardableResult
    func xdotool(_ arguments: [String]) throws -> Tool.Result {
        try Tool.run(
            try #require(Tool.which("xdotool"), "xdotool is missing: `make test` installs it"), arguments,
            environment: ["DISPLAY": display], timeout: 20)
    }

    /// wmctrl talks to the window manager (EWMH): activate (-a), close (-c) and so on.
    @discardableResult
    func wmctrl(_ arguments: [String]) throws -> Tool.Result {
        try Tool.run(
            try #require(Tool.which("wmctrl"), "wmctrl is missing: `make test` installs it"), arguments,
            environment: ["DISPLAY": display], timeout: 20)
    }
}

extension FileHandle {
    /// Bytes up to the first newline (without it), or to the end of the stream.
    func readLine() -> Data {
        var line = Data()
        while true {
            let byte = readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { return line }
            line.append(byte)
        }
    }
}

/// Reads a growing JSON Lines file.
struct EventReader {
    let path: String

    var events: [[String: Any]] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Tool.json(String($0)) as? [String: Any] }
    }

    func wait(for name: String, count: Int = 1, timeout: Double = 20) -> [[String: Any]] {
        func found() -> [[String: Any]] { events.filter { $0["event"] as? String == name } }
        eventually(timeout: timeout) { found().count >= count }
        return found()
    }
}
