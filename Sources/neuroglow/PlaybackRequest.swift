/// A change of playback the user asked for; Update carries it out on the clock.
enum PlaybackRequest: Equatable {
    case togglePause
    /// Keyframes to step (negative: back); only while paused.
    case step(Int)
    case faster, slower
    /// Back to the first frame.
    case restart
    /// Keyframes to jump, paused or not (Shift+← / Shift+→).
    case jump(keyframes: Int)
    /// To the last keyframe the trainer has reached (End).
    case lastReached
    /// To the keyframe nearest the steepest drop of the loss (M).
    case steepestDrop
    /// To a frame picked on the timeline; a drag pauses playback, a click does not.
    case seek(frame: Int, pausing: Bool)
}
