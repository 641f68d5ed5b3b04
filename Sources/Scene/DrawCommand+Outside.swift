extension DrawCommand {
    /// This command kept off `hole`, for marks drawn after a card that must stay on top (the
    /// live-only pass comes after everything recorded): rectangles and axis-aligned lines lose
    /// the part inside it; anything else meeting it is left out.
    func keepingOutside(_ hole: Rect) -> [DrawCommand] {
        switch self {
        case let .rect(rect, color):
            return rect.subtracting(hole).map { .rect($0, color) }
        case let .line(from, to, width, color, dashed) where from.x == to.x || from.y == to.y:
            let vertical = from.x == to.x
            let across = vertical ? from.x : from.y
            let (low, high) = vertical ? (hole.x, hole.maxX) : (hole.y, hole.maxY)
            guard across + width / 2 > low && across - width / 2 < high else { return [self] }
            let a = vertical ? min(from.y, to.y) : min(from.x, to.x),
                b = vertical ? max(from.y, to.y) : max(from.x, to.x)
            let (start, end) = vertical ? (hole.y, hole.maxY) : (hole.x, hole.maxX)
            return [(a, min(b, start)), (max(a, end), b)].filter { $0.1 > $0.0 }.map { span in
                vertical
                    ? .line(
                        from: Point(across, span.0), to: Point(across, span.1), width: width, color: color,
                        dashed: dashed)
                    : .line(
                        from: Point(span.0, across), to: Point(span.1, across), width: width, color: color,
                        dashed: dashed)
            }
        default:
            return bounds.map { $0.intersects(hole) } == false ? [self] : []
        }
    }

    /// Roughly where this command draws (text by `estimatedTextBox`); nil for empty text.
    var bounds: Rect? {
        func around(_ points: [Point], _ margin: Double) -> Rect? {
            guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
                let minY = points.map(\.y).min(), let maxY = points.map(\.y).max()
            else { return nil }
            return Rect(
                x: minX - margin, y: minY - margin, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin)
        }
        switch self {
        case let .line(from, to, width, _, _): return around([from, to], width / 2 + 1)
        case let .glow(center, radius, _), let .disc(center, radius, _, _): return around([center], radius + 1)
        case let .rect(rect, _), let .frame(rect, _), let .image(_, rect): return rect
        case let .polyline(points, width, _): return around(points, width / 2 + 1)
        case .text: return estimatedTextBox
        case let .tiles(_, _, targets):
            return around(targets.flatMap { [Point($0.x, $0.y), Point($0.maxX, $0.maxY)] }, 0)
        }
    }
}
