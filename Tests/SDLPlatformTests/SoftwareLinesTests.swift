import CSDL2
import NeuralCore
import Testing
@testable import Scene
@testable import SDLPlatform

/// The recorder's own line drawing against SDL's triangles: the same bytes, or recordings would
/// change.
@Suite(.serialized)
struct SoftwareLinesTests {
    /// Lines at every angle, length and width (hairlines translucent), at fractional places, some
    /// crossing the canvas's edges or far outside it, some exactly horizontal or vertical, and a
    /// polyline like the loss curve's, over a lit background.
    func lineFrame(seed: UInt64) -> SceneFrame {
        var random = SeededGenerator(seed: seed)
        func coordinate(_ size: Double) -> Double { Double.random(in: -40...(size + 40), using: &random) }
        var commands: [DrawCommand] = [.rect(Rect(x: 0, y: 0, width: 320, height: 200), Color(30, 60, 110))]
        for n in 0..<160 {
            let from = Point(coordinate(320), coordinate(200))
            var to = Point(coordinate(320), coordinate(200))
            if n % 10 == 0 { to = Point(to.x, from.y) }
            if n % 10 == 1 { to = Point(from.x, to.y) }
            let width = [0.3, 0.8, 1, 1.7, 3, 6.5][n % 6]
            let color = Color(UInt8(n % 256), UInt8(255 - n % 200), UInt8(60 + n % 150), UInt8(120 + n % 136))
            commands.append(.line(from: from, to: to, width: width, color: color, dashed: n % 17 == 0))
        }
        commands.append(
            .line(from: Point(-5000, -300), to: Point(5000, 400), width: 2, color: Color(255, 255, 255), dashed: false))
        let curve = (0..<120).map { Point(20 + Double($0) * 2.3, 150 - 60 * exp(-Double($0) / 30) + 0.37) }
        commands.append(.polyline(curve, width: 2, color: Color(250, 200, 90)))
        return overlayFrame(commands)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func linesDrawTheSamePixelsAsSDLTriangles(seed: UInt64) throws {
        let both = try DrawnBothWays([lineFrame(seed: seed)], width: 320, height: 200)
        #expect(both.differences == 0)
        #expect(both.drawn.lines > 500 && both.drawnWhenOff.lines == 0, "\(both.drawn.lines) line pieces")
    }

    @Test func leavesRectanglesToSDLsCopy() {
        func isRectangle(_ corners: [(x: Float, y: Float)]) -> Bool {
            SoftwareLines.isRectangle(SIMD4(corners.map(\.x)), SIMD4(corners.map(\.y)))
        }
        let square: [(x: Float, y: Float)] = [(10, 10), (30, 10), (30, 14), (10, 14)]
        let slanted: [(x: Float, y: Float)] = [(10, 10), (30, 11), (30, 15), (10, 14)]
        #expect(isRectangle(square))
        #expect(isRectangle([square[2], square[3], square[0], square[1]]))
        #expect(!isRectangle(slanted))
    }
}
