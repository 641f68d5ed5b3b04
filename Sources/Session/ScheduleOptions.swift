import NeuralCore
import Playback

/// The schedule part of the command line (docs/DESIGN.md §4).
public struct ScheduleOptions: Sendable, Equatable {
    public var mode: ScheduleMode = .adaptive
    public var keyframes = 120
    public var beat = 30
    public var fps = 60

    public init() {}

    public func validate() throws(InputError) {
        if keyframes < 2 || keyframes > 100_000 {
            throw InputError("--keyframes \(keyframes): expected a whole number from 2 to 100000")
        }
        if beat < 3 || beat > 6000 {
            throw InputError("--beat \(beat): expected a whole number of frames from 3 to 6000")
        }
        if fps < 1 || fps > 240 { throw InputError("--fps \(fps): expected a whole number from 1 to 240") }
    }
}
