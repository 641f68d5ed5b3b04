import SDLPlatform

/// Frame pacing in one place: vsync does the waiting when the driver honours it; when it does
/// not (Xvfb, some software drivers), this sleeps the rest of the frame. Also measures the frame
/// rate, and every `statsInterval` frames summarises how long frames took to make. The first
/// frame is not in those summaries: it is start-up (llvmpipe compiles its shaders on first use,
/// glyph atlases and textures are uploaded), measured as "start to first presented frame".
struct FramePacer {
    static let statsInterval = 600

    let frameSeconds: Double
    private var frameStart = Clock.seconds
    private var recent: [Double] = []
    private var workTimes: [Double] = []
    private(set) var measuredFPS = 0.0
    private(set) var framesPresented = 0

    init(fps: Double) { frameSeconds = 1 / fps }

    /// Starts the next frame now: time spent not drawing (minimised) is not a frame's, and would
    /// otherwise read as one frame seconds long in the frame rate and frame times.
    mutating func resumeAfterIdle() { frameStart = Clock.seconds }

    /// Ends a frame: sleeps what is left of it, then returns a summary every `statsInterval` frames.
    mutating func wait() -> Summary? {
        let elapsed = Clock.seconds - frameStart
        if framesPresented > 0 { workTimes.append(elapsed * 1000) }
        if elapsed < frameSeconds - 0.001 { Clock.sleep(milliseconds: Int((frameSeconds - elapsed) * 1000)) }
        let now = Clock.seconds
        recent.append(now - frameStart)
        if recent.count > 30 { recent.removeFirst() }
        measuredFPS = Double(recent.count) / max(recent.reduce(0, +), 1e-9)
        frameStart = now
        framesPresented += 1
        guard workTimes.count >= FramePacer.statsInterval else { return nil }
        defer { workTimes.removeAll(keepingCapacity: true) }
        return Summary(workTimes)
    }
}
