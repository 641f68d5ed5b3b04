import CSDL2
import Foundation
import Testing
import NeuralCore
import Playback
@testable import Scene
@testable import SDLPlatform
@testable import Session
import TestSupport

/// One SDL system for the whole test process (each canvas holds it too); tests here run one at a time.
let sharedSDL = try! SDLSystem.start(headless: true)
let fontPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Assets/DejaVuSans.ttf").path

/// Draws `frames` in order with one renderer, set up by `configure`, on a new canvas in memory
/// (the software renderer); returns the renderer and the last frame's pixels.
func drawInMemory(
    _ frames: [SceneFrame], width: Int, height: Int, configure: (SceneRenderer) -> Void = { _ in }
) throws -> (renderer: SceneRenderer, pixels: Surface) {
    let canvas = try SurfaceCanvas(system: sharedSDL, width: width, height: height)
    let renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
    configure(renderer)
    for frame in frames { renderer.draw(frame) }
    let surface = try Surface(width: width, height: height)
    try canvas.readPixels(into: surface)
    return (renderer, surface)
}

/// Renders `frame` with the software renderer and returns the pixels.
func render(_ frame: SceneFrame, width: Int, height: Int) throws -> Surface {
    try drawInMemory([frame], width: width, height: height).pixels
}

/// Draws frames 0..<count of a session into a new software canvas; returns the renderer.
func renderFrames(_ plan: SessionPlan, _ progress: SessionProgress, count: Int, width: Int, height: Int) throws
    -> SceneRenderer
{
    let canvas = try SurfaceCanvas(system: sharedSDL, width: width, height: height)
    let renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
    for frame in 0..<count {
        renderer.draw(SceneBuilder.build(sceneInput(plan, progress, frame: frame, width: 640, height: 400)))
    }
    return renderer
}

/// A frame of `overlay` alone on black: no synapses, nothing live-only.
func overlayFrame(_ overlay: [DrawCommand]) -> SceneFrame {
    SceneFrame(
        background: Color(0, 0, 0), synapses: .direct([]), overlay: overlay, liveOnly: [],
        hud: HUDValues(
            iteration: 0, keyframe: 0, example: nil, inputs: [], desired: nil, outputs: [], averageError: nil,
            status: ""))
}

/// Pixels of two equally sized surfaces whose colours differ by more than 6 levels in all.
func differingPixels(_ a: Surface, _ b: Surface) -> Int {
    var differing = 0
    for y in 0..<a.height {
        for x in 0..<a.width {
            let p = a.pixel(x: x, y: y), q = b.pixel(x: x, y: y)
            if abs(Int(p.r) - Int(q.r)) + abs(Int(p.g) - Int(q.g)) + abs(Int(p.b) - Int(q.b)) > 6 { differing += 1 }
        }
    }
    return differing
}

func brightness(_ s: Surface, _ p: Point) -> Int {
    let c = s.pixel(x: Int(p.x), y: Int(p.y))
    return Int(c.r) + Int(c.g) + Int(c.b)
}

@Suite(.serialized)
struct RenderTests {
    @Test func glowAroundAnActiveNeuronIsBrighter() throws {
        let (plan, progress) = try finishedSession(keyframes: 8)
        let beat = plan.schedule.beat
        // Hold phase of the trained network: example 2 ([1,0,1] → 1) lights the output, example 0 does not.
        let lit = sceneInput(plan, progress, frame: 23 * beat + beat - 2, width: 640, height: 400)
        let dark = sceneInput(plan, progress, frame: 21 * beat + beat - 2, width: 640, height: 400)
        #expect(lit.state.example == 2 && dark.state.example == 0)
        let centre = lit.layout.centres[2][0]
        let halo = Point(centre.x, centre.y - lit.layout.radius * 1.6)
        let litPixels = try render(SceneBuilder.build(lit), width: 640, height: 400)
        let darkPixels = try render(SceneBuilder.build(dark), width: 640, height: 400)
        #expect(
            brightness(litPixels, halo) > brightness(darkPixels, halo) + 60,
            "halo \(brightness(litPixels, halo)) vs \(brightness(darkPixels, halo))")
        #expect(brightness(litPixels, centre) > brightness(darkPixels, centre) + 150)
    }

    @Test func synapsePixelsHaveTheirSignsHue() throws {
        let (plan, progress) = try finishedSession(keyframes: 8)
        let input = sceneInput(
            plan, progress, frame: 7 * plan.schedule.beat + plan.schedule.beat - 1, width: 640, height: 400)
        let network = input.displayedNetwork
        let pixels = try render(SceneBuilder.build(input), width: 640, height: 400)
        // The hidden → output synapses do not cross each other; sample each near its middle.
        var checked = 0
        for j in 0..<4 {
            let w = network.weight(layer: 1, to: 0, from: j)
            guard abs(w) > network.largestWeightMagnitude * 0.3 else { continue }
            let p = input.layout.centres[1][j].lerp(to: input.layout.centres[2][0], 0.35)
            let c = pixels.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded()))
            if w > 0 {
                #expect(Int(c.g) > Int(c.r) + 40, "positive synapse \(j) at \(p): \(c)")
            } else {
                #expect(Int(c.r) > Int(c.g) + 40, "negative synapse \(j) at \(p): \(c)")
            }
            checked += 1
        }
        #expect(checked >= 2)
    }

    @Test func textIsDrawnFromTheGlyphAtlas() throws {
        let frame = overlayFrame([
            .text("iteration 42", at: Point(10, 10), size: .large, color: Color(255, 255, 255), align: .left)
        ])
        let pixels = try render(frame, width: 200, height: 50)
        var lit = 0
        for y in 10..<34 { for x in 10..<140 where brightness(pixels, Point(Double(x), Double(y))) > 300 { lit += 1 } }
        #expect(lit > 80, "only \(lit) bright text pixels")
        #expect(brightness(pixels, Point(190, 45)) == 0)
    }

    /// On llvmpipe a triangle costs about a microsecond whatever its size, and a fan of thin
    /// wedges shades its edge blocks once per wedge: a 16-gon sprite cost twice a square's time.
    @Test func glowsAndDiscsAreSquaresOfTwoTriangles() throws {
        let white = Color(255, 255, 255)
        let frame = overlayFrame([
            .glow(center: Point(50, 50), radius: 40, color: white),
            .disc(center: Point(150, 50), radius: 30, fill: white, rim: Color(128, 128, 128)),
            .disc(center: Point(250, 50), radius: 30, fill: white, rim: nil),
        ])
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 300, height: 100)
        let renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
        renderer.draw(frame)
        #expect(renderer.trianglesDrawn == 2 + 4 + 2)
        let surface = try Surface(width: 300, height: 100)
        try canvas.readPixels(into: surface)
        // Round all the same: the square's corners hold nothing.
        #expect(brightness(surface, Point(250, 50)) > 600)
        #expect(brightness(surface, Point(250 - 27, 50 - 27)) == 0)
        #expect(brightness(surface, Point(50, 50)) > brightness(surface, Point(50, 80)))
        #expect(brightness(surface, Point(50 - 33, 50 - 33)) == 0)
    }

    /// A rimmed disc a few pixels across (64 neurons in a column) is one sprite in the average of
    /// rim and fill by area, not two.
    @Test func smallRimmedDiscsAreOneSprite() throws {
        let rim = Color(128, 128, 128), fill = Color(255, 200, 0)
        let frame = overlayFrame([.disc(center: Point(20, 20), radius: 2.5, fill: fill, rim: rim)])
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 40, height: 40)
        let renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
        renderer.draw(frame)
        #expect(renderer.trianglesDrawn == 2)
        let surface = try Surface(width: 40, height: 40)
        try canvas.readPixels(into: surface)
        // The inner disc of radius 1.3 is 27 % of the area: warmer than the rim, greyer than the fill.
        let centre = surface.pixel(x: 20, y: 20)
        #expect(Int(centre.r) > Int(centre.b) + 20 && centre.g < 200)
    }
    /// A picture the frame before uploaded is copied again without uploading it (a map's field
    /// holds still between eases); a changed one is uploaded, and the frame shows it.
    @Test func anUnchangedPictureIsNotUploadedAgain() throws {
        func frame(_ shade: UInt8) -> SceneFrame {
            let field = PixelImage(width: 4, height: 4, pixels: Array(repeating: Color(shade, 0, 0), count: 16))
            let legend = PixelImage(width: 4, height: 4, pixels: Array(repeating: Color(0, 0, 200), count: 16))
            return overlayFrame([
                .image(field, in: Rect(x: 0, y: 0, width: 20, height: 20)),
                .image(legend, in: Rect(x: 20, y: 0, width: 20, height: 20)),
            ])
        }
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 40, height: 20)
        let renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
        renderer.draw(frame(100))
        renderer.draw(frame(100))
        #expect(renderer.imagesUploaded == 2)
        renderer.draw(frame(220))
        #expect(renderer.imagesUploaded == 3)
        let surface = try Surface(width: 40, height: 20)
        try canvas.readPixels(into: surface)
        #expect(surface.pixel(x: 10, y: 10).r == 220 && surface.pixel(x: 30, y: 10).b == 200)
    }

    @Test func cachedSynapseLayersAreDrawnOncePerKeyframe() throws {
        let (plan, progress) = try finishedSession { model, schedule in
            model.dataSet = "circle"; model.layers = [2, 64, 32, 1]; model.iterations = 3; schedule.keyframes = 4
        }
        let renderer = try renderFrames(plan, progress, count: 2 * plan.schedule.beat, width: 640, height: 400)
        // Keyframes 0, 1 and 2 (the second beat eases into keyframe 2): three layers drawn, not sixty;
        // the ones the eases need were drawn ahead, in slices (keyframe 3's is still unfinished).
        #expect(renderer.synapseLayersDrawn == 3)
    }

    /// Home returns to the first keyframe: its layer stays cached however far the session went.
    @Test func restartingFindsTheFirstLayerStillCached() throws {
        let (plan, progress) = try finishedSession { model, schedule in
            model.dataSet = "circle"; model.layers = [2, 64, 32, 1]; model.iterations = 30; schedule.keyframes = 8
        }
        let renderer = try renderFrames(plan, progress, count: 6 * plan.schedule.beat, width: 640, height: 400)
        let drawn = renderer.synapseLayersDrawn
        #expect(drawn >= 6)
        renderer.draw(SceneBuilder.build(sceneInput(plan, progress, frame: 0, width: 640, height: 400)))
        #expect(renderer.synapseLayersDrawn == drawn, "the first keyframe's layer was drawn again")
    }

    /// In the live window a layer the frame needs but the cache lacks (the first, or after a
    /// jump) is drawn into the cache `linesPerFrame` lines a frame, never all in one frame.
    @Test func aMissingLayerIsCompletedOverFramesWhenAsked() throws {
        let (plan, progress) = try finishedSession { model, schedule in
            model.dataSet = "circle"; model.layers = [2, 64, 64, 1]; model.iterations = 3; schedule.keyframes = 4
        }
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 640, height: 400)
        let first = SceneBuilder.build(sceneInput(plan, progress, frame: 0, width: 640, height: 400))
        guard case let .cached(layer, _, _, _) = first.synapses else {
            Issue.record("2-64-64-1 is drawn from cached layers")
            return
        }
        let lines = layer.commands.count
        #expect(lines > 2 * 300 && lines <= 3 * 300, "\(lines) lines: three frames' worth")
        let renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
        renderer.completesMissingLayersOverFrames = true
        for frame in 1...3 {
            renderer.draw(first)
            #expect(renderer.synapseLayersDrawn == (frame == 3 ? 1 : 0), "after frame \(frame)")
        }
        let atOnce = try SceneRenderer(canvas: canvas, fontPath: fontPath)
        atOnce.draw(first)
        #expect(atOnce.synapseLayersDrawn == 1, "by default a missing layer is drawn whole at once")
    }

    @Test func anEaseThatStartsBeforeItsLayerIsDrawnAheadFinishesIt() throws {
        let (plan, progress) = try finishedSession { model, schedule in
            model.dataSet = "circle"; model.layers = [2, 64, 64, 1]; model.iterations = 3; schedule.keyframes = 4;
            schedule.beat = 4
        }
        // 4,288 lines and only three frames before each ease, two of them slack: drawn at once.
        let renderer = try renderFrames(plan, progress, count: 4 * plan.schedule.beat, width: 320, height: 240)
        #expect(renderer.synapseLayersDrawn == 4)
    }

    /// A cached layer is copied only inside its bounds; the frame must equal one that draws the
    /// same lines directly (the bounds hold every line, to its soft edge).
    @Test func aCachedLayerLooksLikeTheLinesDrawnDirectly() throws {
        let (plan, progress) = try finishedSession { model, schedule in
            model.dataSet = "circle"; model.layers = [2, 64, 32, 1]; model.iterations = 3; schedule.keyframes = 4
        }
        let cached = SceneBuilder.build(
            sceneInput(plan, progress, frame: plan.schedule.beat + 1, width: 640, height: 400))
        guard case let .cached(layer, nil, _, _) = cached.synapses else {
            Issue.record("expected a cached layer alone"); return
        }
        var direct = cached
        direct.synapses = .direct(layer.commands)
        let differing = differingPixels(
            try render(cached, width: 640, height: 400), try render(direct, width: 640, height: 400))
        #expect(differing == 0, "\(differing) pixels differ between the cached and the direct drawing")
    }

    /// An image network's first lines start under its pad, which is painted over them opaquely:
    /// the layer's copy skips the pad, and the frame is the same as drawing every line directly.
    @Test func aLayerCopyLeavesOutThePadAndLooksTheSame() throws {
        let (plan, progress) = try finishedSession { model, schedule in
            model.dataSet = "digits"; model.iterations = 1; schedule.keyframes = 4
            model.digitGlyphs = (0..<10).map { k in
                CoverageImage(
                    width: 20, height: 30,
                    values: (0..<600).map { p in (p % 20 >= k && p % 20 < k + 6 && p / 20 < 12 + 2 * k) ? 1 : 0 })
            }
        }
        var input = sceneInput(plan, progress, frame: plan.schedule.beat + 1, width: 640, height: 400)
        input.layout = SceneLayout(
            layerSizes: plan.initialNetwork.layout.layerSizes, width: 640, height: 400, image: plan.dataSet.imageShape)
        let cached = SceneBuilder.build(input)
        guard case let .cached(layer, nil, _, _) = cached.synapses, let covered = layer.covered,
            let pad = input.layout.padArea
        else {
            Issue.record("expected a cached layer alone, with the pad covered"); return
        }
        #expect(pad.contains(covered) && covered.width >= pad.width - 2 && covered.height >= pad.height - 2)
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 640, height: 400)
        let renderer = try SceneRenderer(canvas: canvas, fontPath: fontPath)
        var copyOnly = cached
        copyOnly.overlay = []
        renderer.draw(copyOnly)  // draws the layer into its cache, then copies it
        let before = renderer.pixelsFilled
        renderer.draw(copyOnly)
        // The bounds (widened to whole pixels) less the pad's part of them.
        let bounds = layer.bounds, copied = renderer.pixelsFilled - before
        let holeWidth = max(min(bounds.maxX, covered.maxX) - max(bounds.x, covered.x), 0)
        let holeHeight = max(min(bounds.maxY, covered.maxY) - max(bounds.y, covered.y), 0)
        let expected = bounds.width * bounds.height - holeWidth * holeHeight
        #expect(holeWidth * holeHeight > 0.5 * covered.width * covered.height)
        #expect(abs(copied - expected) < 2 * (bounds.width + bounds.height) + 4, "copied \(copied), not \(expected)")
        var direct = cached
        direct.synapses = .direct(layer.commands)
        let differing = differingPixels(
            try render(cached, width: 640, height: 400), try render(direct, width: 640, height: 400))
        #expect(differing == 0, "\(differing) pixels differ between the cached and the direct drawing")
    }

    /// A copy less a hole: pieces inside the area, clear of the hole and of each other, covering
    /// the rest exactly.
    @Test func copyPiecesCoverTheAreaLessTheHole() {
        let area = SDL_Rect(x: 10, y: 20, w: 300, h: 200)
        let holes: [SDL_Rect?] = [
            nil, SDL_Rect(x: 50, y: 60, w: 40, h: 30), SDL_Rect(x: 0, y: 0, w: 100, h: 500),
            SDL_Rect(x: 400, y: 0, w: 10, h: 10), SDL_Rect(x: 10, y: 20, w: 300, h: 200),
        ]
        for hole in holes {
            let pieces = SceneRenderer.pieces(of: area, without: hole)
            for y in stride(from: 0, to: 240, by: 3) {
                for x in stride(from: 0, to: 330, by: 3) {
                    func inside(_ r: SDL_Rect) -> Bool {
                        x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h
                    }
                    let wanted = inside(area) && !(hole.map(inside) ?? false)
                    #expect(
                        pieces.filter(inside).count == (wanted ? 1 : 0), "(\(x), \(y)) hole \(String(describing: hole))"
                    )
                }
            }
        }
    }
}

@Suite(.serialized)
struct FrameRecorderTests {
    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "neuroglow-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writesWhole24BitFramesInOrder() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 160, height: 120)
        let recorder = FrameRecorder(sink: try BMPSequence(directory: directory), canvas: canvas)
        for _ in 0..<20 { #expect(recorder.capture(from: canvas)) }
        recorder.finish()
        #expect(recorder.writtenFrames == 20 && recorder.failure == nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == (0..<20).map(FrameRecorder.fileName))
        let frame = try Surface(bmpPath: directory + "/frame_000019.bmp")
        #expect(frame.width == 160 && frame.height == 120 && frame.bitsPerPixel == 24)
    }

    @Test func aFolderRemovedMidwayStopsTheRecordingAndKeepsWholeFrames() throws {
        let directory = temporaryDirectory()
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 160, height: 120)
        let recorder = FrameRecorder(sink: try BMPSequence(directory: directory), canvas: canvas)
        for _ in 0..<5 { recorder.capture(from: canvas) }
        recorder.finish()
        try FileManager.default.removeItem(atPath: directory)
        var accepted = 0
        for _ in 0..<20 where recorder.capture(from: canvas) { accepted += 1 }
        recorder.finish()
        #expect(recorder.failure != nil && recorder.writtenFrames == 5)
        #expect(!recorder.capture(from: canvas))
    }

    /// A folder of files is written by two writers at once, frames finishing out of order; a
    /// failure still leaves frames 0…n−1 and nothing after them.
    @Test func independentFramesAreWrittenTwoAtATimeAndAFailureLeavesNoGap() throws {
        let canvas = try SurfaceCanvas(system: sharedSDL, width: 16, height: 12)
        let sink = FailingAfterTheNextSink(failing: 8)
        let recorder = FrameRecorder(sink: sink, canvas: canvas)
        for _ in 0..<20 { recorder.capture(from: canvas) }
        recorder.finish()
        #expect(sink.mostAtOnce == 2)
        #expect(recorder.failure == "frame 8: no room" && recorder.writtenFrames == 8)
        #expect(sink.frames == Set(0..<8) && sink.removed.contains(9) && sink.removed.allSatisfy { $0 > 8 })
    }
}

/// A sink whose frame `failing` fails once the frame after it (on the other writer) is whole,
/// so that one frame is written past the failure; that next frame waits for the failing one to
/// start, so the two are written at once. It counts the frames it held at once.
private final class FailingAfterTheNextSink: FrameSink, @unchecked Sendable {
    let failing: Int
    private let lock = NSLock()
    private let failingStarted = DispatchSemaphore(value: 0), nextWritten = DispatchSemaphore(value: 0)
    private(set) var frames = Set<Int>(), removed: [Int] = []
    private(set) var mostAtOnce = 0
    private var writing = 0

    init(failing: Int) { self.failing = failing }

    var encoding: FrameEncoding? { Encoding() }
    private struct Encoding: FrameEncoding {
        func encode(_ pixels: Surface, into bytes: inout [UInt8]) { bytes = [0] }
    }
    var writesFramesIndependently: Bool { true }

    func write(_ surface: Surface, frame: Int) throws { Issue.record("a surface was written") }

    func write(encoded: [UInt8], frame: Int) throws {
        lock.withLock {
            writing += 1
            mostAtOnce = max(mostAtOnce, writing)
        }
        defer { lock.withLock { writing -= 1 } }
        if frame == failing {
            failingStarted.signal()
            _ = nextWritten.wait(timeout: .now() + 10)
            throw SDLError(message: "frame \(frame): no room")
        }
        if frame == failing + 1 { _ = failingStarted.wait(timeout: .now() + 10) }
        _ = lock.withLock { frames.insert(frame) }
        if frame == failing + 1 { nextWritten.signal() }
    }

    func remove(frame: Int) {
        lock.withLock {
            frames.remove(frame)
            removed.append(frame)
        }
    }

    func finish() {}
}
