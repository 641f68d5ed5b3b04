/// Where a recording's frames go: a folder of BMP files or a video file.
///
/// Contract: `write` is called with frames 0, 1, 2, … in order, one call at a time (callers
/// that write from several threads take turns); a frame is either written whole or `write`
/// throws, and after a throw no later frame is written. `finish` is called once after the last
/// frame; for a video it is what makes the file playable.
public protocol FrameSink: AnyObject, Sendable {
    /// Writes `surface` as frame `frame` of the recording.
    func write(_ surface: Surface, frame: Int) throws
    /// Ends the recording; throws if what was written cannot be completed.
    func finish() throws
}

/// A folder of `frame_000000.bmp`, `frame_000001.bmp`, … (docs/DESIGN.md §5).
public final class BMPSequence: FrameSink, @unchecked Sendable {  // one `write` at a time (FrameSink)
    public let directory: String
    private let writer = BMPWriter()

    /// Creates the folder if needed; throws (`RecordingFolder.Unusable`) if nothing can be written in it.
    public init(directory: String) throws {
        try RecordingFolder.prepare(directory)
        self.directory = directory
    }

    public func write(_ surface: Surface, frame: Int) throws {
        try FrameFile.write(surface, frame: frame, in: directory, with: writer)
    }

    public func finish() {}
}
