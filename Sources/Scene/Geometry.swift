/// A point in window pixels (origin top-left, y down).
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }

    /// The point `t` of the way from `self` to `other`.
    public func lerp(to other: Point, _ t: Double) -> Point { Point(x + (other.x - x) * t, y + (other.y - y) * t) }
    public func distance(to other: Point) -> Double {
        ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot()
    }
}

/// An axis-aligned rectangle in window pixels.
public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
    public var maxY: Double { y + height }
    public func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
    public func contains(_ r: Rect) -> Bool { r.x >= x && r.y >= y && r.maxX <= maxX && r.maxY <= maxY }
    /// Whether the two share any area (touching edges do not count).
    public func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
    /// What is left of this rectangle outside `hole`: up to four rectangles, none empty, clear of
    /// each other (the bands above and below the hole, then the pieces left and right of it
    /// between them). Whole-pixel rectangles give whole-pixel pieces.
    public func subtracting(_ hole: Rect) -> [Rect] {
        guard intersects(hole) else { return width > 0 && height > 0 ? [self] : [] }
        let top = max(y, hole.y), bottom = min(maxY, hole.maxY)
        return [
            Rect(x: x, y: y, width: width, height: top - y),
            Rect(x: x, y: bottom, width: width, height: maxY - bottom),
            Rect(x: x, y: top, width: max(hole.x, x) - x, height: bottom - top),
            Rect(x: min(hole.maxX, maxX), y: top, width: maxX - min(hole.maxX, maxX), height: bottom - top),
        ].filter { $0.width > 0 && $0.height > 0 }
    }
    /// The whole pixels lying entirely inside (empty if there are none).
    public var wholePixelsInside: Rect {
        let x0 = x.rounded(.up), y0 = y.rounded(.up)
        return Rect(x: x0, y: y0, width: max(maxX.rounded(.down) - x0, 0), height: max(maxY.rounded(.down) - y0, 0))
    }
}

/// An 8-bit RGBA colour.
public struct Color: Sendable, Equatable, Hashable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) { self.r = r; self.g = g; self.b = b; self.a = a }

    /// The same colour with alpha scaled by `factor` (clamped to 0…1).
    public func withAlpha(_ factor: Double) -> Color {
        Color(r, g, b, UInt8((Double(a) * min(max(factor, 0), 1)).rounded()))
    }

    /// The colour `t` of the way to `other` (alpha included).
    public func mix(_ other: Color, _ t: Double) -> Color {
        let u = min(max(t, 0), 1)
        func m(_ p: UInt8, _ q: UInt8) -> UInt8 { UInt8((Double(p) + (Double(q) - Double(p)) * u).rounded()) }
        return Color(m(r, other.r), m(g, other.g), m(b, other.b), m(a, other.a))
    }
}
