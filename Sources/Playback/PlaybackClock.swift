/// Maps wall time to a frame index for the live window: play, pause, step, speed, restart.
///
/// The timeline never sees wall time; only this clock does. The frame never passes `limit`
/// (the trainer's readiness), so the window waits on the picture, never on the trainer.
public struct PlaybackClock: Sendable {
    public static let speeds: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]

    public private(set) var position: Double = 0
    public private(set) var isPaused = false
    private var speedIndex = 2

    public init() {}

    public var speed: Double { PlaybackClock.speeds[speedIndex] }
    public var frame: Int { Int(position) }

    /// Advances by `seconds` of wall time at `fps` frames per second of session time, unless paused.
    public mutating func advance(seconds: Double, fps: Double, limit: Int) {
        if !isPaused { position += max(seconds, 0) * fps * speed }
        position = min(position, Double(max(limit, 0)))
    }

    /// Advances exactly one frame (recording and tests): frame indices without wall time.
    public mutating func advanceOneFrame(limit: Int) {
        if !isPaused { position = min(position + 1, Double(max(limit, 0))) }
    }

    public mutating func togglePause() { isPaused.toggle() }
    public mutating func pause() { isPaused = true }

    /// Moves to `frame`, clamped to `0…limit`, paused or not (the timeline, and keys that jump).
    public mutating func seek(toFrame frame: Int, limit: Int) {
        position = Double(min(max(frame, 0), max(limit, 0)))
    }
    public mutating func faster() { speedIndex = min(speedIndex + 1, PlaybackClock.speeds.count - 1) }
    public mutating func slower() { speedIndex = max(speedIndex - 1, 0) }
    public mutating func restart() { position = 0 }

    /// Moves to the first frame of the beat `keyframes` beats away (negative: back), clamped to
    /// `0…limit`. Used for stepping while paused.
    public mutating func step(keyframes: Int, beat: Int, limit: Int) {
        let beatIndex = max(frame / beat + keyframes, 0)
        position = Double(min(beatIndex * beat, max(limit, 0)))
    }
}
