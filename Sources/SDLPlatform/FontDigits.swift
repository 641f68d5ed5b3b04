import CSDL2
import NeuralCore

/// The digits 0…9 of a TrueType font as coverage pictures, the masters the built-in `digits`
/// data set is drawn from (`DigitImages`). Needs SDL_ttf but no display or SDL_Init.
public enum FontDigits {
    /// The glyph height the masters are rendered at, in pixels: fine enough that thickening by
    /// a pixel is a small step, small enough that generating the set takes a fraction of a second.
    public static let pixelSize = 48

    public static func glyphs(fontPath: String) throws(SDLError) -> [CoverageImage] {
        let started = TTF_WasInit() == 0
        if started { try SDLError.check(TTF_Init(), "TTF_Init") }
        defer { if started { TTF_Quit() } }
        let font = try SDLError.check(
            TTF_OpenFont(fontPath, Int32(pixelSize)), "TTF_OpenFont(\(fontPath), \(pixelSize))")
        defer { TTF_CloseFont(font) }
        var images: [CoverageImage] = []
        for digit in 0...9 {
            let scalar = UInt32(48 + digit)
            let surface = Surface(
                taking: try SDLError.check(
                    TTF_RenderGlyph32_Blended(font, scalar, SDL_Color(r: 255, g: 255, b: 255, a: 255)),
                    "TTF_RenderGlyph32_Blended(\(digit))"))
            images.append(surface.alphaCoverage())
        }
        return images
    }
}

extension Surface {
    /// Each pixel's alpha as 0…1, row by row from the top.
    func alphaCoverage() -> CoverageImage {
        var values: [Double] = []
        values.reserveCapacity(width * height)
        let format = pointer.pointee.format
        let bytesPerPixel = Int(format!.pointee.BytesPerPixel)
        SDL_LockSurface(pointer)
        defer { SDL_UnlockSurface(pointer) }
        for y in 0..<height {
            let row = pointer.pointee.pixels!.assumingMemoryBound(to: UInt8.self) + y * Int(pointer.pointee.pitch)
            for x in 0..<width {
                var value: UInt32 = 0
                withUnsafeMutableBytes(of: &value) { raw in
                    for k in 0..<bytesPerPixel { raw[k] = row[x * bytesPerPixel + k] }
                }
                var r: UInt8 = 0, g: UInt8 = 0, b: UInt8 = 0, a: UInt8 = 0
                SDL_GetRGBA(value, format, &r, &g, &b, &a)
                values.append(Double(a) / 255)
            }
        }
        return CoverageImage(width: width, height: height, values: values)
    }
}
