import CSDL2
#if canImport(Glibc)
    import Glibc
#endif

/// A pixel's blue, green and red in the low three bytes of a word, in file order.
@inline(__always)
private func bgr(_ p: UInt32, _ rShift: UInt32, _ gShift: UInt32, _ bShift: UInt32) -> UInt32 {
    // Masking shifts (&>>): Swift's plain >> by a variable amount checks for over-shifting on
    // every call, which made this loop four times slower.
    (p &>> bShift & 0xFF) | (p &>> gShift & 0xFF) &<< 8 | (p &>> rShift & 0xFF) &<< 16
}

/// Writes a 32-bit surface as a 24-bit uncompressed BMP (BITMAPINFOHEADER, bottom-up rows padded
/// to 4 bytes: what SDL_SaveBMP writes for a 24-bit surface, and what SDL_LoadBMP and ffmpeg read).
///
/// Done by hand rather than through SDL_ConvertSurfaceFormat + SDL_SaveBMP because those two cost
/// ~9 ms a 1280x720 frame on these machines (a generic per-pixel blit, then one write per row):
/// more than a frame's whole budget when recording at 200 frames per second. This is one pass
/// over the pixels (`encode`) and one write (`write`).
enum BMPWriter {
    /// The whole BMP file of `surface`, in `data` (resized as needed: a buffer kept between
    /// frames is not allocated again).
    static func encode(_ surface: Surface, into data: inout [UInt8]) {
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
        data[26] = 1  // planes
        data[28] = 24  // bits per pixel
        put32(imageBytes, at: 34)
        put32(2835, at: 38)  // 72 dpi
        put32(2835, at: 42)
        // Where each channel sits in a 32-bit pixel, from the surface's own masks.
        let rShift = UInt32(format.Rshift), gShift = UInt32(format.Gshift), bShift = UInt32(format.Bshift)
        let isARGB = bShift == 0 && gShift == 8 && rShift == 16
        let pixels = s.pixels!.assumingMemoryBound(to: UInt8.self)
        let pitch = Int(s.pitch)
        data.withUnsafeMutableBytes { buffer in
            let out = buffer.baseAddress!
            for y in 0..<height {
                let source = UnsafeRawPointer(pixels + y * pitch).assumingMemoryBound(to: UInt32.self)
                let row = out + 54 + (height - 1 - y) * rowBytes
                // Four pixels (16 bytes in) become twelve bytes out, stored as three words.
                var x = 0
                // ARGB8888 (the canvases' format) already holds blue, green, red in the low bytes:
                // dropping every fourth byte is the whole conversion.
                while isARGB && x + 4 <= width {
                    let p0 = source[x] & 0xFF_FFFF, p1 = source[x + 1] & 0xFF_FFFF
                    let p2 = source[x + 2] & 0xFF_FFFF, p3 = source[x + 3] & 0xFF_FFFF
                    let o = row + x * 3
                    o.storeBytes(of: (p0 | p1 &<< 24).littleEndian, as: UInt32.self)
                    (o + 4).storeBytes(of: (p1 &>> 8 | p2 &<< 16).littleEndian, as: UInt32.self)
                    (o + 8).storeBytes(of: (p2 &>> 16 | p3 &<< 8).littleEndian, as: UInt32.self)
                    x += 4
                }
                while x + 4 <= width {
                    let p0 = bgr(source[x], rShift, gShift, bShift), p1 = bgr(source[x + 1], rShift, gShift, bShift)
                    let p2 = bgr(source[x + 2], rShift, gShift, bShift), p3 = bgr(source[x + 3], rShift, gShift, bShift)
                    let o = row + x * 3
                    o.storeBytes(of: (p0 | p1 &<< 24).littleEndian, as: UInt32.self)
                    (o + 4).storeBytes(of: (p1 &>> 8 | p2 &<< 16).littleEndian, as: UInt32.self)
                    (o + 8).storeBytes(of: (p2 &>> 16 | p3 &<< 8).littleEndian, as: UInt32.self)
                    x += 4
                }
                while x < width {
                    let p = bgr(source[x], rShift, gShift, bShift)
                    let o = row + x * 3
                    o.storeBytes(of: UInt8(truncatingIfNeeded: p), as: UInt8.self)
                    (o + 1).storeBytes(of: UInt8(truncatingIfNeeded: p >> 8), as: UInt8.self)
                    (o + 2).storeBytes(of: UInt8(truncatingIfNeeded: p >> 16), as: UInt8.self)
                    x += 1
                }
            }
        }
    }

    /// Writes `data` as the file at `path`, replacing it.
    static func write(_ data: [UInt8], to path: String) throws {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard file >= 0 else { throw SDLError(message: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(file) }
        try data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(file, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw SDLError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }
}
