import CSDL2

/// An SDL surface this object owns and frees: plain pixel memory, usable with or without SDL_Init.
/// Used by one thread at a time (the frame recorder hands its surfaces between threads itself).
public final class Surface {
    let pointer: UnsafeMutablePointer<SDL_Surface>

    /// A new 24-bit BGR surface (the pixel layout of a 24-bit BMP), or a 32-bit RGBA one.
    public convenience init(width: Int, height: Int, rgba: Bool = false) throws(SDLError) {
        try self.init(
            width: width, height: height,
            pixelFormat: rgba ? SDL_PIXELFORMAT_ABGR8888.rawValue : SDL_PIXELFORMAT_BGR24.rawValue)
    }

    /// A new surface in an SDL pixel format.
    init(width: Int, height: Int, pixelFormat: UInt32) throws(SDLError) {
        let bits = Int32((pixelFormat >> 8) & 0xFF)  // SDL_BITSPERPIXEL, a macro Swift does not import
        pointer = try SDLError.check(
            SDL_CreateRGBSurfaceWithFormat(0, Int32(width), Int32(height), bits, pixelFormat),
            "SDL_CreateRGBSurfaceWithFormat(\(width)x\(height))")
    }

    init(taking pointer: UnsafeMutablePointer<SDL_Surface>) { self.pointer = pointer }

    /// Loads a BMP file.
    public convenience init(bmpPath: String) throws(SDLError) {
        self.init(taking: try SDLError.check(neuroglow_load_bmp(bmpPath), "SDL_LoadBMP(\(bmpPath))"))
    }

    deinit { SDL_FreeSurface(pointer) }

    public var width: Int { Int(pointer.pointee.w) }
    public var height: Int { Int(pointer.pointee.h) }
    public var bitsPerPixel: Int { Int(pointer.pointee.format.pointee.BitsPerPixel) }

    /// Writes the surface as a BMP file (SDL_SaveBMP).
    public func saveBMP(to path: String) throws(SDLError) {
        try SDLError.check(neuroglow_save_bmp(pointer, path), "SDL_SaveBMP(\(path))")
    }

    /// The red, green and blue of pixel (x, y).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        precondition(x >= 0 && y >= 0 && x < width && y < height)
        var r: UInt8 = 0, g: UInt8 = 0, b: UInt8 = 0
        let bytesPerPixel = Int(pointer.pointee.format.pointee.BytesPerPixel)
        let row = pointer.pointee.pixels!.assumingMemoryBound(to: UInt8.self) + y * Int(pointer.pointee.pitch)
        var value: UInt32 = 0
        withUnsafeMutableBytes(of: &value) { raw in
            for k in 0..<bytesPerPixel { raw[k] = row[x * bytesPerPixel + k] }
        }
        SDL_GetRGB(value, pointer.pointee.format, &r, &g, &b)
        return (r, g, b)
    }
}
