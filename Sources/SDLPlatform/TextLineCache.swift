import CSDL2
import Scene

/// Whole lines of text composed once from a glyph atlas into one texture, so a frame draws each
/// `.text` as one copy instead of a quad per character: on llvmpipe every triangle costs its
/// setup, and the glyphs were a third of a map frame's triangles.
///
/// Contract: `prepare` is given every text of a frame before the frame draws anything (uploads
/// then never wait on half-drawn work); until the next `prepare`, `line` answers for those texts,
/// and nil for any other (the caller draws it glyph by glyph). A line's pixels depend only on its
/// string and size, never on what else was cached. When a frame's lines do not fit beside what is
/// kept, everything is dropped and the frame's lines are composed again from an empty texture;
/// lines that do not fit even then, or never could, are left to the glyphs.
final class TextLineCache {
    struct Line {
        /// Where the line's coverage sits in `texture`.
        let source: SDL_Rect
        /// The pen's advance over the whole line (what alignment uses).
        let advance: Double
    }

    struct Key: Hashable {
        let string: String
        let size: TextSize
    }

    let texture: Texture
    /// The texture's pixels as SDL's software renderer holds them, kept for drawing lines into a
    /// canvas in memory (`TintedBlend`); nil unless asked for.
    let pixels: Surface?
    private var lines: [Key: (line: Line, frame: Int)] = [:]
    /// Rows of lines, each as tall as its first line, filled left to right.
    private var shelves: [(y: Int, height: Int, usedWidth: Int)] = []
    private var frame = 0
    /// Lines composed so far, cumulative (tests, bench).
    private(set) var linesComposed = 0
    /// Times everything was dropped to make room.
    private(set) var resets = 0

    init(renderer: Renderer, width: Int, height: Int, keepsPixels: Bool = false) throws(SDLError) {
        texture = try Texture(staticFor: renderer, width: width, height: height)
        pixels = keepsPixels ? try Surface(width: width, height: height, rgba: true) : nil
    }

    /// Makes every text in `texts` available to `line` until the next call.
    func prepare(_ texts: [Key], atlases: [TextSize: GlyphAtlas]) {
        frame += 1
        var missing = false
        for key in texts where !place(key, atlases: atlases) {
            missing = true
            break
        }
        guard missing else { return }
        lines.removeAll(keepingCapacity: true)
        shelves.removeAll(keepingCapacity: true)
        resets += 1
        for key in texts { _ = place(key, atlases: atlases) }
    }

    /// The line of `string` at `size`, if it was prepared for this frame.
    func line(_ string: String, size: TextSize) -> Line? {
        guard let entry = lines[Key(string: string, size: size)], entry.frame == frame else { return nil }
        return entry.line
    }

    /// Marks `key` as this frame's, composing it if it is new; false if it does not fit beside
    /// what is kept (a line that could never fit is left to the glyphs and counts as done).
    private func place(_ key: Key, atlases: [TextSize: GlyphAtlas]) -> Bool {
        if lines[key] != nil {
            lines[key]!.frame = frame
            return true
        }
        guard let atlas = atlases[key.size] else { return true }  // nothing to draw it with either
        let composed = atlas.compose(key.string)
        guard composed.width > 0 else {
            lines[key] = (Line(source: SDL_Rect(), advance: composed.advance), frame)
            return true
        }
        // Wider or taller than the whole texture: glyph by glyph, without emptying the cache for it.
        guard composed.width <= texture.width, composed.height <= texture.height else { return true }
        guard let at = room(width: composed.width, height: composed.height) else { return false }
        var source = SDL_Rect(x: Int32(at.x), y: Int32(at.y), w: Int32(composed.width), h: Int32(composed.height))
        // White, with the coverage as alpha: ABGR8888 words are 0xAABBGGRR.
        let pixels = composed.coverage.map { UInt32($0) << 24 | 0x00FF_FFFF }
        pixels.withUnsafeBytes { bytes in
            _ = SDL_UpdateTexture(texture.pointer, &source, bytes.baseAddress, Int32(composed.width * 4))
            if let kept = self.pixels?.pointer.pointee {
                for row in 0..<composed.height {
                    let to = kept.pixels! + (at.y + row) * Int(kept.pitch) + at.x * 4
                    to.copyMemory(from: bytes.baseAddress! + row * composed.width * 4, byteCount: composed.width * 4)
                }
            }
        }
        linesComposed += 1
        lines[key] = (Line(source: source, advance: composed.advance), frame)
        return true
    }

    /// A free place for a `width` × `height` line: on the first shelf of its height with room,
    /// or on a new shelf below the others.
    private func room(width: Int, height: Int) -> (x: Int, y: Int)? {
        if let k = shelves.firstIndex(where: { $0.height == height && $0.usedWidth + width <= texture.width }) {
            defer { shelves[k].usedWidth += width + 1 }
            return (shelves[k].usedWidth, shelves[k].y)
        }
        let y = shelves.last.map { $0.y + $0.height + 1 } ?? 0
        guard y + height <= texture.height else { return nil }
        shelves.append((y, height, width + 1))
        return (0, y)
    }
}
