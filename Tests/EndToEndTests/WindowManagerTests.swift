import Foundation
import Testing

/// What a desktop does to the window — hide, minimise, take focus, close — with openbox managing
/// a private X server, as on a user's desktop.
@Suite(.serialized)
struct WindowManagerTests {
    /// Waits for a `window` event with `state` after the first `after` window events.
    func waitForWindow(_ live: LiveWindow, _ state: String, after: Int = 0, timeout: Double = 20) -> Bool {
        eventually(timeout: timeout) {
            live.events.events.filter { $0["event"] as? String == "window" }.dropFirst(after).contains {
                $0["state"] as? String == state
            }
        }
    }

    /// Asks the window manager to activate `window`, as a pager or task bar does, until `live`
    /// reports `state` (`focus_gained` for its own window, `focus_lost` for another) after its
    /// first `after` window events.
    ///
    /// Asks again, at most twice, only when the X server's focus is not where it was asked to be, as
    /// a user would click again: a window manager under load can act on a request and the focus
    /// still not move (the server ignores a focus request stamped older than its last focus change).
    /// Focus where it was asked with no event from the window is a failure, not retried.
    func activate(_ window: String, until state: String, after before: Int, in live: LiveWindow) throws -> Bool {
        for _ in 0..<3 {
            let asked = try live.x.xdotool(["windowactivate", window])
            #expect(asked.status == 0, "xdotool windowactivate: \(asked.stderr)")
            if waitForWindow(live, state, after: before, timeout: 6) { return true }
            let focused = try live.x.xdotool(["getwindowfocus", "-f"]).stdout.trimmingCharacters(
                in: .whitespacesAndNewlines)
            if focused == window { return waitForWindow(live, state, after: before, timeout: 10) }
            // Counted by the ten-runs check of the suite (a retry, however justified, is reported).
            print("WindowManagerTests: retry: focus on \(focused), not \(window); asking the window manager again")
        }
        return false
    }

    @Test func hiddenThenShownTheWindowKeepsWorking() throws {
        let live = try LiveWindow(["--seconds", "60"])
        let layout = try live.layout()
        try live.x.xdotool(["windowunmap", "--sync", try live.windowID()])
        #expect(waitForWindow(live, "hidden"))
        Thread.sleep(forTimeInterval: 0.5)
        #expect(live.app.process.isRunning)
        try live.x.xdotool(["windowmap", "--sync", try live.windowID()])
        Thread.sleep(forTimeInterval: 0.5)
        try live.click(try live.centre(layer: 0, index: 2, in: layout))
        #expect(live.events.wait(for: "input").first?["neuron"] as? Int == 2)
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    /// Minimised, a live recording pauses with the session; restored, it goes on from the frame it
    /// stopped at — the same frames the headless recorder makes, with none missing.
    @Test func minimisingWhileRecordingPausesTheRecordingAndLosesNoFrame() throws {
        let recordings = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: recordings) }
        let options = ["--size", "640x360"]
        let live = try LiveWindow(
            options + ["--record", recordings + "/live", "--seconds", "60"],
            environment: ["SDL_RENDER_DRIVER": "software"], withWindowManager: true)
        let window = try live.windowID()
        #expect(waitForWindow(live, "focus_gained"))
        // The pointer where the window manager left it may rest on a neuron, whose hover card the
        // headless recording has not: into the window's corner, over nothing.
        try live.x.xdotool(["mousemove", "--window", window, "2", "2"])
        waitForFrames(recordings + "/live", atLeast: 30)
        let beforeMinimising = live.count("window")

        try live.x.xdotool(["windowminimize", "--sync", window])
        #expect(waitForWindow(live, "minimized", after: beforeMinimising))
        let whenMinimised = settled { frames(in: recordings + "/live").count }
        Thread.sleep(forTimeInterval: 1)
        #expect(frames(in: recordings + "/live").count == whenMinimised, "frames were recorded while minimised")
        #expect(live.app.process.isRunning)

        let restoredAfter = live.count("window")
        try live.x.xdotool(["windowactivate", window])
        #expect(waitForWindow(live, "restored", after: restoredAfter))
        waitForFrames(recordings + "/live", atLeast: whenMinimised + 30)
        try live.key("Escape")
        #expect(live.finish().status == 0)

        let written = frames(in: recordings + "/live")
        #expect(written.count >= whenMinimised + 30)
        #expect(written == (0..<written.count).map { String(format: "frame_%06d.bmp", $0) })
        #expect(
            try Tool.neuroglow(["record", recordings + "/headless", "--frames", String(written.count)] + options).status
                == 0)
        for frame in [whenMinimised - 1, whenMinimised, whenMinimised + 1, written.count - 1] {
            let name = String(format: "/frame_%06d.bmp", frame)
            let a = try #require(FileManager.default.contents(atPath: recordings + "/live" + name))
            let b = try #require(FileManager.default.contents(atPath: recordings + "/headless" + name))
            #expect(
                meanDifference(a, b) < 1.0,
                "frame \(frame) differs from the headless recording by \(meanDifference(a, b))")
        }
    }

    /// The window asks not to be made smaller than `--size` allows (320x240): a window manager
    /// asked for 100x80 gives it 320x240, and the picture is laid out for that.
    @Test func theWindowManagerKeepsTheWindowAtLeast320x240() throws {
        let live = try LiveWindow(["--seconds", "60"], withWindowManager: true)
        _ = try live.layout()
        let asked = try live.x.xdotool(["windowsize", try live.windowID(), "100", "80"])
        #expect(asked.status == 0, "xdotool windowsize: \(asked.stderr)")
        let resized = try live.layout(count: 2)
        #expect(resized["width"] as? Int == 320 && resized["height"] as? Int == 240, "\(resized)")
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    /// On a screen smaller than the default window (a projector's 800x600), the window opens as
    /// large as fits, in proportion; a size given with --size is kept.
    @Test func theDefaultWindowFitsASmallScreen() throws {
        let fitted = try LiveWindow(["--seconds", "60"], withWindowManager: true, screen: (800, 600))
        let layout = try fitted.layout()
        #expect(layout["width"] as? Int == 800 && layout["height"] as? Int == 450, "\(layout["width"] ?? "?")")
        try fitted.key("Escape")
        #expect(fitted.finish().status == 0)
        let given = try LiveWindow(
            ["--seconds", "60", "--size", "1024x576"], withWindowManager: true, screen: (800, 600))
        let asked = try given.layout()
        #expect(asked["width"] as? Int == 1024 && asked["height"] as? Int == 576, "\(asked["width"] ?? "?")")
        try given.key("Escape")
        #expect(given.finish().status == 0)
    }

    /// Another window taking the focus does not stop the network learning or the window drawing;
    /// given the focus back, the window answers clicks.
    @Test func losingFocusToAnotherWindowKeepsTheSessionGoing() throws {
        // A session trained at once (even by a slow debug build), so keyframes keep coming.
        let live = try LiveWindow(["--iterations", "300", "--seconds", "60"], withWindowManager: true)
        let window = try live.windowID()
        let layout = try live.layout()
        #expect(waitForWindow(live, "focus_gained"))
        let before = live.count("window")
        // The other window: a second, smaller neuroglow (titled by its shape, 3-2-1).
        let other = try Tool.start(
            Tool.binary, ["--layers", "3,2,1", "--size", "320x240", "--seconds", "60"],
            environment: ["DISPLAY": live.x.display])
        defer { other.signal(SIGKILL); _ = other.finish() }
        let mapped = try live.x.xdotool(["search", "--sync", "--onlyvisible", "--name", "3-2-1"])
        let otherWindow = try #require(mapped.stdout.split(separator: "\n").first.map(String.init))
        // As a pager or task bar asks (xdotool's activation): openbox honours it at once, where an
        // application's own request may only be marked as wanting attention.
        #expect(try activate(otherWindow, until: "focus_lost", after: before, in: live))
        let keyframes = live.count("keyframe")
        Thread.sleep(forTimeInterval: 1.5)
        #expect(live.count("keyframe") > keyframes, "no keyframe was shown while the window was not focused")

        #expect(try activate(window, until: "focus_gained", after: live.count("window"), in: live))
        try live.click(try live.centre(layer: 0, index: 1, in: layout))
        #expect(live.events.wait(for: "input").first?["neuron"] as? Int == 1)
        try live.key("Escape")
        #expect(live.finish().status == 0)
    }

    /// The close button mid-recording ends the program normally: every frame written, whole and in
    /// order, and the manifest counting them.
    @Test func theCloseButtonMidRecordingFlushesEveryFrame() throws {
        let recordings = Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: recordings) }
        let live = try LiveWindow(
            ["--record", recordings + "/rec", "--size", "640x360", "--seconds", "60"], withWindowManager: true)
        let window = try live.windowID()
        // Managed by openbox (it gives new windows the focus) before its close button is pressed.
        #expect(waitForWindow(live, "focus_gained"))
        waitForFrames(recordings + "/rec", atLeast: 30)
        // One press: before the test runner started Xvfb with SIGALRM unblocked (Tool.withSignalsUnblocked),
        // a window drawing flat out could starve openbox for seconds and the press seemed lost.
        let before = live.count("window")
        let close = try live.x.wmctrl(["-i", "-c", window])
        #expect(close.status == 0, "wmctrl: \(close.stderr)")
        #expect(waitForWindow(live, "close_requested", after: before, timeout: 10))
        let result = live.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            live.events.events.contains {
                $0["event"] as? String == "window" && $0["state"] as? String == "close_requested"
            },
            "window events: \(live.events.events.filter { $0["event"] as? String == "window" })")
        let written = frames(in: recordings + "/rec")
        #expect(written.count >= 30)
        #expect(written == (0..<written.count).map { String(format: "frame_%06d.bmp", $0) })
        let manifest = recordingManifest(recordings + "/rec")
        #expect(manifest?["frames"] as? Int == written.count)
        #expect(manifest?["stopped_early"] is NSNull, "\(String(describing: manifest?["stopped_early"]))")
        let stopped = live.events.events.last { $0["event"] as? String == "record" }
        #expect(stopped?["state"] as? String == "stopped" && stopped?["frames"] as? Int == written.count)
    }
}
