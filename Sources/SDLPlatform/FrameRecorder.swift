import CSDL2
import Foundation

/// Writes presented frames as `DIR/frame_000000.bmp`, … (24-bit BMP) off the render thread.
///
/// Contract: frames are numbered in capture order with no gaps; each file is written under a
/// temporary name and renamed when whole, so the folder never holds a partial frame. At most
/// `poolSize` frames wait to be written: when the disk is slower than the picture, `capture`
/// waits (the frame rate drops) rather than dropping a frame. The first write error stops the
/// recording: later frames are refused, frames already written stay whole, and `failure` says why.
public final class FrameRecorder: @unchecked Sendable {
    public let directory: String
    public static let poolSize = 6

    /// The frame size, fixed for the whole recording.
    public let width: Int
    public let height: Int

    private let queue = DispatchQueue(label: "neuroglow.recorder")
    /// Used only on `queue`.
    private let writer = BMPWriter()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var free: [Surface]
    private var captured = 0
    private var written = 0
    private var error: String?

    /// Creates the folder if needed. Throws if it cannot be created or written in. Frames are read back in the
    /// canvas's own pixel format (a plain copy) and converted to 24-bit on the writing thread.
    public init(directory: String, canvas: Canvas) throws {
        self.directory = directory
        width = canvas.width
        height = canvas.height
        try RecordingFolder.prepare(directory)
        free = try (0..<FrameRecorder.poolSize).map { _ in
            try Surface(width: canvas.width, height: canvas.height, pixelFormat: canvas.capturePixelFormat)
        }
        slots = DispatchSemaphore(value: FrameRecorder.poolSize)
    }

    public static func fileName(frame: Int) -> String {
        let digits = String(frame)
        return "frame_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".bmp"
    }

    /// Frames handed to `capture` and accepted.
    public var capturedFrames: Int { lock.withLock { captured } }
    /// Frames whole on disk.
    public var writtenFrames: Int { lock.withLock { written } }
    /// Why recording stopped, if a write failed.
    public var failure: String? { lock.withLock { error } }

    /// Reads the canvas's current frame (call before `present`) and queues it for writing.
    /// Returns false once the recording has failed; a canvas no longer of the recording's size
    /// fails it (one recording, one frame size).
    @discardableResult
    public func capture(from canvas: Canvas) -> Bool {
        if failure != nil { return false }
        guard canvas.width == width, canvas.height == height else {
            fail("the picture is now \(canvas.width)×\(canvas.height), the recording's frames are \(width)×\(height)")
            return false
        }
        slots.wait()
        let surface = lock.withLock { free.removeLast() }
        do {
            try canvas.readPixels(into: surface)
        } catch {
            release(surface)
            fail("reading the frame back failed: \(error)")
            return false
        }
        let index = lock.withLock { () -> Int in
            captured += 1
            return captured - 1
        }
        // The surface passes to the writing queue; the pool's semaphore guarantees no other thread
        // touches it until `release` puts it back.
        nonisolated(unsafe) let handedOver = surface
        queue.async { [self] in
            let surface = handedOver
            defer { release(surface) }
            guard failure == nil else { return }
            do {
                try FrameFile.write(surface, frame: index, in: directory, with: writer)
                lock.withLock { written += 1 }
            } catch {
                fail("\(error)")
            }
        }
        return true
    }

    /// Waits until every queued frame is written (or refused after a failure).
    public func finish() {
        queue.sync {}
    }

    private func release(_ surface: Surface) {
        lock.withLock { free.append(surface) }
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

    static func write(_ surface: Surface, frame: Int, in directory: String, with writer: BMPWriter) throws {
        let final = path(frame: frame, in: directory)
        let temporary = final + ".partial"
        do {
            try writer.write(surface, to: temporary)
            guard rename(temporary, final) == 0 else {
                throw SDLError(message: "renaming \(temporary): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw SDLError(message: "writing \(final) failed: \(error)")
        }
    }
}

/// Renders and writes frames on its own thread, synchronously: one per core renders a headless
/// recording in parallel (each frame is a pure function of its index).
public final class FrameWorker {
    public let canvas: SurfaceCanvas
    public let renderer: SceneRenderer
    private let surface: Surface
    private let writer = BMPWriter()

    public init(system: SDLSystem, width: Int, height: Int, fontPath: String) throws {
        canvas = try SurfaceCanvas(system: system, width: width, height: height)
        renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
        surface = try Surface(width: width, height: height, pixelFormat: canvas.capturePixelFormat)
    }

    /// Writes what the canvas shows as frame `frame` of `directory`.
    public func writeFrame(_ frame: Int, in directory: String) throws {
        try canvas.readPixels(into: surface)
        try FrameFile.write(surface, frame: frame, in: directory, with: writer)
    }
}
