import CSDL2

/// Blends a tinted 32-bit RGBA sprite onto an ARGB8888 surface, eight pixels at a time, with
/// exactly the arithmetic of SDL 2's generic blitters (`SDL_Blit_ABGR8888_ARGB8888_Modulate_Blend`
/// and `_Modulate_Add` in SDL_blit_auto.c), which do it one pixel at a time:
///
///     s.rgb = s.rgb · tint.rgb / 255,  s.a = s.a · tint.a / 255,  s.rgb = s.rgb · s.a / 255
///     blend: d.rgba = s.rgba + (255 − s.a) · d.rgba / 255        add: d.rgb = min(s.rgb + d.rgb, 255)
///
/// with every division truncating. The pixels are the ones SDL would write, byte for byte
/// (`TintedBlendTests` compares the two).
enum TintedBlend {
    enum Mode { case blend, add }

    /// Whether SDL blends a sprite with this tint and mode through the arithmetic above. An untinted,
    /// opaque blend goes through another blitter of SDL's (BlitRGBtoBGRPixelAlpha), which rounds
    /// differently: that one is left to SDL.
    static func matchesSDL(_ mode: Mode, tint: SDL_Color) -> Bool {
        mode == .add || (tint.r, tint.g, tint.b, tint.a) != (255, 255, 255, 255)
    }

    /// Blends `part` of `source` (ABGR8888; nil: all of it) onto `target` (ARGB8888) with its top
    /// left corner at (x, y), clipped to the target.
    static func draw(
        _ source: Surface, part: SDL_Rect? = nil, onto target: Surface, x: Int, y: Int, tint: SDL_Color, mode: Mode
    ) {
        let s = source.pointer.pointee, t = target.pointer.pointee
        precondition(s.format.pointee.format == SDL_PIXELFORMAT_ABGR8888.rawValue)
        precondition(t.format.pointee.format == SDL_PIXELFORMAT_ARGB8888.rawValue)
        let part = part ?? SDL_Rect(x: 0, y: 0, w: s.w, h: s.h)
        precondition(part.x >= 0 && part.y >= 0 && part.x + part.w <= s.w && part.y + part.h <= s.h)
        let x0 = max(x, 0), y0 = max(y, 0)
        let x1 = min(x + Int(part.w), Int(t.w)), y1 = min(y + Int(part.h), Int(t.h))
        guard x0 < x1, y0 < y1 else { return }
        let blender = Blender(tint: tint, mode: mode)
        for row in y0..<y1 {
            let from =
                (s.pixels! + (Int(part.y) + row - y) * Int(s.pitch)).assumingMemoryBound(to: UInt32.self)
                + Int(part.x) + (x0 - x)
            let to = (t.pixels! + row * Int(t.pitch)).assumingMemoryBound(to: UInt32.self) + x0
            blender.blendRow(from, to, count: x1 - x0)
        }
    }

    /// Blends `color` over `rect` of `target` (ARGB8888), clipped to it: SDL_BlendFillRect's
    /// arithmetic for blending (the colour premultiplied by its alpha, then d = c + (255 − a)·d/255),
    /// which is the sprite arithmetic above for an opaque white sprite tinted `color`.
    static func fill(_ rect: SDL_Rect, onto target: Surface, color: SDL_Color) {
        let t = target.pointer.pointee
        precondition(t.format.pointee.format == SDL_PIXELFORMAT_ARGB8888.rawValue)
        let x0 = max(Int(rect.x), 0), y0 = max(Int(rect.y), 0)
        let x1 = min(Int(rect.x) + Int(rect.w), Int(t.w)), y1 = min(Int(rect.y) + Int(rect.h), Int(t.h))
        guard x0 < x1, y0 < y1 else { return }
        let blender = Blender(tint: color, mode: .blend)
        for row in y0..<y1 {
            blender.fillRow((t.pixels! + row * Int(t.pitch)).assumingMemoryBound(to: UInt32.self) + x0, count: x1 - x0)
        }
    }

    /// A tint and a mode, ready to blend rows of pixels.
    struct Blender {
        typealias Lanes = SIMD8<UInt32>
        let r, g, b, a: Lanes
        let adds: Bool

        init(tint: SDL_Color, mode: Mode) {
            r = Lanes(repeating: UInt32(tint.r))
            g = Lanes(repeating: UInt32(tint.g))
            b = Lanes(repeating: UInt32(tint.b))
            a = Lanes(repeating: UInt32(tint.a))
            adds = mode == .add
        }

        /// x / 255, truncated, for 0 ≤ x ≤ 255 · 255.
        @inline(__always) private func over255(_ x: Lanes) -> Lanes { (x &+ 1 &+ (x &>> 8)) &>> 8 }

        @inline(__always) private func blend(_ source: Lanes, _ target: Lanes) -> Lanes {
            let byte = Lanes(repeating: 0xFF)
            // The source is R, G, B, A from the low byte up; the target A, R, G, B from the high.
            let sa = over255((source &>> 24) &* a)
            let sr = over255(over255((source & byte) &* r) &* sa)
            let sg = over255(over255((source &>> 8 & byte) &* g) &* sa)
            let sb = over255(over255((source &>> 16 & byte) &* b) &* sa)
            let da = target &>> 24, dr = target &>> 16 & byte, dg = target &>> 8 & byte, db = target & byte
            if adds {
                let cap = Lanes(repeating: 255)
                return da &<< 24 | pointwiseMin(sr &+ dr, cap) &<< 16 | pointwiseMin(sg &+ dg, cap) &<< 8
                    | pointwiseMin(sb &+ db, cap)
            }
            let rest = Lanes(repeating: 255) &- sa
            return (sa &+ over255(rest &* da)) &<< 24 | (sr &+ over255(rest &* dr)) &<< 16
                | (sg &+ over255(rest &* dg)) &<< 8 | (sb &+ over255(rest &* db))
        }

        /// Blends an opaque white source, tinted, over `count` pixels at `to`.
        func fillRow(_ to: UnsafeMutablePointer<UInt32>, count: Int) {
            let white = Lanes(repeating: 0xFFFF_FFFF)
            var k = 0
            while k + 8 <= count {
                let target = UnsafeRawPointer(to + k).loadUnaligned(as: Lanes.self)
                UnsafeMutableRawPointer(to + k).storeBytes(of: blend(white, target), as: Lanes.self)
                k += 8
            }
            guard k < count else { return }
            var target = Lanes(repeating: 0)
            for lane in 0..<(count - k) { target[lane] = to[k + lane] }
            let result = blend(white, target)
            for lane in 0..<(count - k) { to[k + lane] = result[lane] }
        }

        func blendRow(_ from: UnsafePointer<UInt32>, _ to: UnsafeMutablePointer<UInt32>, count: Int) {
            var k = 0
            while k + 8 <= count {
                let source = UnsafeRawPointer(from + k).loadUnaligned(as: Lanes.self)
                let target = UnsafeRawPointer(to + k).loadUnaligned(as: Lanes.self)
                UnsafeMutableRawPointer(to + k).storeBytes(of: blend(source, target), as: Lanes.self)
                k += 8
            }
            guard k < count else { return }
            // The last few pixels go through the same lanes, the unused ones ignored.
            var source = Lanes(repeating: 0), target = Lanes(repeating: 0)
            for lane in 0..<(count - k) {
                source[lane] = from[k + lane]
                target[lane] = to[k + lane]
            }
            let result = blend(source, target)
            for lane in 0..<(count - k) { to[k + lane] = result[lane] }
        }
    }
}
