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

    private let queue = DispatchQueue(label: "neuroglow.recorder")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var free: [Surface]
    private var captured = 0
    private var written = 0
    private var error: String?

    /// Creates the folder if needed. Throws if it cannot be created.
    public init(directory: String, width: Int, height: Int) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SDLError(message: "cannot create the recording folder \(directory): \(error.localizedDescription)")
        }
        free = try (0..<FrameRecorder.poolSize).map { _ in try Surface(width: width, height: height) }
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
    /// Returns false once the recording has failed.
    @discardableResult
    public func capture(from canvas: Canvas) -> Bool {
        if failure != nil { return false }
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
        queue.async { [self] in
            defer { release(surface) }
            guard failure == nil else { return }
            let final = directory + "/" + FrameRecorder.fileName(frame: index)
            let temporary = final + ".partial"
            do {
                try surface.saveBMP(to: temporary)
                guard rename(temporary, final) == 0 else {
                    throw SDLError(message: "renaming \(temporary): \(String(cString: strerror(errno)))")
                }
                lock.withLock { written += 1 }
            } catch {
                unlink(temporary)
                fail("writing \(final) failed: \(error)")
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
