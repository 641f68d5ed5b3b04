import CSDL2
import NeuralCore
import Testing
@testable import Scene
@testable import SDLPlatform

/// The bytes of a surface, padding included.
func bytes(_ surface: Surface) -> [UInt8] {
    let s = surface.pointer.pointee
    return Array(UnsafeRawBufferPointer(start: s.pixels, count: Int(s.pitch) * Int(s.h)))
}

/// How many bytes of two arrays differ (every byte when their lengths differ): a short message
/// where printing the arrays would not be.
func differences(_ a: [UInt8], _ b: [UInt8]) -> Int { a.count == b.count ? zip(a, b).count { $0 != $1 } : a.count }

/// `frames` drawn in order on a new canvas in memory twice: once with its sprites, line pieces,
/// texts and rectangles drawn into the pixels by our code, once with all of them left to SDL.
struct DrawnBothWays {
    typealias Counts = (sprites: Int, lines: Int, texts: Int, rects: Int)
    /// The last frame's bytes, drawn by our code and by SDL.
    let ours, sdls: [UInt8]
    /// What our code drew into the pixels, and what it drew when told not to (nothing).
    let drawn, drawnWhenOff: Counts

    init(_ frames: [SceneFrame], width: Int, height: Int) throws {
        func draw(intoPixels: Bool) throws -> ([UInt8], Counts) {
            let (renderer, pixels) = try drawInMemory(frames, width: width, height: height) {
                $0.drawsIntoPixels = intoPixels
            }
            return (bytes(pixels), renderer.drawnIntoPixels)
        }
        (ours, drawn) = try draw(intoPixels: true)
        (sdls, drawnWhenOff) = try draw(intoPixels: false)
    }

    var differences: Int { SDLPlatformTests.differences(ours, sdls) }
}

/// The recorder's own sprite blending against SDL's: the same bytes, or recordings would change.
@Suite(.serialized)
struct TintedBlendTests {
    /// A surface of random pixels (every alpha from 0 to 255 among them).
    func noise(width: Int, height: Int, format: SDL_PixelFormatEnum, seed: UInt64) throws -> Surface {
        let surface = try Surface(width: width, height: height, pixelFormat: format.rawValue)
        var random = SeededGenerator(seed: seed)
        let s = surface.pointer.pointee
        for y in 0..<height {
            let row = (s.pixels! + y * Int(s.pitch)).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                // A quarter fully transparent or fully opaque: the blend's two edge cases.
                var pixel = UInt32.random(in: 0...UInt32.max, using: &random)
                switch x % 8 {
                case 0: pixel &= 0x00FF_FFFF
                case 1: pixel |= 0xFF00_0000
                default: break
                }
                row[x] = pixel
            }
        }
        return surface
    }

    @Test(arguments: [TintedBlend.Mode.blend, .add])
    func blendsByteForByteAsSDLDoes(mode: TintedBlend.Mode) throws {
        let tints = [
            SDL_Color(r: 255, g: 255, b: 255, a: 128), SDL_Color(r: 200, g: 40, b: 90, a: 255),
            SDL_Color(r: 12, g: 250, b: 130, a: 77), SDL_Color(r: 0, g: 0, b: 0, a: 255),
            SDL_Color(r: 255, g: 255, b: 255, a: 255),
        ]
        // Inside, clipped at the top left, clipped at the bottom right; 37 wide leaves 5 over.
        let corners = [(3, 2), (-5, -3), (40, 25)]
        for (k, tint) in tints.enumerated() where TintedBlend.matchesSDL(mode, tint: tint) {
            for (x, y) in corners {
                let source = try noise(width: 37, height: 21, format: SDL_PIXELFORMAT_ABGR8888, seed: UInt64(k))
                let ours = try noise(width: 64, height: 40, format: SDL_PIXELFORMAT_ARGB8888, seed: 99)
                let sdls = try noise(width: 64, height: 40, format: SDL_PIXELFORMAT_ARGB8888, seed: 99)
                TintedBlend.draw(source, onto: ours, x: x, y: y, tint: tint, mode: mode)
                SDL_SetSurfaceColorMod(source.pointer, tint.r, tint.g, tint.b)
                SDL_SetSurfaceAlphaMod(source.pointer, tint.a)
                SDL_SetSurfaceBlendMode(source.pointer, mode == .add ? SDL_BLENDMODE_ADD : SDL_BLENDMODE_BLEND)
                var target = SDL_Rect(x: Int32(x), y: Int32(y), w: 37, h: 21)
                #expect(SDL_UpperBlit(source.pointer, nil, sdls.pointer, &target) == 0)
                #expect(differences(bytes(ours), bytes(sdls)) == 0, "tint \(tint) at (\(x), \(y))")
            }
        }
    }

    @Test func leavesAnUntintedOpaqueBlendToSDL() {
        #expect(!TintedBlend.matchesSDL(.blend, tint: SDL_Color(r: 255, g: 255, b: 255, a: 255)))
        #expect(TintedBlend.matchesSDL(.add, tint: SDL_Color(r: 255, g: 255, b: 255, a: 255)))
    }

    /// Glows and discs of many sizes, at fractional places, translucent, some off the edges,
    /// twice over (the second time from the cache of scaled sprites).
    func spriteFrame() -> SceneFrame {
        var commands: [DrawCommand] = [.rect(Rect(x: 0, y: 0, width: 300, height: 200), Color(30, 60, 110))]
        for k in 0..<2 {
            for n in 0..<24 {
                let center = Point(-10 + Double(n * 13) + 0.37 * Double(k), -8 + Double(n * 9) + 0.61)
                let radius = 1.5 + Double(n) * 2.3
                let color = Color(UInt8(40 + n * 9), UInt8(250 - n * 7), UInt8(90 + k * 60), UInt8(255 - n * 6))
                commands.append(.glow(center: center, radius: radius * 1.8, color: color))
                commands.append(
                    .disc(center: center, radius: radius, fill: color, rim: n % 3 == 0 ? nil : Color(150, 160, 170)))
            }
        }
        commands.append(.disc(center: Point(150, 100), radius: 20, fill: Color(255, 255, 255), rim: nil))
        return overlayFrame(commands)
    }

    @Test func prescaledSpritesDrawTheSamePixelsAsSDLScalingThem() throws {
        let both = try DrawnBothWays([spriteFrame(), spriteFrame()], width: 300, height: 200)
        #expect(both.differences == 0)
        // Two frames of 48 glows and 48 discs (32 of them rimmed); the white disc is SDL's.
        #expect(both.drawn.sprites >= 2 * (48 + 48 + 32) - 20 && both.drawnWhenOff.sprites == 0)
    }

    @Test func textLinesDrawTheSamePixelsAsSDLCopyingThem() throws {
        // Opaque and translucent texts of every size and alignment, over a lit background,
        // and lines cut by every edge of the canvas.
        let edges = overlayFrame(
            [.rect(Rect(x: 0, y: 0, width: 400, height: 260), Color(90, 40, 20))]
                + [Point(-9.4, 40), Point(380, 80), Point(150, -6), Point(150, 252)].map {
                    .text("cut by the edge", at: $0, size: .large, color: Color(200, 250, 120, 190), align: .left)
                })
        let frames = [TextLineTests().busyFrame(1), TextLineTests().busyFrame(2, translucent: 255), edges]
        let both = try DrawnBothWays(frames, width: 400, height: 260)
        #expect(both.differences == 0)
        #expect(both.drawn.texts >= 20 && both.drawnWhenOff.texts == 0, "\(both.drawn.texts) lines of text")
    }

    @Test func rectanglesDrawTheSamePixelsAsSDLFillingThem() throws {
        // Fractional places and sizes, thinner than a pixel, translucent, opaque, white, cut by
        // the edges, and frames (four one-pixel rectangles each).
        var random = SeededGenerator(seed: 7)
        var commands: [DrawCommand] = []
        for n in 0..<80 {
            let rect = Rect(
                x: Double.random(in: -30...300, using: &random), y: Double.random(in: -30...200, using: &random),
                width: [0.3, 1, 2.6, 17.4, 140][n % 5], height: [0.7, 1.5, 9.2, 60][n % 4])
            let color =
                n % 7 == 0 ? Color(255, 255, 255) : Color(UInt8(n * 3), 200, UInt8(255 - n * 2), UInt8(40 + n * 2))
            commands.append(n % 3 == 0 ? .frame(rect, color) : .rect(rect, color))
        }
        let both = try DrawnBothWays([overlayFrame(commands)], width: 300, height: 200)
        #expect(both.differences == 0)
        #expect(both.drawn.rects >= 150 && both.drawnWhenOff.rects == 0, "\(both.drawn.rects) rectangles")
    }
}
