import Foundation
import NeuralCore
import Playback
import Scene
import SDLPlatform
import Session

#if canImport(Glibc)
import Glibc
#endif

/// The live window: Input → Update → Draw → Present → Record, once per display frame.
final class LiveApp {
    private let plan: SessionPlan
    private let run: SessionRun
    private let system: SDLSystem
    private let canvas: WindowCanvas
    private let renderer: SceneRenderer
    private let events: EventLog
    private var presenter: FramePresenter
    private var clock = PlaybackClock()
    private var interaction = Interaction()
    private var recording: LiveRecording?
    private let recordDirectory: String?
    private let maximumSeconds: Double?
    private var pacer: FramePacer
    private var lastKeyframeAnnounced = -1
    private var notice: String?
    private var lastFrame: SceneFrame?
    private var minimized = false
    private var divergenceAnnounced = false
    /// What the trainer had produced at this frame's update: one copy per frame, read by the rest.
    private var progress = SessionProgress()
    private let arguments: [String]
    /// For `bench`: print the monotonic time of the first presented frame on stderr.
    private var reportFirstFrame: Bool

    init(plan: SessionPlan, width: Int, height: Int, palette: Palette, dashed: Bool, events: EventLog,
         recordDirectory: String?, recordFromStart: Bool, maximumSeconds: Double?, vsync: Bool, reportFirstFrame: Bool = false, arguments: [String]) throws {
        self.reportFirstFrame = reportFirstFrame
        self.plan = plan
        self.events = events
        self.recordDirectory = recordDirectory
        self.maximumSeconds = maximumSeconds
        self.arguments = arguments
        guard let font = AssetLocator.fontPath() else { throw InputError("cannot find \(AssetLocator.fontName) (set NEUROGLOW_ASSETS to the Assets folder)") }
        system = try SDLSystem(headless: false)
        canvas = try WindowCanvas(title: "neuroglow — \(plan.dataSet.name) \(plan.initialNetwork.layout.layerSizes.map(String.init).joined(separator: "-"))",
                                  width: width, height: height, vsync: vsync)
        renderer = try SceneRenderer(canvas: canvas, fontPath: font)
        presenter = FramePresenter(plan: plan, width: canvas.width, height: canvas.height, palette: palette, dashed: dashed)
        pacer = FramePacer(fps: Double(plan.schedule.fps))
        run = SessionRun(plan: plan)
        report("neuroglow: video driver \(system.videoDriver), renderer \(canvas.rendererName)\(vsync ? ", vsync" : "")")
        if recordFromStart { startRecording() }
    }

    /// Runs until the user quits; returns the exit status.
    func runLoop() -> Int32 {
        installStopHandlers()
        run.start()
        events.layout(presenter.layout)
        let start = Clock.seconds
        var previous = start
        while stopRequested == 0 {
            let now = Clock.seconds
            if let limit = maximumSeconds, now - start >= limit { break }
            if !handleInput() { break }
            update(seconds: now - previous)
            previous = now
            if minimized {
                Clock.sleep(milliseconds: 50)
                continue
            }
            draw()
            record()
            present()
            if let stats = pacer.wait() { reportStats(stats) }
        }
        stopRecording(reason: nil)
        run.stop()
        return 0
    }

    // MARK: Input

    /// Applies this frame's events; false when the user asked to quit.
    private func handleInput() -> Bool {
        let input = EventPump.poll()
        for change in input.windowChanges { events.write("window", [("state", JSONValue(change.rawValue))]) }
        if input.quit { return false }
        if input.minimized { minimized = true }
        if input.restored { minimized = false }
        if input.resized {
            canvas.updateSize()
            presenter.resize(width: canvas.width, height: canvas.height)
            events.layout(presenter.layout)
        }
        for key in input.keys {
            switch key.key {
            case .escape, .letter("q"): return false
            case .space: clock.togglePause()
            case .right where clock.isPaused: clock.step(keyframes: 1, beat: plan.schedule.beat, limit: frameLimit)
            case .left where clock.isPaused: clock.step(keyframes: -1, beat: plan.schedule.beat, limit: frameLimit)
            case .plus: clock.faster()
            case .minus: clock.slower()
            case .home:
                clock.restart()
                lastKeyframeAnnounced = -1
            case .backspace: interaction.userInput = nil
            case .letter("h"), .f1: interaction.showHelp.toggle()
            case .letter("f"): interaction.showFPS.toggle()
            case .letter("p"): presenter.palette = presenter.palette.next
            case .letter("d"): presenter.dashed.toggle()
            case .letter("r"): if recording == nil { startRecording() } else { stopRecording(reason: nil) }
            case .letter("s") where key.control: saveModel()
            case .letter("s"): saveScreenshot()
            default: break
            }
        }
        for click in input.clicks {
            if click.right { interaction.userInput = nil; continue }
            guard let neuron = presenter.layout.neuron(at: Point(click.x, click.y)), neuron.layer == 0 else { continue }
            interaction.toggle(input: neuron.index, current: currentInputs, ranges: plan.dataSet.inputRanges)
            announceInput(neuron: neuron.index)
        }
        for wheel in input.wheel where wheel.steps != 0 {
            guard let neuron = presenter.layout.neuron(at: Point(wheel.x, wheel.y)), neuron.layer == 0 else { continue }
            interaction.nudge(input: neuron.index, steps: wheel.steps, current: currentInputs, ranges: plan.dataSet.inputRanges)
            announceInput(neuron: neuron.index)
        }
        if let pointer = input.pointer {
            let p = Point(pointer.x, pointer.y)
            if let neuron = presenter.layout.neuron(at: p) {
                interaction.hovered = .neuron(neuron)
            } else if let synapse = presenter.layout.synapse(at: p) {
                interaction.hovered = .synapse(synapse)
            } else {
                interaction.hovered = nil
            }
        }
        return true
    }

    /// The inputs on screen now: the user's, or the current training example's.
    private var currentInputs: [Double] {
        lastFrame?.hud.inputs ?? plan.dataSet.input(0)
    }

    private func announceInput(neuron: Int) {
        guard let values = interaction.userInput else { return }
        let scene = presenter.sceneInput(progress: progress, frame: clock.frame)
        let outputs = scene.displayedNetwork.predict(values)
        events.write("input", [("neuron", JSONValue(neuron)), ("inputs", JSONValue(values)), ("outputs", JSONValue(outputs))])
    }

    // MARK: Update

    /// The last frame the trainer's output allows, from this frame's progress.
    private var frameLimit: Int { progress.frameLimit(timeline: plan.timeline) }

    private func update(seconds: Double) {
        progress = run.progress
        // While recording, the clock moves exactly one frame per presented frame (in `record`), so
        // a recording holds every frame index once, as the headless recorder does.
        if recording == nil {
            clock.advance(seconds: min(seconds, 0.25), fps: Double(plan.schedule.fps), limit: frameLimit)
        }
        if let at = progress.divergedAtIteration, !divergenceAnnounced {
            divergenceAnnounced = true
            let message = "the network diverged at iteration \(at) (a loss or weight stopped being a finite number); lower the learning rate"
            events.warning(message)
            report("neuroglow: \(message)")
        }
        let state = plan.timeline.state(atFrame: clock.frame)
        if state.keyframe != lastKeyframeAnnounced, state.keyframe < progress.readyKeyframeCount, !state.isSessionOver {
            lastKeyframeAnnounced = state.keyframe
            events.write("keyframe", [("index", JSONValue(state.keyframe)), ("frame", JSONValue(clock.frame)),
                                      ("iteration", JSONValue(progress.keyframeIterations?[state.keyframe] ?? 0)),
                                      ("example", JSONValue(state.example)), ("loss", JSONValue(progress.keyframeLosses[state.keyframe]))])
        }
    }

    // MARK: Draw, record, present

    private func draw() {
        let waiting = !progress.isFinished && clock.frame >= frameLimit
        let scene = presenter.sceneInput(progress: progress, frame: clock.frame) { input in
            input.isWaitingForTrainer = waiting
            input.userInput = interaction.userInput
            input.hovered = interaction.hovered
            input.showHelp = interaction.showHelp
            input.showFPS = interaction.showFPS
            input.framesPerSecond = pacer.measuredFPS
            input.isPaused = clock.isPaused
            input.speed = clock.speed
            input.recordedFrames = recording?.recorder.capturedFrames
            input.notice = notice
        }
        let frame = SceneBuilder.build(scene)
        renderer.draw(frame)
        lastFrame = frame
    }

    /// Captures this frame if its session frame is not in the recording yet: while the clock
    /// cannot move (paused, or waiting for the trainer) nothing is written again, so file k is
    /// session frame `first_session_frame + k`, as in a headless recording.
    private func record() {
        guard let recording else { return }
        if recording.lastSessionFrame != clock.frame {
            if !recording.recorder.capture(from: canvas) || recording.recorder.failure != nil {
                stopRecording(reason: recording.recorder.failure ?? "recording failed")
            }
            self.recording?.lastSessionFrame = clock.frame
        }
        clock.advanceOneFrame(limit: frameLimit)
    }

    private func present() {
        if let lastFrame { renderer.drawLiveOnly(lastFrame) }
        canvas.present()
        if reportFirstFrame {
            report("first frame at \(monotonicSeconds())")
            reportFirstFrame = false
        }
    }

    /// The `stats` event: the frame rate and how long frames took to make (input to present),
    /// over the last `FramePacer.statsInterval` frames, with the process's resident memory.
    private func reportStats(_ frameTimes: Summary) {
        events.write("stats", [("frames", JSONValue(pacer.framesPresented)), ("fps", JSONValue(pacer.measuredFPS)),
                               ("frame_ms_median", JSONValue(frameTimes.median)), ("frame_ms_p99", JSONValue(frameTimes.p99)),
                               ("frame_ms_max", JSONValue(frameTimes.max)), ("resident_mb", JSONValue(residentMegabytes()))])
    }

    // MARK: Recording, screenshots, model

    private func startRecording() {
        let directory = recordDirectory ?? "recordings/" + timestamp()
        do {
            let recorder = try FrameRecorder(directory: directory, canvas: canvas)
            let progress = run.progress
            try RecordingManifest(plan: plan, arguments: arguments, width: canvas.width, height: canvas.height, firstSessionFrame: clock.frame)
                .reserve(in: directory, plannedFrames: plan.timeline.frameCount, keyframeIterations: progress.keyframeIterations ?? [],
                         timeline: plan.timeline)
            recording = LiveRecording(recorder: recorder, firstFrame: clock.frame)
            notice = nil
            events.write("record", [("state", JSONValue("started")), ("dir", JSONValue(directory)), ("frames", JSONValue(0))])
            report("neuroglow: recording to \(directory)")
        } catch {
            notice = "cannot record: \(error)"
            events.error("cannot record to \(directory): \(error)")
            report("neuroglow: cannot record to \(directory): \(error)")
        }
    }

    private func stopRecording(reason: String?) {
        guard let recording else { return }
        self.recording = nil
        recording.recorder.finish()
        let written = recording.recorder.writtenFrames
        let why = reason ?? recording.recorder.failure
        let manifest = RecordingManifest(plan: plan, arguments: arguments, width: canvas.width, height: canvas.height,
                                         firstSessionFrame: recording.firstFrame)
        let progress = run.progress
        do {
            try manifest.write(to: recording.recorder.directory, frames: written, keyframeIterations: progress.keyframeIterations ?? [],
                               timeline: plan.timeline, stoppedBecause: why)
        } catch {
            report("neuroglow: \(error)")
        }
        var fields: [(String, JSONValue)] = [("state", JSONValue("stopped")), ("dir", JSONValue(recording.recorder.directory)),
                                             ("frames", JSONValue(written))]
        fields.append(("reason", why.map(JSONValue.init) ?? .null))
        events.write("record", fields)
        if let why {
            notice = "recording stopped: \(why)"
            events.error("recording stopped: \(why)")
            report("neuroglow: recording stopped after \(written) frames: \(why)")
        } else {
            report("neuroglow: recorded \(written) frames to \(recording.recorder.directory)")
        }
    }

    private func saveScreenshot() {
        let path = "neuroglow-frame-" + String(format: "%06d", clock.frame) + ".bmp"
        do {
            let surface = try Surface(width: canvas.width, height: canvas.height)
            draw()
            try canvas.readPixels(into: surface)
            try surface.saveBMP(to: path)
            report("neuroglow: saved \(path)")
        } catch {
            report("neuroglow: cannot save \(path): \(error)")
        }
    }

    private func saveModel() {
        let scene = presenter.sceneInput(progress: progress, frame: clock.frame)
        let path = "neuroglow-model-\(scene.shownIteration).json"
        do {
            try ModelFile.encode(scene.displayedNetwork).write(toFile: path, atomically: true, encoding: .utf8)
            report("neuroglow: saved the model to \(path)")
        } catch {
            report("neuroglow: cannot save \(path): \(error.localizedDescription)")
        }
    }

    private func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
        return formatter.string(from: Date())
    }
}

/// A recording in progress in the live window.
struct LiveRecording {
    let recorder: FrameRecorder
    let firstFrame: Int
    /// The session frame captured last, if any.
    var lastSessionFrame: Int?
}

/// The process's resident memory now (VmRSS), in MB; 0 where /proc is missing.
func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kilobytes / 1024
}
