import CSDL2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a 32-bit surface as a 24-bit uncompressed BMP (BITMAPINFOHEADER, bottom-up rows padded
/// to 4 bytes: what SDL_SaveBMP writes for a 24-bit surface, and what SDL_LoadBMP and ffmpeg read).
///
/// Done by hand rather than through SDL_ConvertSurfaceFormat + SDL_SaveBMP because those two cost
/// ~9 ms a 1280x720 frame on these machines (a generic per-pixel blit, then one write per row):
/// more than a frame's whole budget when recording at 200 frames per second. This is one pass
/// over the pixels and one write.
/// One writer per thread: it keeps its buffer between frames.
final class BMPWriter {
    private var data: [UInt8] = []

    func write(_ surface: Surface, to path: String) throws {
        let s = surface.pointer.pointee
        let format = s.format.pointee
        precondition(format.BytesPerPixel == 4)
        let width = Int(s.w), height = Int(s.h)
        let rowBytes = (width * 3 + 3) & ~3
        let imageBytes = rowBytes * height
        if data.count != 54 + imageBytes { data = [UInt8](repeating: 0, count: 54 + imageBytes) }
        func put32(_ value: Int, at offset: Int) {
            for k in 0..<4 { data[offset + k] = UInt8((value >> (8 * k)) & 0xFF) }
        }
        data[0] = UInt8(ascii: "B"); data[1] = UInt8(ascii: "M")
        put32(54 + imageBytes, at: 2)
        put32(54, at: 10)
        put32(40, at: 14)
        put32(width, at: 18)
        put32(height, at: 22)
        data[26] = 1          // planes
        data[28] = 24         // bits per pixel
        put32(imageBytes, at: 34)
        put32(2835, at: 38)   // 72 dpi
        put32(2835, at: 42)
        // Where each channel sits in a 32-bit pixel, from the surface's own masks.
        let rShift = UInt32(format.Rshift), gShift = UInt32(format.Gshift), bShift = UInt32(format.Bshift)
        let pixels = s.pixels!.assumingMemoryBound(to: UInt8.self)
        let pitch = Int(s.pitch)
        data.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            for y in 0..<height {
                let source = UnsafeRawPointer(pixels + y * pitch).assumingMemoryBound(to: UInt32.self)
                var o = 54 + (height - 1 - y) * rowBytes
                for x in 0..<width {
                    let p = source[x]
                    out[o] = UInt8(truncatingIfNeeded: p >> bShift)
                    out[o + 1] = UInt8(truncatingIfNeeded: p >> gShift)
                    out[o + 2] = UInt8(truncatingIfNeeded: p >> rShift)
                    o += 3
                }
            }
        }
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard file >= 0 else { throw SDLError(message: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(file) }
        try data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(file, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw SDLError(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
                done += n
            }
        }
    }
}
