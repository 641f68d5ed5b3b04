import Glibc

/// Where a recording's frames go: a folder of BMP files or a video file.
///
/// Contract: `write` is called with frames 0, 1, 2, … in order, one call at a time (callers
/// that write from several threads take turns) — unless the sink `writesFramesIndependently`,
/// when encoded frames may be written from several threads at once and in any order; a frame is
/// either written whole or `write` throws. `finish` is called once after the last frame; for a
/// video it is what makes the file playable.
public protocol FrameSink: AnyObject, Sendable {
    /// Writes `surface` as frame `frame` of the recording.
    func write(_ surface: Surface, frame: Int) throws
    /// How this sink's frames can be made from pixels on another thread (any number at once,
    /// each into its own buffer) and handed to `write(encoded:frame:)`; nil if it takes surfaces
    /// only. A canvas in memory is encoded straight from its pixels, without a copy first.
    var encoding: FrameEncoding? { get }
    /// Writes a frame `encoding` made as frame `frame`, under `write`'s contract.
    func write(encoded: [UInt8], frame: Int) throws
    /// Whether each frame is written on its own (a file per frame), so that `write(encoded:frame:)`
    /// may run on several threads at once, frames in any order.
    var writesFramesIndependently: Bool { get }
    /// Takes back frame `frame`, written whole but past a frame that failed (independent frames
    /// only: a recording keeps no frame after its first missing one).
    func remove(frame: Int)
    /// Ends the recording; throws if what was written cannot be completed.
    func finish() throws
}

extension FrameSink {
    public var encoding: FrameEncoding? { nil }

    public func write(encoded: [UInt8], frame: Int) throws {
        preconditionFailure("\(Self.self) has no encoding: frames are written as surfaces")
    }

    public var writesFramesIndependently: Bool { false }

    public func remove(frame: Int) {}
}

/// Turns pixels into the bytes a sink writes. Safe to call from several threads at once.
public protocol FrameEncoding: Sendable {
    func encode(_ pixels: Surface, into bytes: inout [UInt8])
}

/// A folder of `frame_000000.bmp`, `frame_000001.bmp`, … (docs/DESIGN.md §5).
public final class BMPSequence: FrameSink, @unchecked Sendable {  // `file`: surfaces are written one at a time
    public let directory: String
    /// The file of the frame being written from a surface, kept between frames.
    private var file: [UInt8] = []

    /// Creates the folder if needed; throws (`RecordingFolder.Unusable`) if nothing can be written in it.
    public init(directory: String) throws {
        try RecordingFolder.prepare(directory)
        self.directory = directory
    }

    public func write(_ surface: Surface, frame: Int) throws {
        BMPWriter.encode(surface, into: &file)
        try FrameFile.write(file, frame: frame, in: directory)
    }

    public var encoding: FrameEncoding? { Encoding() }

    private struct Encoding: FrameEncoding {
        func encode(_ pixels: Surface, into bytes: inout [UInt8]) { BMPWriter.encode(pixels, into: &bytes) }
    }

    public func write(encoded: [UInt8], frame: Int) throws {
        try FrameFile.write(encoded, frame: frame, in: directory)
    }

    /// Each frame is its own file, written under a temporary name and renamed when whole.
    public var writesFramesIndependently: Bool { true }

    public func remove(frame: Int) { unlink(FrameFile.path(frame: frame, in: directory)) }

    public func finish() {}
}
