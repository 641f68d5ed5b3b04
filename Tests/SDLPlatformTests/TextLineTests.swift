import CSDL2
import Testing
@testable import Scene
@testable import SDLPlatform

/// Texts drawn as whole cached lines (`TextLineCache`) against the same texts glyph by glyph.
@Suite(.serialized)
struct TextLineTests {
    /// Draws `frames` in order with one renderer; returns it and the last frame's pixels.
    func draw(_ frames: [SceneFrame], width: Int, height: Int, asLines: Bool = true) throws
        -> (SceneRenderer, Surface)
    {
        try drawInMemory(frames, width: width, height: height) { $0.drawsTextAsLines = asLines }
    }

    /// The largest difference of one colour channel between two equally sized surfaces.
    func largestDifference(_ a: Surface, _ b: Surface) -> Int {
        var largest = 0
        for y in 0..<a.height {
            for x in 0..<a.width {
                let p = a.pixel(x: x, y: y), q = b.pixel(x: x, y: y)
                largest = max(
                    largest, abs(Int(p.r) - Int(q.r)), abs(Int(p.g) - Int(q.g)), abs(Int(p.b) - Int(q.b)))
            }
        }
        return largest
    }

    /// Every size and alignment, glyphs that overlap their neighbours (ff, Ty, italics-free
    /// kerning pairs), symbols beyond ASCII, a translucent colour, over a lit background.
    func busyFrame(_ salt: Int = 0, translucent: UInt8 = 140) -> SceneFrame {
        var commands: [DrawCommand] = [.rect(Rect(x: 0, y: 0, width: 400, height: 60), Color(40, 90, 160))]
        let texts = [
            "iteration 42 of 60,000", "offfice Type AV Wa", "δ = ∂L/∂z · σ′(z) −½ Σ Δw² → ←", "", "   ",
            "loss \(salt)",
        ]
        let aligns: [TextAlign] = [.left, .center, .right, .leftMiddle, .rightMiddle, .middle]
        for (k, size) in TextSize.allCases.enumerated() {
            for (n, text) in texts.enumerated() {
                commands.append(
                    .text(
                        text, at: Point(200.3, 12.6 + Double(k * 80 + n * 13)), size: size,
                        color: n == 2 ? Color(255, 200, 80, translucent) : Color(230, 240, 255), align: aligns[n]))
            }
        }
        return overlayFrame(commands)
    }

    @Test func linesLookLikeTheirGlyphsDrawnOneByOne() throws {
        let (_, lines) = try draw([busyFrame(translucent: 255)], width: 400, height: 260)
        let (_, glyphs) = try draw([busyFrame(translucent: 255)], width: 400, height: 260, asLines: false)
        // Where glyphs overlap, blending the composed coverage once rounds differently by a level.
        #expect(largestDifference(lines, glyphs) <= 1)
        // Translucent text drawn glyph by glyph was denser where two glyphs' edges overlap (each
        // blended over the other); a line is blended once, as the text's coverage says.
        let (_, translucentLines) = try draw([busyFrame()], width: 400, height: 260)
        let (_, translucentGlyphs) = try draw([busyFrame()], width: 400, height: 260, asLines: false)
        #expect(largestDifference(translucentLines, translucentGlyphs) <= 12)
        #expect(differingPixels(translucentLines, translucentGlyphs) <= 3)
    }

    /// A line is one copy (two triangles), however many characters it has; blank lines cost nothing.
    @Test func eachLineIsOneCopy() throws {
        let (renderer, _) = try draw([busyFrame()], width: 400, height: 260)
        let (byGlyph, _) = try draw([busyFrame()], width: 400, height: 260, asLines: false)
        let rect = 2, visibleLines = 3 * 4
        #expect(renderer.trianglesDrawn == rect + 2 * visibleLines)
        #expect(byGlyph.trianglesDrawn > 10 * renderer.trianglesDrawn)
        // A second frame finds its lines composed: only the changed one is new.
        let (again, _) = try draw([busyFrame(1), busyFrame(2)], width: 400, height: 260)
        #expect(again.textLinesComposed == visibleLines + 3)
    }

    /// Thousands of different lines overflow the cache; after it empties itself, frames still
    /// look as if drawn glyph by glyph, and a line wider than the cache is drawn by its glyphs
    /// without emptying it.
    @Test func aFullCacheStartsAgainAndLooksTheSame() throws {
        let wide = String(repeating: "wide line ", count: 300)
        let frames = (0..<120).map { k in
            overlayFrame(
                (0..<40).map { n in
                    .text(
                        "frame \(k) line \(n) value \(Double(k * 40 + n) / 7)", at: Point(5, Double(n * 6)),
                        size: TextSize.allCases[n % 3], color: Color(255, 255, 255), align: .left)
                } + [.text(wide, at: Point(0, 230), size: .normal, color: Color(255, 255, 255), align: .left)])
        }
        let (renderer, lines) = try draw(frames, width: 400, height: 260)
        #expect(renderer.textLineResets > 0)
        #expect(renderer.textLinesComposed >= 120 * 40)
        let (_, glyphs) = try draw([frames.last!], width: 400, height: 260, asLines: false)
        #expect(largestDifference(lines, glyphs) <= 1)
        let resets = renderer.textLineResets
        let wideAlone = overlayFrame([
            .text(wide, at: Point(0, 0), size: .normal, color: Color(255, 255, 255), align: .left)
        ])
        renderer.draw(wideAlone)
        renderer.draw(wideAlone)
        #expect(renderer.textLineResets == resets)
    }
}
