import CSDL2

/// A canvas drawn by SDL's software renderer into memory: radial sprites (glows, discs) scaled
/// once to each size they are drawn at, then blended straight into the canvas's pixels.
///
/// Drawn by SDL from the 128-pixel original, every sprite costs a scratch surface of its size, a
/// linear stretch into it, a blend one pixel at a time and a free, each time. The stretch here is
/// the same function (`SDL_SoftStretchLinear`) on the same pixels, and `TintedBlend` blends
/// with SDL's arithmetic, so a frame's pixels do not change, byte for byte.
final class PrescaledSprites {
    /// A sprite's original: its pixels as the renderer's texture holds them (32-bit RGBA).
    struct Original {
        let surface: Surface
        let mode: TintedBlend.Mode
        fileprivate let id: Int
    }

    private struct Key: Hashable {
        let original: Int
        let x, y, width, height: Int32
        let targetWidth, targetHeight: Int32
    }

    /// The canvas's pixels, which SDL's software renderer draws into.
    private let canvas: Surface
    private var originals = 0
    private var scaled: [Key: Surface] = [:]
    private var bytes = 0
    /// Sprites drawn here rather than by SDL, cumulative (tests).
    private(set) var drawn = 0
    /// Sizes come and go with the glows' radii; past this many bytes the cache starts again.
    static let capacity = 8 << 20

    init(canvas: Surface) { self.canvas = canvas }

    /// Registers a sprite's original pixels (the same ones its texture was made from).
    func original(_ surface: Surface, mode: TintedBlend.Mode) -> Original {
        originals += 1
        return Original(surface: surface, mode: mode, id: originals)
    }

    /// Draws `source` (a part of the original, in texels) stretched over `target` (in the canvas's
    /// pixels), tinted with `color`: what SDL_RenderCopy of the original's texture would draw.
    /// False when SDL should draw it itself: a copy that needs no stretching, a tint SDL blends
    /// with other arithmetic (`TintedBlend.matchesSDL`), or a stretch that failed.
    func draw(_ original: Original, source: SDL_Rect, target: SDL_Rect, color: SDL_Color) -> Bool {
        guard target.w > 0, target.h > 0 else { return true }
        guard target.w != source.w || target.h != source.h, TintedBlend.matchesSDL(original.mode, tint: color)
        else { return false }
        let key = Key(
            original: original.id, x: source.x, y: source.y, width: source.w, height: source.h,
            targetWidth: target.w, targetHeight: target.h)
        guard let sprite = scaled[key] ?? makeScaled(original, key: key) else { return false }
        TintedBlend.draw(sprite, onto: canvas, x: Int(target.x), y: Int(target.y), tint: color, mode: original.mode)
        drawn += 1
        return true
    }

    private func makeScaled(_ original: Original, key: Key) -> Surface? {
        guard let surface = try? Surface(width: Int(key.targetWidth), height: Int(key.targetHeight), rgba: true)
        else { return nil }
        var source = SDL_Rect(x: key.x, y: key.y, w: key.width, h: key.height)
        guard SDL_SoftStretchLinear(original.surface.pointer, &source, surface.pointer, nil) == 0 else { return nil }
        let size = Int(key.targetWidth) * Int(key.targetHeight) * 4
        if bytes + size > Self.capacity {
            scaled.removeAll()
            bytes = 0
        }
        scaled[key] = surface
        bytes += size
        return surface
    }
}
