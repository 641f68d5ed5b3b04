import CSDL2
import Glibc
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
    /// Triangles queued so far. On llvmpipe each costs about a microsecond of setup and binning
    /// whatever its size, and a long thin one shades several times its area.
    private(set) var triangles = 0

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
        triangles += 2
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
