import CSDL2
import Foundation
import Scene

/// Collects textured, tinted quads and submits them in one SDL_RenderGeometry call per texture
/// and blend mode, so hundreds of lines and glyphs cost one draw call.
final class GeometryBatch {
    private var vertices: [SDL_Vertex] = []
    private var indices: [Int32] = []
    private var texture: OpaquePointer?
    private let renderer: Renderer
    /// The area of everything queued so far, in pixels (a measure of fill work; see
    /// `SceneRenderer.pixelsFilled`).
    private(set) var area = 0.0

    init(renderer: Renderer) {
        self.renderer = renderer
        vertices.reserveCapacity(4096)
        indices.reserveCapacity(6144)
    }

    /// Switches texture (nil: untextured), flushing what was queued for the previous one.
    func use(_ newTexture: OpaquePointer?) {
        if newTexture != texture { flush() }
        texture = newTexture
    }

    /// Queues a quad with corners a, b, c, d (in order around it) and texture coordinates
    /// spanning (u0, v0)…(u1, v1).
    func quad(
        _ a: Point, _ b: Point, _ c: Point, _ d: Point, color: Color,
        u0: Float = 0, v0: Float = 0, u1: Float = 1, v1: Float = 1
    ) {
        let tint = SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a)
        let base = Int32(vertices.count)
        func vertex(_ p: Point, _ u: Float, _ v: Float) -> SDL_Vertex {
            SDL_Vertex(
                position: SDL_FPoint(x: Float(p.x), y: Float(p.y)), color: tint, tex_coord: SDL_FPoint(x: u, y: v))
        }
        area += abs((c.x - a.x) * (d.y - b.y) - (d.x - b.x) * (c.y - a.y)) / 2
        vertices.append(vertex(a, u0, v0))
        vertices.append(vertex(b, u1, v0))
        vertices.append(vertex(c, u1, v1))
        vertices.append(vertex(d, u0, v1))
        indices += [base, base + 1, base + 2, base, base + 2, base + 3]
        if vertices.count >= 60_000 { flush() }
    }

    /// Corners of the polygon round sprites are drawn as, on the unit circle: turned half a step
    /// so that none sits on an axis (see `roundSprite`). Computed once; a frame has hundreds of
    /// sprites.
    private static let spriteSides = 16
    private static let spriteCorners: [(x: Double, y: Double)] = (0..<spriteSides).map { k in
        let angle = 2 * Double.pi * (Double(k) + 0.5) / Double(spriteSides)
        return (cos(angle), sin(angle))
    }
    /// A corner's distance for the polygon's edges to touch the circle of radius 1, and the
    /// polygon's area for that circle.
    private static let cornerReach = 1 / cos(Double.pi / Double(spriteSides))
    private static let unitArea =
        Double(spriteSides) * cornerReach * cornerReach
        * sin(2 * Double.pi / Double(spriteSides)) / 2

    /// Queues a round sprite: the square texture spread over the square of half-side
    /// `textureRadius` around `center`, but only the regular polygon that covers the circle of
    /// `coverRadius` is drawn. For a radial texture the square's corners (a fifth of it) hold
    /// nothing and its rim next to nothing, yet each of their pixels costs a fill on llvmpipe.
    func roundSprite(center: Point, textureRadius: Double, coverRadius: Double, color: Color) {
        let tint = SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a)
        let base = Int32(vertices.count)
        // SDL 2.26 rejects a whole draw with a texture coordinate outside 0…1, so every corner
        // stays inside the texture's square.
        func vertex(_ dx: Double, _ dy: Double) -> SDL_Vertex {
            let x = min(max(dx, -textureRadius), textureRadius), y = min(max(dy, -textureRadius), textureRadius)
            return SDL_Vertex(
                position: SDL_FPoint(x: Float(center.x + x), y: Float(center.y + y)), color: tint,
                tex_coord: SDL_FPoint(
                    x: min(max(Float(0.5 + x / (2 * textureRadius)), 0), 1),
                    y: min(max(Float(0.5 + y / (2 * textureRadius)), 0), 1)))
        }
        let corner = coverRadius * Self.cornerReach
        area += Self.unitArea * coverRadius * coverRadius
        vertices.append(vertex(0, 0))
        for c in Self.spriteCorners { vertices.append(vertex(corner * c.x, corner * c.y)) }
        let sides = Int32(Self.spriteSides)
        for k in 0..<sides { indices += [base, base + 1 + k, base + 1 + (k + 1) % sides] }
        if vertices.count >= 60_000 { flush() }
    }

    /// An axis-aligned quad.
    func rect(_ r: Rect, color: Color, u0: Float = 0, v0: Float = 0, u1: Float = 1, v1: Float = 1) {
        quad(
            Point(r.x, r.y), Point(r.maxX, r.y), Point(r.maxX, r.maxY), Point(r.x, r.maxY), color: color, u0: u0,
            v0: v0, u1: u1, v1: v1)
    }

    /// Submits everything queued.
    func flush() {
        guard !vertices.isEmpty else { return }
        _ = SDL_RenderGeometry(
            renderer.pointer, texture, vertices, Int32(vertices.count), indices, Int32(indices.count))
        vertices.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
    }
}
