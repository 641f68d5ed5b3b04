import ArgumentParser
import Dispatch
import FoundationEssentials
import NeuralCore
import Playback
import Scene
import SDLPlatform
import Session

/// `neuroglow bench`: every performance figure, measured the same way every time: repeated runs
/// after a warm-up, reported as median with spread.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract:
            "Measure training, scene, render, map, image, compare, scrub, record, video, startup, memory and live.")

    @Flag(help: "Print one JSON object.")
    var json = false
    @Flag(help: "A short run (for CI): fewer repetitions and frames, and no live figure unless --only names it.")
    var quick = false
    @Option(help: "Folder for the recording benchmark (default: a new folder in /dev/shm, else the temporary folder).")
    var dir: String?

    @Option(help: "Only these figures, comma-separated: \(Self.figures.joined(separator: ",")).")
    var only: String?

    static let shapes: [[Int]] = [[3, 4, 1], [8, 8, 8, 8, 2], [64, 32, 32, 10], [784, 64, 10]]
    static let figures = [
        "train", "scene", "render", "map", "image", "compare", "scrub", "record", "video", "startup", "memory", "live",
    ]

    /// The figures asked for, in the order they are measured. A quick run leaves out `live`,
    /// which needs half a minute of a window to measure anything, unless `--only` names it.
    private func selectedFigures() throws -> [String] {
        guard let only else { return quick ? Self.figures.filter { $0 != "live" } : Self.figures }
        let asked = only.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmed
        }
        for name in asked where !Self.figures.contains(name) {
            throw ValidationError(
                "--only \(only): '\(name)' is not a figure; expected a comma-separated list of "
                    + "\(Self.figures.joined(separator: ", "))"
            )
        }
        return Self.figures.filter(asked.contains)
    }

    mutating func run() throws {
        let figures = try selectedFigures()
        var results: [(String, JSONValue)] = [
            ("date", JSONValue(SystemCalls.now("%Y-%m-%dT%H:%M:%SZ", utc: true))), ("machine", machine()),
        ]
        var lines: [String] = []
        func add(_ key: String, _ value: JSONValue, _ text: String) {
            results.append((key, value))
            lines.append(text)
            if !json { print(text) }
        }
        // The figures drawn in a window share one SDL session: connecting to the X server for
        // each (and dropping it after, which makes Xvfb reset) now and then found it not
        // answering under load. The recording figures after them run SDL headless.
        var windowSession: SDLSystem?
        for figure in figures {
            if Self.windowFigures.contains(figure), hasDisplay {
                windowSession = try windowSession ?? benchCanvasSystem()
            } else {
                windowSession = nil
            }
            let before = ProcessorTimes.now()
            let (value, text) =
                switch figure {
                case "train": benchTrain()
                case "scene": try benchScene()
                case "render": try benchRender()
                case "map": try benchMap()
                case "image": try benchImage()
                case "compare": try benchCompare()
                case "scrub": try benchScrub()
                case "record": try benchRecord()
                case "video": try benchVideo()
                case "startup": try benchStartup()
                case "memory": try benchMemory()
                default: try benchLive()
                }
            let steal = before.flatMap { ProcessorTimes.now()?.stealPercent(since: $0) }
            add(figure, Self.adding(steal, to: value), text + (steal.map { "  [host steal \(format($0, 1)) %]" } ?? ""))
        }
        withExtendedLifetime(windowSession) {}
        if json { print(JSONValue.object(results).text) }
    }

    /// A figure's fields with `host_steal_percent` appended: the share of the machine's processor
    /// time the hypervisor gave to other guests while it was measured (`ProcessorTimes`).
    static func adding(_ steal: Double?, to figure: JSONValue) -> JSONValue {
        guard let steal, case let .object(fields) = figure else { return figure }
        return .object(fields + [("host_steal_percent", JSONValue(steal))])
    }

    /// The figures that draw in a window when DISPLAY is set.
    static let windowFigures: Set<String> = ["render", "map", "image", "compare", "scrub"]
    private var hasDisplay: Bool { !(ProcessInfo.processInfo.environment["DISPLAY"] ?? "").isEmpty }

    private func machine() -> JSONValue {
        let cpu =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last.map { $0.trimmed } ?? "unknown"
        return .object([
            ("cores", JSONValue(ProcessInfo.processInfo.activeProcessorCount)), ("cpu", JSONValue(cpu)),
            ("display", JSONValue(ProcessInfo.processInfo.environment["DISPLAY"] ?? "")),
        ])
    }

    func summaryJSON(_ s: Summary, unit: String, adding extra: [(String, JSONValue)] = []) -> JSONValue {
        .object(
            [
                ("median", JSONValue(s.median)), ("min", JSONValue(s.min)), ("max", JSONValue(s.max)),
                ("p99", JSONValue(s.p99)),
                ("samples", JSONValue(s.count)), ("unit", JSONValue(unit)),
            ] + extra)
    }

    static func plan(shape: [Int], iterations: Int, keyframes: Int) -> SessionPlan {
        let data =
            shape == [3, 4, 1]
            ? BuiltInDataSets.named("xor3")! : BenchDataSets.lifted(inputs: shape.first!, outputs: shape.last!)
        let network = Network(
            layerSizes: shape, hidden: .sigmoid, output: .sigmoid, usesBias: shape != [3, 4, 1], seed: 1)
        var schedule = ScheduleOptions()
        schedule.keyframes = keyframes
        schedule.mode = .geometric
        let learningRate = shape == [3, 4, 1] ? 1.0 : 0.1
        return SessionPlan(
            dataSet: data, initialNetwork: network, training: TrainingOptions(learningRate: learningRate),
            iterations: iterations, schedule: schedule)
    }

    /// Time to build one frame's scene (no drawing).
    private func benchScene() throws -> (JSONValue, String) {
        var fields: [(String, JSONValue)] = []
        var text = "scene build (ms, median / p99):"
        for shape in Self.shapes {
            let s = frameTimes(shape: shape, width: 1280, height: 720, frames: quick ? 90 : 360, warmUp: 10) { input in
                _ = SceneBuilder.build(input)
            }
            fields.append((Self.name(shape), summaryJSON(s, unit: "ms")))
            text += "  \(Self.name(shape)) \(format(s.median, 3)) / \(format(s.p99, 3))"
        }
        for plan in try imagePlans() {
            let s = frameTimes(of: plan, width: 1280, height: 720, frames: quick ? 90 : 360, warmUp: 10) { input in
                _ = SceneBuilder.build(input)
            }
            let label = "\(plan.dataSet.name) \(Self.name(plan.initialNetwork.layout.layerSizes))"
            fields.append((label, summaryJSON(s, unit: "ms")))
            text += "  \(label) \(format(s.median, 3)) / \(format(s.p99, 3))"
        }
        return (.object(fields), text)
    }

    /// A 1280x720 canvas: a window when DISPLAY is set (Xvfb counts), else an offscreen surface.
    /// A DISPLAY that does not answer is an error: SDL would fall back to its offscreen driver,
    /// whose figures are nothing like a window's, and they would be reported as a window's.
    func benchCanvas() throws -> (system: SDLSystem, canvas: Canvas, hasDisplay: Bool) {
        let system = try benchCanvasSystem()
        let canvas: Canvas =
            hasDisplay
            ? try WindowCanvas(system: system, title: "neuroglow bench", width: 1280, height: 720, vsync: false)
            : try SurfaceCanvas(system: system, width: 1280, height: 720)
        return (system, canvas, hasDisplay)
    }

    /// SDL with a display when DISPLAY is set, else headless.
    private func benchCanvasSystem() throws -> SDLSystem {
        let system = try SDLSystem.start(headless: !hasDisplay)
        if hasDisplay, !system.hasDisplay {
            throw NoDisplayError(
                videoDriver: system.videoDriver, remedy: "Unset DISPLAY to measure on an offscreen surface instead.")
        }
        return system
    }

    /// Frame time (build + draw + present) with vsync off, in a window when DISPLAY is set
    /// (Xvfb counts), else on an offscreen surface.
    private func benchRender() throws -> (JSONValue, String) {
        guard let font = AssetLocator.fontPath() else { throw ValidationError("cannot find \(AssetLocator.fontName)") }
        let (system, canvas, hasDisplay) = try benchCanvas()
        var fields: [(String, JSONValue)] = [
            ("target", JSONValue(hasDisplay ? "window" : "offscreen surface")),
            ("video_driver", JSONValue(system.videoDriver)), ("renderer", JSONValue(canvas.rendererName)),
        ]
        var text =
            "render (\(hasDisplay ? "window" : "offscreen"), \(system.videoDriver)/\(canvas.rendererName), vsync "
            + "off; ms median / p99 (megapixels, triangles)):"
        for shape in Self.shapes {
            let renderer = try SceneRenderer(canvas: canvas, fontPath: font)
            let frames = quick ? 120 : 600, warmUp = 20
            var counts: [FrameCosts.Counts] = []
            let s = frameTimes(shape: shape, width: canvas.width, height: canvas.height, frames: frames, warmUp: warmUp)
            {
                input in
                drawFrame(input, with: renderer, on: canvas)
                counts.append(FrameCosts.Counts(renderer))
            }
            let costs = FrameCosts(times: s, since: counts[warmUp - 1], now: counts.last!, frames: frames)
            fields.append((Self.name(shape), costs.json(self)))
            text += costs.text(Self.name(shape))
        }
        return (.object(fields), text)
    }

    /// Frame time while the timeline is dragged from one end to the other over a session of 120
    /// keyframes, paused as when scrubbing: every frame may show another keyframe.
    private func benchScrub() throws -> (JSONValue, String) {
        guard let font = AssetLocator.fontPath() else { throw ValidationError("cannot find \(AssetLocator.fontName)") }
        let (_, canvas, hasDisplay) = try benchCanvas()
        var fields: [(String, JSONValue)] = []
        var text =
            "scrub (drag end to end over 120 keyframes, \(hasDisplay ? "window" : "offscreen"); ms median / p99):"
        for shape in [[3, 4, 1], [784, 64, 10]] {
            let renderer = try SceneRenderer(canvas: canvas, fontPath: font)
            let plan = Self.plan(shape: shape, iterations: shape == [3, 4, 1] ? 60_000 : 120, keyframes: 120)
            let run = SessionRun(plan: plan)
            run.run()
            let progress = run.progress
            let presenter = FramePresenter(
                plan: plan, width: canvas.width, height: canvas.height, palette: Palette(.video), dashed: false,
                widths: .session)
            let strip = presenter.sceneInput(progress: progress, frame: 0).timelineStrip
            let steps = quick ? 120 : 360
            var times: [Double] = []
            for step in 0..<(steps + 10) {
                let along = Double(max(step - 10, 0)) / Double(steps - 1)  // 10 warm-up frames at the start
                let frame = strip.frame(atX: strip.plot.x + strip.plot.width * along)
                let start = DispatchTime.now().uptimeNanoseconds
                let input = presenter.sceneInput(progress: progress, frame: frame) { input in
                    input.isPaused = true
                    input.isScrubbing = true
                }
                drawFrame(input, with: renderer, on: canvas)
                if step >= 10 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
            }
            let s = Summary(times)
            fields.append((Self.name(shape), summaryJSON(s, unit: "ms")))
            text += "  \(Self.name(shape)) \(format(s.median, 2)) / \(format(s.p99, 2))"
        }
        return (.object(fields), text)
    }

    /// One whole frame as the live window makes it: build, draw, the live-only marks, present,
    /// and the event pump (a window that is not pumped stalls).
    func drawFrame(_ input: SceneInput, with renderer: SceneRenderer, on canvas: Canvas) {
        let built = SceneBuilder.build(input)
        renderer.draw(built)
        renderer.drawLiveOnly(built)
        canvas.present()
        _ = EventPump.poll()
    }

    /// Whole frames (`drawFrame`) of a session playing through its beats, cycling: 600 (120 with
    /// `--quick`) timed after 20 untimed; milliseconds.
    func playbackFrameTimes(
        _ presenter: FramePresenter, progress: SessionProgress, secondProgress: SessionProgress? = nil,
        renderer: SceneRenderer, canvas: Canvas
    ) -> FrameCosts {
        let frames = quick ? 120 : 600, warmUp = 20
        let frameCount = presenter.plan.timeline.frameCount
        var times: [Double] = []
        var before = FrameCosts.Counts(renderer)
        for frame in 0..<(frames + warmUp) {
            if frame == warmUp { before = FrameCosts.Counts(renderer) }
            let start = DispatchTime.now().uptimeNanoseconds
            drawFrame(
                presenter.sceneInput(progress: progress, secondProgress: secondProgress, frame: frame % frameCount),
                with: renderer, on: canvas)
            if frame >= warmUp { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
        }
        return FrameCosts(times: Summary(times), since: before, now: FrameCosts.Counts(renderer), frames: frames)
    }

    /// `plan` trained, then its whole frames timed as `playbackFrameTimes` does, with a renderer
    /// of its own on `canvas`.
    func playbackFrameTimes(of plan: SessionPlan, on canvas: Canvas, font: String) throws -> FrameCosts {
        let run = SessionRun(plan: plan)
        run.run()
        let presenter = FramePresenter(
            plan: plan, width: canvas.width, height: canvas.height, palette: Palette(.video), dashed: false,
            widths: .session)
        let renderer = try SceneRenderer(canvas: canvas, fontPath: font)
        return playbackFrameTimes(presenter, progress: run.progress, renderer: renderer, canvas: canvas)
    }

    static func name(_ shape: [Int]) -> String { shape.map(String.init).joined(separator: "-") }

    /// Runs a short session of `shape` and times `frame` on each of its frames in turn (cycling),
    /// after `warmUp` untimed ones; milliseconds.
    private func frameTimes(
        shape: [Int], width: Int, height: Int, frames: Int, warmUp: Int, frame body: (SceneInput) -> Void
    ) -> Summary {
        frameTimes(
            of: Self.plan(shape: shape, iterations: 20, keyframes: 6), width: width, height: height, frames: frames,
            warmUp: warmUp, frame: body)
    }

    /// `plan` trained, then `frame` timed on each of its frames in turn (cycling), after `warmUp`
    /// untimed ones; milliseconds.
    private func frameTimes(
        of plan: SessionPlan, width: Int, height: Int, frames: Int, warmUp: Int, frame body: (SceneInput) -> Void
    ) -> Summary {
        let run = SessionRun(plan: plan)
        run.run()
        let progress = run.progress
        let presenter = FramePresenter(
            plan: plan, width: width, height: height, palette: Palette(.video), dashed: false, widths: .session)
        var times: [Double] = []
        for frame in 0..<(frames + warmUp) {
            let start = DispatchTime.now().uptimeNanoseconds
            body(presenter.sceneInput(progress: progress, frame: frame % plan.timeline.frameCount))
            if frame >= warmUp { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
        }
        return Summary(times)
    }

    /// Headless 1280x720 recording of the default session, frames per second (training included).
    private func benchRecord() throws -> (JSONValue, String) {
        let base =
            dir ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : SystemCalls.temporaryDirectory)
        let folder = base + "/neuroglow-bench-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try SessionPlan.make(model: ModelOptions())
        let frames = quick ? 300 : plan.timeline.frameCount
        var rates: [Double] = []
        for _ in 0..<(quick ? 1 : 3) {
            try? FileManager.default.removeItem(atPath: folder)
            let manifest = RecordingManifest(plan: plan, arguments: ["bench"], width: 1280, height: 720)
            let recording = try HeadlessRecording(
                plan: plan, manifest: manifest, target: .frames(directory: folder),
                events: try EventLog(destination: nil))
            let result = recording.render(frames: frames, showsProgress: false)
            if let failure = result.failure { throw ValidationError("record benchmark failed: \(failure)") }
            rates.append(Double(result.frames) / result.seconds)
        }
        let s = Summary(rates)
        return (
            .object([
                ("frames_per_second", summaryJSON(s, unit: "frames/s")), ("frames", JSONValue(frames)),
                ("dir", JSONValue(base)),
            ]),
            "record (1280x720 BMP to \(base), \(frames) frames): \(format(s.median, 0)) frames/s "
                + "[\(format(s.min, 0))–\(format(s.max, 0))]"
        )
    }
}
