import CSDL2

extension Surface {
    /// A white RGBA surface with alpha from `alpha(x, y)` in 0…1: a sprite's or a line's pixels.
    static func pattern(width: Int, height: Int, alpha: (Int, Int) -> Double) throws(SDLError) -> Surface {
        let surface = try Surface(width: width, height: height, rgba: true)
        let pixels = surface.pointer.pointee.pixels!.assumingMemoryBound(to: UInt8.self)
        let pitch = Int(surface.pointer.pointee.pitch)
        for y in 0..<height {
            for x in 0..<width {
                let a = UInt8((min(max(alpha(x, y), 0), 1) * 255).rounded())
                let p = pixels + y * pitch + x * 4
                p[0] = 255; p[1] = 255; p[2] = 255; p[3] = a
            }
        }
        return surface
    }

    /// A white square whose alpha at each point is `alpha(distance from centre / half size)`.
    static func radial(size: Int, alpha: (Double) -> Double) throws(SDLError) -> Surface {
        try pattern(width: size, height: size) { x, y in
            let half = Double(size) / 2
            let dx = (Double(x) + 0.5 - half) / half, dy = (Double(y) + 0.5 - half) / half
            return alpha((dx * dx + dy * dy).squareRoot())
        }
    }
}
