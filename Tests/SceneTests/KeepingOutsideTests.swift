import Testing

@testable import Scene

/// The live-only marks are drawn after the hover card, so they are cut around it
/// (`DrawCommand.keepingOutside`).
struct KeepingOutsideTests {
    let hole = Rect(x: 10, y: 10, width: 20, height: 10)

    /// The area of `rects`.
    func area(_ rects: [Rect]) -> Double { rects.reduce(0) { $0 + $1.width * $1.height } }

    @Test func aRectangleLosesExactlyTheHole() {
        let rect = Rect(x: 0, y: 0, width: 40, height: 40)
        let left = rect.subtracting(hole)
        #expect(area(left) == 40 * 40 - 20 * 10)
        #expect(left.allSatisfy { !$0.intersects(Rect(x: 10.5, y: 10.5, width: 19, height: 9)) })
        for (k, a) in left.enumerated() {
            for b in left[(k + 1)...] {
                #expect(!a.intersects(Rect(x: b.x + 0.5, y: b.y + 0.5, width: b.width - 1, height: b.height - 1)))
            }
        }
        // Partly covered: only the part outside remains; apart: unchanged.
        #expect(area(Rect(x: 25, y: 0, width: 10, height: 40).subtracting(hole)) == 10 * 40 - 5 * 10)
        #expect(Rect(x: 50, y: 0, width: 5, height: 5).subtracting(hole) == [Rect(x: 50, y: 0, width: 5, height: 5)])
    }

    @Test func anAxisAlignedLineIsCutAroundTheHole() {
        let red = Color(255, 0, 0)
        let vertical = DrawCommand.line(from: Point(20, 0), to: Point(20, 40), width: 1, color: red, dashed: true)
        #expect(
            vertical.keepingOutside(hole) == [
                .line(from: Point(20, 0), to: Point(20, 10), width: 1, color: red, dashed: true),
                .line(from: Point(20, 20), to: Point(20, 40), width: 1, color: red, dashed: true),
            ])
        let beside = DrawCommand.line(from: Point(40, 0), to: Point(40, 40), width: 1, color: red, dashed: false)
        #expect(beside.keepingOutside(hole) == [beside])
        let horizontal = DrawCommand.line(from: Point(0, 15), to: Point(25, 15), width: 2, color: red, dashed: false)
        #expect(
            horizontal.keepingOutside(hole) == [
                .line(from: Point(0, 15), to: Point(10, 15), width: 2, color: red, dashed: false)
            ])
    }

    @Test func anythingElseMeetingTheHoleIsLeftOut() {
        let white = Color(255, 255, 255)
        let over = DrawCommand.text("it clicks (M)", at: Point(5, 12), size: .small, color: white, align: .left)
        let away = DrawCommand.text("60 fps", at: Point(100, 100), size: .small, color: white, align: .left)
        #expect(over.keepingOutside(hole).isEmpty)
        #expect(away.keepingOutside(hole) == [away])
        let disc = DrawCommand.disc(center: Point(35, 15), radius: 7, fill: white, rim: nil)
        #expect(disc.keepingOutside(hole).isEmpty)
    }
}
