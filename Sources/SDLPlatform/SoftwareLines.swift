import CSDL2
import Scene

/// A canvas in memory's anti-aliased lines: textured, tinted quads drawn straight into its pixels.
///
/// SDL's software renderer draws such a quad as two triangles (SDL_SW_BlitTriangle): it walks each
/// triangle's bounding box a pixel at a time, finds each texel with two 64-bit divisions and
/// blends it through a blitter that works out the pixel format every time. This draws the same
/// triangles with the same integer arithmetic — vertices truncated to whole pixels, edge
/// functions at pixel centres, the top-left rule, texels by truncating division — but row by row:
/// it finds where each row enters and leaves the triangle, steps the texel without dividing and
/// blends the run with `TintedBlend`'s lanes. The pixels are SDL's, byte for byte
/// (`SoftwareLinesTests`).
///
/// A quad SDL recognises as an axis-aligned rectangle it copies instead; `draw` leaves those to it.
final class SoftwareLines {
    private let canvas: Surface
    private let texture: Surface
    /// Source pixels of the run being blended.
    private var run: [UInt32] = []

    /// `texture`: the quads' texture's pixels, as SDL holds them (ABGR8888).
    init(canvas: Surface, texture: Surface) {
        self.canvas = canvas
        self.texture = texture
        run = [UInt32](repeating: 0, count: Int(canvas.pointer.pointee.w))
    }

    /// Draws the quad a, b, c, d (the texture's corners (0, 0), (1, 0), (1, 1), (0, 1)), tinted
    /// `color` and blended, as SDL_RenderGeometry would with indices 0 1 2 0 2 3. False, drawing
    /// nothing, when SDL would copy it as a rectangle, or a corner lies so far out (`reach`) that
    /// SDL's 32-bit edge functions might overflow, where no arithmetic of ours could follow it.
    func draw(_ a: Point, _ b: Point, _ c: Point, _ d: Point, color: SDL_Color) -> Bool {
        // The corners as SDL receives them, in single precision (lanes a, b, c, d).
        let xs = SIMD4<Float>(Float(a.x), Float(b.x), Float(c.x), Float(d.x))
        let ys = SIMD4<Float>(Float(a.y), Float(b.y), Float(c.y), Float(d.y))
        let reach = SIMD4<Float>(repeating: Float(Self.reach))
        // (Written so that a NaN corner fails it too.)
        let near = xs .< reach .& xs .> -reach .& ys .< reach .& ys .> -reach
        guard all(near), !Self.isRectangle(xs, ys) else { return false }
        let w = Int(texture.pointer.pointee.w), h = Int(texture.pointer.pointee.h)
        // SDL's vertices: whole pixels (truncated towards zero), in fixed point with one bit.
        func vertex(_ k: Int) -> Vertex { Vertex(x: Int(Int32(xs[k])) * 2, y: Int(Int32(ys[k])) * 2) }
        let blender = TintedBlend.Blender(tint: color, mode: .blend)
        blit(
            (vertex(0), vertex(1), vertex(2)), (Vertex(x: 0, y: 0), Vertex(x: w, y: 0), Vertex(x: w, y: h)), blender)
        blit(
            (vertex(0), vertex(2), vertex(3)), (Vertex(x: 0, y: 0), Vertex(x: w, y: h), Vertex(x: 0, y: h)), blender)
        return true
    }

    /// SDL_SW_RenderGeometryRaw's test for a quad it draws as a copy: the second triangle (a, c, d)
    /// and the first (a, b, c), compared corner by corner in single precision (corner k in lane k).
    static func isRectangle(_ x: SIMD4<Float>, _ y: SIMD4<Float>) -> Bool {
        // The second triangle's corners, and SDL's choice among them of the top left one (A)
        // and the bottom right one (B).
        let (k0, k1, k2) = (0, 2, 3)
        func topLeft() -> Int {
            if x[k0] <= x[k1] && y[k0] <= y[k1] { return x[k0] <= x[k2] && y[k0] <= y[k2] ? k0 : k2 }
            return x[k1] <= x[k2] && y[k1] <= y[k2] ? k1 : k2
        }
        func bottomRight() -> Int {
            if x[k0] >= x[k1] && y[k0] >= y[k1] { return x[k0] >= x[k2] && y[k0] >= y[k2] ? k0 : k2 }
            return x[k1] >= x[k2] && y[k1] >= y[k2] ? k1 : k2
        }
        let corner = topLeft(), opposite = bottomRight()
        func neither(_ k: Int) -> Bool { k != corner && k != opposite }
        // The first of each triangle's corners that is neither (SDL's C and C2), else its last.
        let third = neither(k0) ? k0 : neither(k1) ? k1 : k2
        let fourth = neither(0) ? 0 : neither(1) ? 1 : 2
        func rightAngled(_ other: Int) -> Bool {
            (x[corner] == x[other] && y[opposite] == y[other]) || (y[corner] == y[other] && x[opposite] == x[other])
        }
        return rightAngled(third) && rightAngled(fourth)
    }

    /// Pixels from the origin within which SDL's edge functions (products of fixed-point
    /// coordinate differences, in 32 bits) cannot overflow.
    static let reach = 8192

    private struct Vertex { var x, y: Int }

    /// Twice the signed area of a, b, c (SDL's `cross_product`).
    private static func cross(_ a: Vertex, _ b: Vertex, _ cx: Int, _ cy: Int) -> Int {
        (b.x - a.x) * (cy - a.y) - (b.y - a.y) * (cx - a.x)
    }

    /// SDL's top-left fill rule for the edge a → b.
    private static func isTopLeft(_ a: Vertex, _ b: Vertex, clockwise: Bool) -> Bool {
        clockwise ? (a.y == b.y && a.x < b.x) || b.y < a.y : (a.y == b.y && b.x < a.x) || a.y < b.y
    }

    /// Three of something, one per corner or edge of a triangle.
    private typealias Three<T> = (T, T, T)

    /// One triangle: SDL_SW_BlitTriangle and SDL_BlitTriangle_Slow, in SDL's arithmetic.
    private func blit(_ d: Three<Vertex>, _ source: Three<Vertex>, _ blender: TintedBlend.Blender) {
        var area = Self.cross(d.0, d.1, d.2.x, d.2.y)
        guard area != 0 else { return }
        // The bounding box in pixels, clipped to the canvas.
        let minX = min(d.0.x, d.1.x, d.2.x), minY = min(d.0.y, d.1.y, d.2.y)
        let boxX = minX >> 1, boxY = minY >> 1
        let boxW = (max(d.0.x, d.1.x, d.2.x) - minX) >> 1, boxH = (max(d.0.y, d.1.y, d.2.y) - minY) >> 1
        guard boxW > 0, boxH > 0 else { return }
        let c = canvas.pointer.pointee
        let x0 = max(boxX, 0), y0 = max(boxY, 0)
        let x1 = min(boxX + boxW, Int(c.w)), y1 = min(boxY + boxH, Int(c.h))
        guard x0 < x1, y0 < y1 else { return }
        // Texels run up to the last one included.
        var s = source
        let maxSX = max(s.0.x, s.1.x, s.2.x), maxSY = max(s.0.y, s.1.y, s.2.y)
        if maxSX > min(s.0.x, s.1.x, s.2.x) {
            if s.0.x == maxSX { s.0.x -= 1 }
            if s.1.x == maxSX { s.1.x -= 1 }
            if s.2.x == maxSX { s.2.x -= 1 }
        }
        if maxSY > min(s.0.y, s.1.y, s.2.y) {
            if s.0.y == maxSY { s.0.y -= 1 }
            if s.1.y == maxSY { s.1.y -= 1 }
            if s.2.y == maxSY { s.2.y -= 1 }
        }

        let clockwise = area > 0
        area = abs(area)
        let sign = clockwise ? 1 : -1
        // Edge functions at the box's first pixel centre, and their steps along x and y.
        let px = x0 * 2 + 1, py = y0 * 2 + 1
        var rows = Self.edges(
            Self.cross(d.1, d.2, px, py) * sign, Self.cross(d.2, d.0, px, py) * sign,
            Self.cross(d.0, d.1, px, py) * sign)
        let stepX = Self.edges((d.1.y - d.2.y) * 2 * sign, (d.2.y - d.0.y) * 2 * sign, (d.0.y - d.1.y) * 2 * sign)
        let stepY = Self.edges((d.2.x - d.1.x) * 2 * sign, (d.0.x - d.2.x) * 2 * sign, (d.1.x - d.0.x) * 2 * sign)
        let bias = Self.edges(
            Self.isTopLeft(d.1, d.2, clockwise: clockwise) ? 0 : -1,
            Self.isTopLeft(d.2, d.0, clockwise: clockwise) ? 0 : -1,
            Self.isTopLeft(d.0, d.1, clockwise: clockwise) ? 0 : -1)
        // A texel coordinate is (w0·(s0 − s2) + w1·(s1 − s2) + s2·area) / area, linear in x.
        let texelX = Texel(s.0.x - s.2.x, s.1.x - s.2.x, s.2.x * area, stepX, area)
        let texelY = Texel(s.0.y - s.2.y, s.1.y - s.2.y, s.2.y * area, stepX, area)

        let t = texture.pointer.pointee
        let texels = UnsafeRawPointer(t.pixels!), texturePitch = Int(t.pitch)
        run.withUnsafeMutableBufferPointer { run in
            for y in y0..<y1 {
                defer { rows = rows &+ stepY }
                // Where all three edge functions (plus bias) are at least 0: x in first...last.
                let start = rows &+ bias
                var first = 0, last = x1 - x0 - 1
                for k in 0..<3 {
                    let step = stepX[k]
                    if step > 0 {
                        first = max(first, Self.ceilingDivision(-start[k], step))
                    } else if step < 0 {
                        last = min(last, Self.floorDivision(start[k], -step))
                    } else if start[k] < 0 {
                        last = -1
                    }
                }
                guard first <= last else { continue }
                var u = texelX.at(first, rows), v = texelY.at(first, rows)
                for k in 0...(last - first) {
                    run[k] = texels.load(fromByteOffset: v.quotient * texturePitch + u.quotient * 4, as: UInt32.self)
                    u.advance()
                    v.advance()
                }
                let target = (c.pixels! + y * Int(c.pitch)).assumingMemoryBound(to: UInt32.self) + x0 + first
                blender.blendRow(UnsafePointer(run.baseAddress!), target, count: last - first + 1)
            }
        }
    }

    /// The three edge functions' values (the fourth lane unused).
    private typealias Edges = SIMD4<Int>
    private static func edges(_ a: Int, _ b: Int, _ c: Int) -> Edges { Edges(a, b, c, 0) }

    /// One texel coordinate along a row: the quotient of a numerator linear in x by the area,
    /// stepped without dividing (floor division; inside the triangle the numerator is never
    /// negative, so it equals SDL's truncating division).
    private struct Texel {
        let weight0, weight1, offset, area: Int
        let slope: Int

        init(_ weight0: Int, _ weight1: Int, _ offset: Int, _ stepX: Edges, _ area: Int) {
            self.weight0 = weight0
            self.weight1 = weight1
            self.offset = offset
            self.area = area
            slope = stepX[0] * weight0 + stepX[1] * weight1
        }

        struct Stepper {
            var quotient, remainder: Int
            let quotientStep, remainderStep, divisor: Int

            mutating func advance() {
                quotient += quotientStep
                remainder += remainderStep
                if remainder >= divisor {
                    remainder -= divisor
                    quotient += 1
                }
            }
        }

        /// The stepper at pixel `x` of the row whose edge functions at x = 0 are `rows`.
        func at(_ x: Int, _ rows: Edges) -> Stepper {
            let numerator = rows[0] * weight0 + rows[1] * weight1 + offset + x * slope
            let q = SoftwareLines.floorDivision(numerator, area), qStep = SoftwareLines.floorDivision(slope, area)
            return Stepper(
                quotient: q, remainder: numerator - q * area, quotientStep: qStep, remainderStep: slope - qStep * area,
                divisor: area)
        }
    }

    static func floorDivision(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
    }

    static func ceilingDivision(_ a: Int, _ b: Int) -> Int { -floorDivision(-a, b) }
}
