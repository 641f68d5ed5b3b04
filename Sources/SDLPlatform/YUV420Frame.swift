/// Frames in planar YUV 4:2:0, BT.709, limited range ("tv": Y 16–235, U and V 16–240): what
/// H.264 and VP9 players expect of HD video. Each frame is converted here, on the recorder's
/// writing thread or the thread that drew it, rather than left to ffmpeg: ffmpeg's conversion
/// runs on its single main thread, ahead of the encoder, and the planes are 2.7 times smaller
/// than 32-bit pixels in the pipe.
///
/// An odd width or height is padded to even by repeating the last column or row (4:2:0 needs
/// even sizes).
struct YUV420Frame: FrameEncoding {
    let width: Int
    let height: Int
    /// The bytes of a frame: Y (width × height), then U and V (width/2 × height/2 each), as
    /// ffmpeg's `yuv420p` reads them.
    var byteCount: Int { width * height * 3 / 2 }

    /// Frames of `width`×`height` pixels (rounded up to even sizes).
    init(width: Int, height: Int) {
        self.width = (width + 1) & ~1
        self.height = (height + 1) & ~1
    }

    /// Converts a 32-bit surface of the frame's size (before rounding) into `bytes`.
    func encode(_ pixels: Surface, into bytes: inout [UInt8]) {
        let s = pixels.pointer.pointee, format = s.format.pointee
        precondition(format.BytesPerPixel == 4)
        convert(
            pixels: s.pixels, pitch: Int(s.pitch), sourceWidth: Int(s.w), sourceHeight: Int(s.h),
            rShift: Int(format.Rshift), gShift: Int(format.Gshift), bShift: Int(format.Bshift), into: &bytes)
    }

    // BT.709 limited range in 16-bit fixed point: Y = 16 + 0.1826 R + 0.6142 G + 0.0620 B;
    // U = 128 − 0.1006 R − 0.3386 G + 0.4392 B; V = 128 + 0.4392 R − 0.3989 G − 0.0403 B.
    private static let yR = 11966, yG = 40254, yB = 4064
    private static let uR = -6596, uG = -22189, uB = 28785
    private static let vR = 28785, vG = -26145, vB = -2640

    /// Converts 32-bit pixels whose red, green and blue sit at bit offsets `rShift`, `gShift` and
    /// `bShift` of each little-endian word, rows `pitch` bytes apart, `sourceWidth`×`sourceHeight`.
    func convert(
        pixels: UnsafeRawPointer, pitch: Int, sourceWidth: Int, sourceHeight: Int, rShift: Int, gShift: Int,
        bShift: Int, into bytes: inout [UInt8]
    ) {
        precondition((sourceWidth + 1) & ~1 == width && (sourceHeight + 1) & ~1 == height)
        if bytes.count != byteCount { bytes = [UInt8](repeating: 0, count: byteCount) }
        let chromaWidth = width / 2
        let rs = UInt32(rShift), gs = UInt32(gShift), bs = UInt32(bShift)
        @inline(__always) func channels(_ p: UInt32) -> (r: Int, g: Int, b: Int) {
            (Int(p &>> rs & 0xFF), Int(p &>> gs & 0xFF), Int(p &>> bs & 0xFF))
        }
        @inline(__always) func luma(_ c: (r: Int, g: Int, b: Int)) -> UInt8 {
            UInt8(truncatingIfNeeded: 16 + (Self.yR * c.r + Self.yG * c.g + Self.yB * c.b + 32768) >> 16)
        }
        bytes.withUnsafeMutableBufferPointer { buffer in
            let yPlane = buffer.baseAddress!
            let uPlane = yPlane + width * height, vPlane = uPlane + chromaWidth * (height / 2)
            for pairRow in 0..<(height / 2) {
                let y0 = 2 * pairRow, y1 = min(y0 + 1, sourceHeight - 1)
                let top = (pixels + y0 * pitch).assumingMemoryBound(to: UInt32.self)
                let bottom = (pixels + y1 * pitch).assumingMemoryBound(to: UInt32.self)
                let yTop = yPlane + y0 * width, yBottom = yTop + width
                let u = uPlane + pairRow * chromaWidth, v = vPlane + pairRow * chromaWidth
                for pair in 0..<chromaWidth {
                    let x0 = 2 * pair, x1 = min(x0 + 1, sourceWidth - 1)
                    let a = channels(top[x0]), b = channels(top[x1])
                    let c = channels(bottom[x0]), d = channels(bottom[x1])
                    yTop[x0] = luma(a)
                    yTop[x0 + 1] = luma(b)
                    yBottom[x0] = luma(c)
                    yBottom[x0 + 1] = luma(d)
                    // The block's mean colour from sums of four pixels: two more bits to shift.
                    let r = a.r + b.r + c.r + d.r, g = a.g + b.g + c.g + d.g, bl = a.b + b.b + c.b + d.b
                    u[pair] = UInt8(truncatingIfNeeded: 128 + (Self.uR * r + Self.uG * g + Self.uB * bl + 131072) >> 18)
                    v[pair] = UInt8(truncatingIfNeeded: 128 + (Self.vR * r + Self.vG * g + Self.vB * bl + 131072) >> 18)
                }
            }
        }
    }
}
