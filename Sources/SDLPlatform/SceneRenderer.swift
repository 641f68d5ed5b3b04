import CSDL2
import Scene

/// Draws `SceneFrame`s with an SDL renderer: glow halos (a pre-rendered gradient, additive),
/// anti-aliased thick lines (textured quads, batched), discs, text as whole lines composed once
/// from glyph atlases (`TextLineCache`), and large networks' synapses from cached target textures.
public final class SceneRenderer {
    private let canvas: Canvas
    /// The canvas's SDL renderer, for the draw calls (the canvas keeps it alive).
    private let renderer: OpaquePointer
    private let batch: GeometryBatch
    private let glowTexture: Texture
    private let discTexture: Texture
    /// The profile across a line in 16 texels, for a canvas in memory: recorded frames' lines are
    /// drawn from it (`SoftwareLines`, in SDL's rules), and stay the same bytes.
    private let lineTexture: Texture
    /// The same profile four times finer, sampled nearest, for a window's lines: on llvmpipe a
    /// nearest sample fills a line far faster than a linear one (four texels mixed), and at this
    /// resolution every pixel's sample is within 12 levels of the feather the profile stands for
    /// (`LineProfileTests`), so even thick lines' edges stay smooth instead of stepped.
    private let windowLineTexture: Texture
    /// Set while drawing into a cached layer.
    private var drawingMesh = false
    private var atlases: [TextSize: GlyphAtlas] = [:]
    /// Each frame's texts as whole lines (one copy each), glyph by glyph only when they do not fit.
    private let textLines: TextLineCache
    /// Off: every text glyph by glyph (tests compare the two).
    var drawsTextAsLines = true
    /// Large networks' synapse layers, drawn once and copied.
    private let layers: SynapseLayerCache
    /// Pixels covered by everything drawn so far (quads, sprites, texture copies; clears not
    /// counted), cumulative. On llvmpipe a frame's cost follows this, and unlike its time it
    /// does not depend on how busy the machine is (`neuroglow bench`).
    public var pixelsFilled: Double { batch.area + copiedArea }
    /// Triangles drawn so far (texture copies count two), cumulative: llvmpipe's other cost.
    public var trianglesDrawn: Int { batch.triangles + 2 * copies }
    private var copies = 0
    private var copiedArea = 0.0
    /// How many synapse layers were drawn into the cache, ahead or on demand (tests, bench).
    public var synapseLayersDrawn: Int { layers.layersDrawn }
    /// How far out a glow's square reaches, as a fraction of its radius: beyond 0.9 the halo adds
    /// less than 1/100 of its colour (under two levels of 255), and the square is a fifth smaller.
    static let glowReach = 0.9
    /// The part of the glow texture that square shows, along each axis.
    static let glowTexels = (Float(0.5 - 0.5 * glowReach), Float(0.5 + 0.5 * glowReach))

    /// Rimmed discs smaller than this (radius, pixels) are drawn as one sprite (see `execute`).
    static let smallestRimmedDisc = 4.0

    /// SDL's software rasteriser walks every triangle's bounding box, so a long diagonal quad costs
    /// its whole box; on that renderer lines are cut into pieces no longer than this (pixels).
    /// (`SoftwareLines` draws only inside the triangles, but the pieces are what recorded frames'
    /// pixels were made of: changing this changes them.)
    static let softwareSegmentLength = 24.0
    private let splitsLongLines: Bool
    /// For a canvas in memory, what draws glows, discs and lines into its pixels rather than SDL's
    /// software renderer, in SDL's arithmetic (`PrescaledSprites`, `SoftwareLines`; lines of text
    /// and rectangles go through `TintedBlend` directly); nil for a window.
    private var inMemory: InMemoryDrawing?
    private struct InMemoryDrawing {
        let sprites: PrescaledSprites
        let glow, disc: PrescaledSprites.Original
        let lines: SoftwareLines
    }
    /// Off: SDL draws those too (tests compare the two).
    var drawsIntoPixels = true
    /// Sprites, line pieces, lines of text and rectangles drawn into a canvas's pixels,
    /// cumulative (tests).
    private(set) var drawnIntoPixels = (sprites: 0, lines: 0, texts: 0, rects: 0)

    public init(canvas: Canvas, fontPath: String) throws {
        self.canvas = canvas
        renderer = canvas.renderer.pointer
        splitsLongLines = canvas.rendererName == "software"
        batch = GeometryBatch(renderer: canvas.renderer)
        layers = SynapseLayerCache(canvas: canvas)
        // Untextured geometry (rectangles) blends with the renderer's draw blend mode.
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND)
        // A soft halo: bright core, long falloff.
        let glowPixels = try Surface.radial(size: 128) { d in
            d >= 1 ? 0 : (1 - d) * (1 - d) * (0.55 + 0.45 * (1 - d))
        }
        glowTexture = try Texture(renderer: canvas.renderer, surface: glowPixels, blend: SDL_BLENDMODE_ADD)
        // An anti-aliased disc: one texel of soft edge.
        let discPixels = try Surface.radial(size: 128) { d in (1 - d) * 64 }
        discTexture = try Texture(renderer: canvas.renderer, surface: discPixels, blend: SDL_BLENDMODE_BLEND)
        let linePixels = try Surface.pattern(width: 2, height: 16) { _, y in Self.lineAlpha(texel: y, of: 16) }
        lineTexture = try Texture(renderer: canvas.renderer, surface: linePixels, blend: SDL_BLENDMODE_BLEND)
        if let pixels = canvas.softwarePixels {
            let sprites = PrescaledSprites(canvas: pixels)
            inMemory = InMemoryDrawing(
                sprites: sprites, glow: sprites.original(glowPixels, mode: .add),
                disc: sprites.original(discPixels, mode: .blend),
                lines: SoftwareLines(canvas: pixels, texture: linePixels))
        }
        let windowLinePixels = try Surface.pattern(width: 2, height: Self.windowLineTexels) { _, y in
            Self.lineAlpha(texel: y, of: Self.windowLineTexels)
        }
        windowLineTexture = try Texture(
            renderer: canvas.renderer, surface: windowLinePixels, blend: SDL_BLENDMODE_BLEND)
        SDL_SetTextureScaleMode(windowLineTexture.pointer, SDL_ScaleModeNearest)
        for size in TextSize.allCases {
            atlases[size] = try GlyphAtlas(renderer: canvas.renderer, fontPath: fontPath, pixelSize: size.rawValue)
        }
        textLines = try TextLineCache(
            renderer: canvas.renderer, width: Self.textLinesSize.width, height: Self.textLinesSize.height,
            keepsPixels: inMemory != nil)
    }

    /// Across a line: fully opaque in the middle, feathered over the outer 3/16 of its width.
    /// The alpha at the centre of texel `y` of a profile `texels` long.
    static func lineAlpha(texel y: Int, of texels: Int) -> Double {
        let n = Double(texels), feather = 3 * n / 16
        return min(min(Double(y) + 0.5, n - Double(y) - 0.5) / feather, 1)
    }

    /// Texels across a window's line profile (`windowLineTexture`).
    static let windowLineTexels = 64

    /// The text line cache's texture: as wide as a 1920-pixel window's longest line (the HUD's
    /// example line), and room for several frames' worth of a busy window's lines.
    static let textLinesSize = (width: 2048, height: 256)
    /// Lines of text composed into the cache, and how often it was emptied for room (bench, tests).
    public var textLinesComposed: Int { textLines.linesComposed }
    public var textLineResets: Int { textLines.resets }

    /// Streaming textures for `.image` commands, by size; each used once a frame, in order, with
    /// the picture it holds (a picture the frame before uploaded is not uploaded again: on
    /// llvmpipe an upload may wait for the last frame's drawing, which still reads the texture).
    private var imageTextures: [String: [(texture: Texture, picture: PixelImage?)]] = [:]
    /// Pictures uploaded so far, cumulative (tests, bench).
    public private(set) var imagesUploaded = 0
    private var imagesUsed: [String: Int] = [:]

    /// Live windows only (never while recording: a recorded frame must not depend on what was
    /// cached): a shown layer missing from the cache — the first one, or after a jump along the
    /// timeline — is drawn into it over several frames, `linesPerFrame` lines each, and until it
    /// is whole the frame shows its `linesPerFrame` widest lines directly. Drawn whole at once, a
    /// 2,000-line layer made one frame of 100–150 ms on llvmpipe. Off by default.
    public var completesMissingLayersOverFrames = false
    static let linesPerFrame = 300

    /// Draws the whole frame except its live-only part.
    public func draw(_ frame: SceneFrame) {
        SDL_SetRenderTarget(renderer, nil)
        imagesUsed.removeAll(keepingCapacity: true)
        background = frame.background
        var texts: [TextLineCache.Key] = []
        for commands in [frame.overlay, frame.liveOnly] {
            for case let .text(string, _, size, _, _) in commands { texts.append(.init(string: string, size: size)) }
        }
        textLines.prepare(texts, atlases: atlases)
        switch frame.synapses {
        case let .direct(commands):
            clear()
            execute(commands)
        case let .cached(layer, next, amount, upcoming):
            // Outside its bounds a layer is background, so only the bounds are copied: the first
            // layer without blending, the next one fading in over it.
            clear()
            if completesMissingLayersOverFrames, !layers.contains(layer) {
                layers.continueDrawing(layer, commandsPerFrame: Self.linesPerFrame, paint: paint)
                if layers.contains(layer) {
                    _ = drawCached(layer, alpha: 1, blend: false)
                } else if let commands = layers.commandsInProgress(of: layer) {
                    execute(Self.widest(commands))
                } else {
                    execute(layer.commands)  // the renderer cannot draw into textures
                }
                break
            }
            if !drawCached(layer, alpha: 1, blend: false) { execute(layer.commands) }
            if let next, !drawCached(next, alpha: amount, blend: true) { execute(next.commands) }
            if let upcoming { layers.drawAhead(upcoming.layer, framesLeft: upcoming.framesLeft, paint: paint) }
        }
        execute(frame.overlay)
    }

    /// The `linesPerFrame` widest lines of `commands`, in their order (other commands kept).
    private static func widest(_ commands: [DrawCommand]) -> [DrawCommand] {
        let widths = commands.compactMap { if case let .line(_, _, width, _, _) = $0 { width } else { nil } }
        guard widths.count > linesPerFrame else { return commands }
        let threshold = widths.sorted(by: >)[linesPerFrame - 1]
        var kept = 0
        return commands.filter {
            guard case let .line(_, _, width, _, _) = $0 else { return true }
            guard width >= threshold, kept < linesPerFrame else { return false }
            kept += 1
            return true
        }
    }

    /// Draws what must not be recorded (REC mark, fps), after the frame was read back.
    public func drawLiveOnly(_ frame: SceneFrame) { execute(frame.liveOnly) }

    private var background = Color(0, 0, 0)

    private func clear() {
        SDL_SetRenderDrawColor(renderer, background.r, background.g, background.b, 255)
        SDL_RenderClear(renderer)
    }

    /// Copies a cached layer; false when the renderer cannot cache (then the caller draws it).
    private func drawCached(_ layer: SynapseLayer, alpha: Double, blend: Bool) -> Bool {
        guard let texture = layers.texture(for: layer, paint: paint) else { return false }
        SDL_SetTextureBlendMode(texture.pointer, blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE)
        SDL_SetTextureAlphaMod(texture.pointer, UInt8((min(max(alpha, 0), 1) * 255).rounded()))
        for var piece in Self.pieces(of: pixelRect(layer.bounds), without: layer.covered.map(pixelRect)) {
            copiedArea += Double(piece.w) * Double(piece.h)
            copies += 1
            SDL_RenderCopy(renderer, texture.pointer, &piece, &piece)
        }
        return true
    }

    /// `area` less `hole`, as up to four rectangles: above the hole, below it, left and right of
    /// it (empty ones left out). On llvmpipe a copy costs by the pixel, and a few more triangles
    /// are cheap.
    static func pieces(of area: SDL_Rect, without hole: SDL_Rect?) -> [SDL_Rect] {
        func rect(_ r: SDL_Rect) -> Rect {
            Rect(x: Double(r.x), y: Double(r.y), width: Double(r.w), height: Double(r.h))
        }
        // Whole pixels in, whole pixels out: the conversions back are exact.
        return rect(area).subtracting(hole.map(rect) ?? Rect(x: 0, y: 0, width: 0, height: 0)).map {
            SDL_Rect(x: Int32($0.x), y: Int32($0.y), w: Int32($0.width), h: Int32($0.height))
        }
    }

    /// `r` in whole pixels, widened to cover it, inside the canvas.
    private func pixelRect(_ r: Rect) -> SDL_Rect {
        let x0 = max(Int(r.x.rounded(.down)), 0), y0 = max(Int(r.y.rounded(.down)), 0)
        let x1 = min(Int(r.maxX.rounded(.up)), canvas.width), y1 = min(Int(r.maxY.rounded(.up)), canvas.height)
        return SDL_Rect(x: Int32(x0), y: Int32(y0), w: Int32(max(x1 - x0, 0)), h: Int32(max(y1 - y0, 0)))
    }

    /// Draws `commands` into a cached layer's texture (`SynapseLayerCache.Painting`).
    private func paint(_ texture: Texture, _ commands: ArraySlice<DrawCommand>, _ clear: Bool) {
        guard SDL_SetRenderTarget(renderer, texture.pointer) == 0 else { return }
        drawingMesh = true
        defer { drawingMesh = false }
        if clear { self.clear() }
        execute(commands)
        SDL_SetRenderTarget(renderer, nil)
    }

    private func execute<Commands: Collection<DrawCommand>>(_ commands: Commands) {
        for command in commands {
            switch command {
            case let .line(from, to, width, color, dashed):
                if dashed {
                    dashedLine(from, to, width: width, color: color)
                } else {
                    line(from, to, width: width, color: color)
                }
            case let .polyline(points, width, color):
                for k in 1..<max(points.count, 1) { line(points[k - 1], points[k], width: width, color: color) }
            case let .glow(center, radius, color):
                let (u0, u1) = Self.glowTexels
                sprite(glowTexture, inMemory?.glow, square(center, radius * Self.glowReach), color, u0: u0, u1: u1)
            case let .disc(center, radius, fill, rim):
                let original = inMemory?.disc
                if let rim {
                    let inner = max(radius - max(radius * 0.12, 1.2), 0.5)
                    if radius < Self.smallestRimmedDisc {
                        // A few pixels across, rim and fill blend into one colour anyway: one
                        // sprite in their average by area instead of two (llvmpipe charges triangles).
                        let share = (inner / radius) * (inner / radius)
                        sprite(discTexture, original, square(center, radius), rim.mix(fill, share))
                    } else {
                        sprite(discTexture, original, square(center, radius), rim)
                        sprite(discTexture, original, square(center, inner), fill)
                    }
                } else {
                    sprite(discTexture, original, square(center, radius), fill)
                }
            case let .rect(r, color):
                fill(r, color)
            case let .frame(r, color):
                for (a, b) in [
                    (Point(r.x, r.y), Point(r.maxX, r.y)), (Point(r.maxX, r.y), Point(r.maxX, r.maxY)),
                    (Point(r.maxX, r.maxY), Point(r.x, r.maxY)), (Point(r.x, r.maxY), Point(r.x, r.y)),
                ] {
                    let horizontal = a.y == b.y
                    fill(
                        Rect(
                            x: min(a.x, b.x), y: min(a.y, b.y), width: horizontal ? abs(b.x - a.x) : 1,
                            height: horizontal ? 1 : abs(b.y - a.y)), color)
                }
            case let .text(string, at, size, color, align):
                text(string, at: at, size: size, color: color, align: align)
            case let .image(picture, rect):
                image(picture, in: [(nil, rect)])
            case let .tiles(picture, tileHeight, targets):
                image(
                    picture,
                    in: targets.enumerated().map { k, target in
                        (
                            SDL_Rect(
                                x: 0, y: Int32(k * (tileHeight + 1)), w: Int32(picture.width), h: Int32(tileHeight)),
                            target
                        )
                    })
            }
        }
        batch.flush()
    }

    /// Uploads `picture` into a streaming texture of its size and stretches each source part of
    /// it (nil: all of it) over its target.
    private func image(_ picture: PixelImage, in parts: [(source: SDL_Rect?, target: Rect)]) {
        batch.flush()
        let key = "\(picture.width)x\(picture.height)\(picture.smooth ? "" : " blocks")"
        let used = imagesUsed[key, default: 0]
        imagesUsed[key] = used + 1
        var pool = imageTextures[key, default: []]
        if used == pool.count {
            guard
                let texture = try? Texture(
                    streamingFor: canvas.renderer, width: picture.width, height: picture.height, smooth: picture.smooth)
            else { return }
            pool.append((texture, nil))
        }
        let texture = pool[used].texture
        if pool[used].picture != picture {
            var bytes = [UInt8](repeating: 0, count: picture.pixels.count * 4)
            var opaque = true
            for (k, c) in picture.pixels.enumerated() {
                bytes[4 * k] = c.r
                bytes[4 * k + 1] = c.g
                bytes[4 * k + 2] = c.b
                bytes[4 * k + 3] = c.a
                opaque = opaque && c.a == 255
            }
            texture.update(rgba: bytes)
            // An opaque picture replaces what is under it: unblended, llvmpipe writes its pixels
            // without reading the target's first.
            SDL_SetTextureBlendMode(texture.pointer, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND)
            pool[used].picture = picture
            imagesUploaded += 1
        }
        imageTextures[key] = pool
        for part in parts {
            var target = SDL_FRect(
                x: Float(part.target.x), y: Float(part.target.y), w: Float(part.target.width),
                h: Float(part.target.height))
            copiedArea += part.target.width * part.target.height
            copies += 1
            if var source = part.source {
                SDL_RenderCopyF(renderer, texture.pointer, &source, &target)
            } else {
                SDL_RenderCopyF(renderer, texture.pointer, nil, &target)
            }
        }
    }

    /// A radial sprite tinted `color` over `target`, showing texels `u0…u1` of it along each axis.
    /// On a canvas in memory it is drawn pre-scaled (`PrescaledSprites`) where SDL would have
    /// scaled it: SDL's software renderer turns the quad into a copy of the integer rectangles
    /// computed here, in its own arithmetic (single precision, truncated), so the pixels are the
    /// same. Not into a cached layer, whose pixels SDL keeps to itself.
    private func sprite(
        _ texture: Texture, _ original: PrescaledSprites.Original?, _ target: Rect, _ color: Color,
        u0: Float = 0, u1: Float = 1
    ) {
        let x = Float(target.x), y = Float(target.y)
        if let original, let sprites = inMemory?.sprites, drawsIntoPixels, !drawingMesh,
            abs(x) < 1e6, abs(y) < 1e6, target.width < 1e6, target.height < 1e6
        {
            let size = (Float(texture.width), Float(texture.height))
            let sx = Int32(u0 * size.0), sy = Int32(u0 * size.1)
            let source = SDL_Rect(x: sx, y: sy, w: Int32(u1 * size.0 - Float(sx)), h: Int32(u1 * size.1 - Float(sy)))
            let pixels = SDL_Rect(
                x: Int32(x), y: Int32(y), w: Int32(Float(target.maxX) - x), h: Int32(Float(target.maxY) - y))
            flushBeforeDrawingIntoPixels()
            if sprites.draw(
                original, source: source, target: pixels,
                color: SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a))
            {
                copies += 1
                copiedArea += target.width * target.height
                drawnIntoPixels.sprites += 1
                return
            }
        }
        batch.use(texture.pointer)
        batch.rect(target, color: color, u0: u0, v0: u0, u1: u1, v1: u1)
    }

    /// A rectangle of `color`, blended. On a canvas in memory it is blended into the pixels here
    /// (`TintedBlend.fill`): SDL's software renderer turns the untextured quad into a filled
    /// rectangle truncated to whole pixels, at least one wide and high, as computed here.
    private func fill(_ r: Rect, _ color: Color) {
        let x = Float(r.x), y = Float(r.y), width = Float(r.maxX) - x, height = Float(r.maxY) - y
        if let pixels = canvas.softwarePixels, inMemory != nil, drawsIntoPixels, !drawingMesh,
            abs(x) < 1e6, abs(y) < 1e6, width > 0, height > 0, width < 1e6, height < 1e6
        {
            flushBeforeDrawingIntoPixels()
            let rect = SDL_Rect(x: Int32(x), y: Int32(y), w: max(Int32(width), 1), h: max(Int32(height), 1))
            TintedBlend.fill(rect, onto: pixels, color: SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a))
            copies += 1
            copiedArea += r.width * r.height
            drawnIntoPixels.rects += 1
            return
        }
        batch.use(nil)
        batch.rect(r, color: color)
    }

    /// Draws what was queued before, so what is drawn into the pixels next lands on top of it
    /// (SDL's own queue too, though its software renderer draws each call as it comes).
    private func flushBeforeDrawingIntoPixels() {
        batch.flush()
        SDL_RenderFlush(renderer)
    }

    /// The square of half-side `half` around `center`, where radial sprites (glows, discs) are
    /// drawn. Polygons hugging the circle fill a fifth fewer pixels but cost more on llvmpipe:
    /// each triangle costs about a microsecond to set up, and the thin wedges of a 16-gon shade
    /// the blocks along their edges once per wedge (measured: 600 sprites of radius 15 took 12 ms
    /// a frame as 16-gons, 6 as squares).
    private func square(_ center: Point, _ half: Double) -> Rect {
        Rect(x: center.x - half, y: center.y - half, width: 2 * half, height: 2 * half)
    }

    /// A thick anti-aliased line: a quad one feather wider than `width`, textured with a soft edge.
    /// Sub-pixel widths fade instead of thinning, so hairlines stay visible but faint.
    /// (`SynapseEncoding.fill` counts these pixels for the scrubbing budget: keep the two in step.)
    private func line(_ a: Point, _ b: Point, width: Double, color: Color) {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0.01 else { return }
        let half = (max(width, 1) + 2) / 2
        let nx = -dy / length * half, ny = dx / length * half
        let tint = width < 1 ? color.withAlpha(width) : color
        batch.use(inMemory == nil ? windowLineTexture.pointer : lineTexture.pointer)
        let pieces = splitsLongLines ? max(1, Int((length / SceneRenderer.softwareSegmentLength).rounded(.up))) : 1
        var start = a
        let lines = drawsIntoPixels && !drawingMesh ? inMemory?.lines : nil
        let sdlTint = SDL_Color(r: tint.r, g: tint.g, b: tint.b, a: tint.a)
        for k in 1...pieces {
            let end = k == pieces ? b : a.lerp(to: b, Double(k) / Double(pieces))
            let corners = (
                Point(start.x + nx, start.y + ny), Point(end.x + nx, end.y + ny), Point(end.x - nx, end.y - ny),
                Point(start.x - nx, start.y - ny)
            )
            start = end
            if let lines {
                flushBeforeDrawingIntoPixels()
                if lines.draw(corners.0, corners.1, corners.2, corners.3, color: sdlTint) {
                    drawnIntoPixels.lines += 1
                    copies += 1
                    copiedArea += corners.0.distance(to: corners.1) * corners.1.distance(to: corners.2)
                    continue
                }
            }
            batch.quad(corners.0, corners.1, corners.2, corners.3, color: tint)
        }
    }

    private func dashedLine(_ a: Point, _ b: Point, width: Double, color: Color) {
        let length = a.distance(to: b)
        let dash = 8.0, gap = 6.0
        var s = 0.0
        while s < length {
            line(a.lerp(to: b, s / length), a.lerp(to: b, min(s + dash, length) / length), width: width, color: color)
            s += dash + gap
        }
    }

    private func text(_ string: String, at: Point, size: TextSize, color: Color, align: TextAlign) {
        guard let atlas = atlases[size] else { return }
        let line = drawsTextAsLines && !drawingMesh ? textLines.line(string, size: size) : nil
        let width = line?.advance ?? atlas.measure(string)
        var x = at.x, y = at.y
        switch align {
        case .left: break
        case .center: x -= width / 2
        case .right: x -= width
        case .leftMiddle: y -= atlas.lineHeight / 2
        case .rightMiddle: x -= width; y -= atlas.lineHeight / 2
        case .middle: x -= width / 2; y -= atlas.lineHeight / 2
        }
        x = x.rounded()
        y = y.rounded()
        if let line {
            copyLine(line, x: Int32(x), y: Int32(y), color: color)
            return
        }
        batch.use(atlas.texture.pointer)
        for character in string {
            guard let glyph = atlas.glyph(character) else { continue }
            // A space's glyph is empty, but its quad would still cost llvmpipe two triangles.
            if character == " " {
                x += glyph.advance
                continue
            }
            batch.rect(
                Rect(x: x, y: y, width: glyph.width, height: glyph.height), color: color,
                u0: glyph.u, v0: glyph.v, u1: glyph.u2, v1: glyph.v2)
            x += glyph.advance
        }
    }

    /// A cached line of text, tinted, its top left corner at (x, y): one 1:1 copy.
    private func copyLine(_ line: TextLineCache.Line, x: Int32, y: Int32, color: Color) {
        guard line.source.w > 0 else { return }
        batch.flush()  // what was queued before is drawn first
        var source = line.source
        var target = SDL_Rect(x: x, y: y, w: source.w, h: source.h)
        copiedArea += Double(source.w) * Double(source.h)
        copies += 1
        let tint = SDL_Color(r: color.r, g: color.g, b: color.b, a: color.a)
        if drawsIntoPixels, !drawingMesh, let pixels = canvas.softwarePixels, let kept = textLines.pixels,
            TintedBlend.matchesSDL(.blend, tint: tint)
        {
            // SDL's software renderer copies the line 1:1 through the same blitter (SDL_UpperBlit).
            SDL_RenderFlush(renderer)
            TintedBlend.draw(kept, part: source, onto: pixels, x: Int(x), y: Int(y), tint: tint, mode: .blend)
            drawnIntoPixels.texts += 1
            return
        }
        SDL_SetTextureColorMod(textLines.texture.pointer, color.r, color.g, color.b)
        SDL_SetTextureAlphaMod(textLines.texture.pointer, color.a)
        SDL_RenderCopy(renderer, textLines.texture.pointer, &source, &target)
    }
}
