import SDLPlatform

/// Frame pacing in one place: vsync does the waiting when the driver honours it; when it does
/// not (some software drivers), this sleeps the rest of the frame. Also measures the frame rate.
struct FramePacer {
    let frameSeconds: Double
    private var frameStart = Clock.seconds
    private var recent: [Double] = []
    private(set) var measuredFPS = 0.0

    init(fps: Double) { frameSeconds = 1 / fps }

    mutating func wait() {
        let elapsed = Clock.seconds - frameStart
        if elapsed < frameSeconds - 0.001 { Clock.sleep(milliseconds: Int((frameSeconds - elapsed) * 1000)) }
        let now = Clock.seconds
        recent.append(now - frameStart)
        if recent.count > 30 { recent.removeFirst() }
        measuredFPS = Double(recent.count) / max(recent.reduce(0, +), 1e-9)
        frameStart = now
    }
}
