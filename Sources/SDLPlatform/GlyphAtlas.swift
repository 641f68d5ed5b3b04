import CSDL2
import Scene

/// The glyphs of one font size rendered once into a texture, so no text is rasterised per frame.
/// Covers printable ASCII and the few symbols the picture uses; anything else draws as '?'.
final class GlyphAtlas {
    struct Glyph {
        let u: Float, v: Float, u2: Float, v2: Float
        let width: Double, height: Double
        let advance: Double
        /// Where the glyph sits in `pixels`, in whole pixels.
        let x: Int, y: Int
    }

    /// Beyond ASCII: what the HUD, hover cards and explain mode write (δ η ∂ ′ ½ ² in formulas).
    static let extraCharacters: [Character] = [
        "…", "×", "→", "←", "Σ", "−", "·", "—", "σ", "Δ", "●", "δ", "η", "∂", "′", "½", "²", "↑",
    ]

    let texture: Texture
    let lineHeight: Double
    private var glyphs: [Character: Glyph] = [:]
    /// The atlas's coverage (alpha), row after row of `atlasWidth`: what `compose` reads.
    private let coverage: [UInt8]
    private let atlasWidth: Int

    init(renderer: Renderer, fontPath: String, pixelSize: Int) throws(SDLError) {
        let font = try SDLError.check(
            TTF_OpenFont(fontPath, Int32(pixelSize)), "TTF_OpenFont(\(fontPath), \(pixelSize))")
        defer { TTF_CloseFont(font) }
        lineHeight = Double(TTF_FontHeight(font))
        let characters = (32...126).map { Character(Unicode.Scalar(UInt8($0))) } + GlyphAtlas.extraCharacters
        var rendered: [(Character, Surface, Int)] = []
        for character in characters {
            let scalar = character.unicodeScalars.first!.value
            guard TTF_GlyphIsProvided32(font, scalar) != 0,
                let raw = TTF_RenderGlyph32_Blended(font, scalar, SDL_Color(r: 255, g: 255, b: 255, a: 255))
            else { continue }
            var minX: Int32 = 0, maxX: Int32 = 0, minY: Int32 = 0, maxY: Int32 = 0, advance: Int32 = 0
            TTF_GlyphMetrics32(font, scalar, &minX, &maxX, &minY, &maxY, &advance)
            rendered.append((character, Surface(taking: raw), Int(advance)))
        }
        // Pack in rows of a fixed-width atlas.
        let atlasWidth = 1024
        var x = 0, y = 0, rowHeight = 0
        var places: [(Int, Int)] = []
        for (_, surface, _) in rendered {
            if x + surface.width + 1 > atlasWidth { x = 0; y += rowHeight + 1; rowHeight = 0 }
            places.append((x, y))
            x += surface.width + 1
            rowHeight = max(rowHeight, surface.height)
        }
        let atlasHeight = max(y + rowHeight, 1)
        let atlas = try Surface(width: atlasWidth, height: atlasHeight, rgba: true)
        SDL_FillRect(atlas.pointer, nil, 0)
        for (k, (character, surface, advance)) in rendered.enumerated() {
            SDL_SetSurfaceBlendMode(surface.pointer, SDL_BLENDMODE_NONE)
            var destination = SDL_Rect(
                x: Int32(places[k].0), y: Int32(places[k].1), w: Int32(surface.width), h: Int32(surface.height))
            _ = neuroglow_blit_surface(surface.pointer, nil, atlas.pointer, &destination)
            glyphs[character] = Glyph(
                u: Float(places[k].0) / Float(atlasWidth), v: Float(places[k].1) / Float(atlasHeight),
                u2: Float(places[k].0 + surface.width) / Float(atlasWidth),
                v2: Float(places[k].1 + surface.height) / Float(atlasHeight),
                width: Double(surface.width), height: Double(surface.height), advance: Double(advance),
                x: places[k].0, y: places[k].1)
        }
        texture = try Texture(renderer: renderer, surface: atlas, blend: SDL_BLENDMODE_BLEND)
        self.atlasWidth = atlasWidth
        let pixels = atlas.pointer.pointee.pixels!.assumingMemoryBound(to: UInt8.self)
        let pitch = Int(atlas.pointer.pointee.pitch)
        // ABGR8888 is R, G, B, A in memory: alpha is every pixel's fourth byte.
        coverage = (0..<atlasHeight * atlasWidth).map { k in pixels[k / atlasWidth * pitch + k % atlasWidth * 4 + 3] }
    }

    func glyph(_ character: Character) -> Glyph? { glyphs[character] ?? glyphs["?"] }

    func measure(_ text: String) -> Double { text.reduce(0) { $0 + (glyph($1)?.advance ?? 0) } }

    /// `text` as one picture of coverage: each glyph where drawing it quad by quad puts it (pen
    /// at 0, advancing), overlapping glyphs combined as blending one over the other does
    /// (a + b − ab). `width` reaches the last glyph's right edge; `advance` is `measure(text)`.
    func compose(_ text: String) -> (coverage: [UInt8], width: Int, height: Int, advance: Double) {
        var placed: [(glyph: Glyph, x: Int)] = []
        var pen = 0.0, width = 0, height = 0
        for character in text {
            guard let glyph = glyph(character) else { continue }
            if character != " " {
                placed.append((glyph, Int(pen)))
                width = max(width, Int(pen) + Int(glyph.width))
                height = max(height, Int(glyph.height))
            }
            pen += glyph.advance
        }
        var out = [UInt8](repeating: 0, count: width * height)
        for (glyph, x) in placed {
            for row in 0..<Int(glyph.height) {
                let from = (glyph.y + row) * atlasWidth + glyph.x, to = row * width + x
                for k in 0..<Int(glyph.width) {
                    let a = Int(coverage[from + k]), under = Int(out[to + k])
                    out[to + k] = UInt8(a + (under * (255 - a) + 127) / 255)
                }
            }
        }
        return (out, width, height, pen)
    }
}
