import CSDL2
import Dispatch
import Glibc

/// Writes presented frames into a `FrameSink` (BMP files, or a video through ffmpeg) off the
/// render thread.
///
/// Contract: frames are numbered in capture order with no gaps and reach the sink in that order —
/// or, for a sink that writes frames independently (a folder of files), on one writer per core
/// (up to two) in any order, so that the kernel copies two frames at once. At most `poolSize`
/// frames wait to be written: when the disk or the encoder is slower than the picture, `capture`
/// waits (the frame rate drops) rather than dropping a frame. The first write error stops the
/// recording: later frames are refused, frames already written stay whole (any written past the
/// failed one are taken back by `finish`: a recording is always frames 0…n−1), and `failure`
/// says why.
public final class FrameRecorder: @unchecked Sendable {
    public let sink: FrameSink
    public static let poolSize = 6
    private let firstFrame: Int

    /// The frame size, fixed for the whole recording.
    public let width: Int
    public let height: Int

    /// Where `sink` is written: frame k on `writers[k % writers.count]`, each writer in order.
    private let writers: [DispatchQueue]
    private let slots: DispatchSemaphore
    private let lock = Lock()
    private var free: [Slot]
    /// The pixel format frames are read back in.
    private let captureFormat: UInt32
    private var captured = 0
    /// Frames 0..<written are whole; `writtenAhead` holds the frames whole past a missing one.
    private var written = 0
    private var writtenAhead = Set<Int>()
    private var error: String?

    /// A frame on its way to the sink: read back into a surface, or encoded into bytes. Each
    /// buffer is made on first use and kept.
    fileprivate final class Slot {
        var surface: Surface?
        var bytes: [UInt8] = []
    }

    /// A frame `prepare` made: its buffer from the pool, and whether it holds the sink's bytes
    /// (else a surface read back, which the sink converts when it writes it).
    public struct PreparedFrame {
        fileprivate let slot: Slot
        fileprivate let encoded: Bool
    }

    /// Frames are read back in the canvas's own pixel format (a plain copy) and converted, if the
    /// sink needs it, on the writing thread. A canvas in memory is instead encoded straight from
    /// its pixels by the capturing thread when the sink can (`FrameSink.encoding`). The first
    /// frame captured is the sink's frame `firstFrame` (a resumed recording continues after the
    /// frames it kept).
    public init(sink: FrameSink, canvas: Canvas, firstFrame: Int = 0) {
        self.sink = sink
        self.firstFrame = firstFrame
        width = canvas.width
        height = canvas.height
        captureFormat = canvas.capturePixelFormat
        free = (0..<FrameRecorder.poolSize).map { _ in Slot() }
        slots = DispatchSemaphore(value: FrameRecorder.poolSize)
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let count = sink.writesFramesIndependently && sink.encoding != nil ? max(1, min(cores, 2)) : 1
        writers = (0..<count).map { DispatchQueue(label: "neuroglow.recorder.\($0)") }
    }

    public static func fileName(frame: Int) -> String {
        let digits = String(frame)
        return "frame_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".bmp"
    }

    /// Frames handed to `capture` and accepted.
    public var capturedFrames: Int { lock.withLock { captured } }
    /// Frames whole on disk (or handed to the encoder), not counting those before `firstFrame`:
    /// the first `writtenFrames` captured, with none missing.
    public var writtenFrames: Int { lock.withLock { written } }
    /// Why recording stopped, if a write failed.
    public var failure: String? { lock.withLock { error } }

    /// Reads the canvas's current frame (call before `present`) and queues it for writing.
    /// Returns false once the recording has failed; a canvas no longer of the recording's size
    /// fails it (one recording, one frame size).
    @discardableResult
    public func capture(from canvas: Canvas) -> Bool {
        guard let frame = prepare(from: canvas) else { return false }
        return submit(frame)
    }

    /// The first half of `capture`: takes a buffer from the pool (waiting while all are queued)
    /// and encodes the canvas's frame into it, or reads it back. Several threads may prepare at
    /// once, so a frame's encoding need not wait for the frames before it to be submitted. Nil
    /// once the recording has failed. Every frame prepared must be `submit`ted or `discard`ed.
    public func prepare(from canvas: Canvas) -> PreparedFrame? {
        if failure != nil { return nil }
        guard canvas.width == width, canvas.height == height else {
            fail("the picture is now \(canvas.width)×\(canvas.height), the recording's frames are \(width)×\(height)")
            return nil
        }
        slots.wait()
        let slot = lock.withLock { free.removeLast() }
        if let pixels = canvas.softwarePixels, let encoding = sink.encoding {
            encoding.encode(pixels, into: &slot.bytes)
            return PreparedFrame(slot: slot, encoded: true)
        }
        do {
            let surface = try slot.surface ?? Surface(width: width, height: height, pixelFormat: captureFormat)
            slot.surface = surface
            try canvas.readPixels(into: surface)
        } catch {
            release(slot)
            fail("reading the frame back failed: \(error)")
            return nil
        }
        return PreparedFrame(slot: slot, encoded: false)
    }

    /// The second half of `capture`: queues a prepared frame for writing as the next frame of
    /// the recording (frames are numbered in the order they are submitted). Returns false, and
    /// drops the frame, once the recording has failed.
    @discardableResult
    public func submit(_ frame: PreparedFrame) -> Bool {
        if failure != nil {
            release(frame.slot)
            return false
        }
        let index = lock.withLock { () -> Int in
            captured += 1
            return captured - 1
        }
        // The slot passes to the writing queue; the pool's semaphore guarantees no other thread
        // touches it until `release` puts it back. Surfaces are converted in the sink's one
        // buffer, so they all go to the first writer, in order.
        nonisolated(unsafe) let handedOver = frame
        let writer = frame.encoded ? writers[index % writers.count] : writers[0]
        writer.async { [self] in
            let frame = handedOver
            defer { release(frame.slot) }
            guard failure == nil else { return }
            do {
                if frame.encoded {
                    try sink.write(encoded: frame.slot.bytes, frame: firstFrame + index)
                } else if let surface = frame.slot.surface {
                    try sink.write(surface, frame: firstFrame + index)
                }
                lock.withLock {
                    writtenAhead.insert(index)
                    while writtenAhead.remove(written) != nil { written += 1 }
                }
            } catch {
                fail("\(error)")
            }
        }
        return true
    }

    /// Returns a prepared frame's buffer to the pool without writing it.
    public func discard(_ frame: PreparedFrame) { release(frame.slot) }

    /// Waits until every queued frame is written (or refused after a failure), takes back any
    /// frame written past a missing one, then ends the sink (a video's file is then complete).
    public func finish() {
        for writer in writers { writer.sync {} }
        let stranded = lock.withLock { () -> Set<Int> in
            defer { writtenAhead = [] }
            return writtenAhead
        }
        for index in stranded { sink.remove(frame: firstFrame + index) }
        do {
            try sink.finish()
        } catch {
            fail("\(error)")
        }
    }

    fileprivate func release(_ slot: Slot) {
        lock.withLock { free.append(slot) }
        slots.signal()
    }

    private func fail(_ message: String) {
        lock.withLock { if error == nil { error = message } }
    }
}

/// One frame file: written under a temporary name, renamed when whole.
public enum FrameFile {
    public static func path(frame: Int, in directory: String) -> String {
        directory + "/" + FrameRecorder.fileName(frame: frame)
    }

    static func write(_ file: [UInt8], frame: Int, in directory: String) throws {
        let final = path(frame: frame, in: directory)
        let temporary = final + ".partial"
        do {
            try BMPWriter.write(file, to: temporary)
            guard rename(temporary, final) == 0 else {
                throw SDLError(message: "renaming \(temporary): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw SDLError(message: "writing \(final) failed: \(error)")
        }
    }
}

/// Renders frames on its own thread: one per core renders a headless recording in parallel (each
/// frame is a pure function of its index).
public final class FrameWorker {
    public let canvas: SurfaceCanvas
    public let renderer: SceneRenderer

    public init(system: SDLSystem, width: Int, height: Int, fontPath: String) throws {
        canvas = try SurfaceCanvas(system: system, width: width, height: height)
        renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
    }
}
