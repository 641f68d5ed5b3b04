import FoundationEssentials
import Glibc
import NeuralCore
import Playback
import Scene
import SDLPlatform
import Session

/// The live window: Input → Update → Draw → Record → Present, once per display frame.
///
/// Who owns what: Input turns events into changes of the view (`interaction`, `presenter`) and
/// into playback requests; Update alone moves the clock; Draw builds and renders the scene; Record
/// reads the drawn frame back (before Present, which would discard it) and never moves the clock.
final class LiveApp {
    let plan: SessionPlan
    let events: EventLog
    let canvas: WindowCanvas
    let renderer: SceneRenderer
    let run: SessionRun
    /// `--compare`'s second network, keyframed at `run`'s iterations.
    let secondRun: SessionRun?
    /// The drawing pad's brush (image data only).
    let padBrush: PadBrush?
    var presenter: FramePresenter
    var interaction = Interaction()
    var clock = PlaybackClock()
    /// Playback changes asked for by this frame's input, carried out by Update.
    var playbackRequests: [PlaybackRequest] = []
    var recording: LiveRecording?
    /// Explain mode (E), while it is on.
    var explain: LiveExplain?
    /// Whether `--record`'s own recording has been started (later ones get new names).
    var recordedFromStart = false
    let options: LiveOptions
    /// What the trainer had produced at this frame's update: one copy per frame, read by the rest.
    var progress = SessionProgress()
    /// The second network's progress at this frame's update (`--compare`).
    var secondProgress: SessionProgress?
    var notice: String?
    private var pacer: FramePacer
    /// The machine's processor times at the last `stats` event (or the start), for the host's
    /// steal over the frames each event summarises.
    private var processorTimesAtStats = ProcessorTimes.now()
    private var lastKeyframeAnnounced = -1
    private var lastFrame: SceneFrame?
    private var minimized = false
    private var divergenceAnnounced = false
    /// Whether the first frame's time is still to be reported (see `LiveOptions.reportFirstFrame`).
    private var firstFramePending: Bool

    /// Opens the window; throws if there is no display to open it on, or SDL fails.
    init(
        plan: SessionPlan, compared: ComparedPlans? = nil, size: (width: Int, height: Int), view: ViewChoices,
        events: EventLog, options: LiveOptions
    ) throws {
        self.plan = plan
        self.events = events
        self.options = options
        firstFramePending = options.reportFirstFrame
        let font = try AssetLocator.requireFontPath()
        let system = try SDLSystem.start(headless: false)
        guard system.hasDisplay else { throw NoDisplayError(videoDriver: system.videoDriver) }
        let shape = plan.initialNetwork.layout.layerSizes.map(String.init).joined(separator: "-")
        let size =
            options.fitsScreen
            ? WindowCanvas.size(size, fitting: system.usableScreenSize, minimum: ViewArguments.minimumSize) : size
        canvas = try WindowCanvas(
            system: system, title: "neuroglow — \(plan.dataSet.name) \(shape)", width: size.width,
            height: size.height, minimumSize: ViewArguments.minimumSize, vsync: options.vsync)
        renderer = try SceneRenderer(canvas: canvas, fontPath: font)
        presenter = FramePresenter(
            plan: plan, width: canvas.width, height: canvas.height, palette: view.palette, dashed: view.dashed,
            widths: view.widths, compared: compared)
        pacer = FramePacer(fps: Double(plan.schedule.fps))
        let run = SessionRun(plan: plan)
        self.run = run
        secondRun = compared.map { SessionRun(plan: $0.second, following: run) }
        padBrush = Self.brush(for: plan)
        let vsync = options.vsync ? ", vsync" : ""
        report("neuroglow: video driver \(system.videoDriver), renderer \(canvas.rendererName)\(vsync)")
    }

    /// Runs until the user quits; returns the exit status.
    func runLoop() -> Int32 {
        installStopHandlers()
        run.start()
        secondRun?.start()
        events.layout(presenter.layouts)
        if options.recordTarget != nil { startRecording() }
        // Frame times count from here: opening the window and starting the trainer are start-up
        // (`bench --only startup`), not the first frame's work.
        pacer.resumeAfterIdle()
        let start = Clock.seconds
        var previous = start
        while !StopSignal.isRequested {
            let now = Clock.seconds
            if let limit = options.maximumSeconds, now - start >= limit { break }
            guard handleInput() else { break }
            update(seconds: now - previous)
            previous = now
            if minimized {
                Clock.sleep(milliseconds: 50)
                pacer.resumeAfterIdle()
                continue
            }
            draw()
            record()
            present()
            if let frameTimes = pacer.wait() {
                SDLSystem.returnFreeMemory()
                let times = ProcessorTimes.now()
                events.stats(
                    frames: pacer.framesPresented, fps: pacer.measuredFPS, frameTimes: frameTimes,
                    residentMegabytes: residentMegabytes(),
                    hostStealPercent: processorTimesAtStats.flatMap { times?.stealPercent(since: $0) })
                processorTimesAtStats = times
            }
        }
        stopRecording(reason: nil)
        run.stop()
        secondRun?.stop()
        return 0
    }

    // MARK: Update

    /// The last frame the trainer's output allows, from this frame's progress (both trainers'
    /// with `--compare`).
    var frameLimit: Int {
        min(progress.frameLimit(timeline: plan.timeline), secondProgress?.frameLimit(timeline: plan.timeline) ?? .max)
    }

    /// Reads the trainer's progress, carries out the playback requests and moves the clock: by
    /// wall time, or — while recording — by exactly one frame once the current one is recorded,
    /// so a recording holds every frame index once, as the headless recorder does.
    private func update(seconds: Double) {
        progress = run.progress
        secondProgress = secondRun?.progress
        for request in playbackRequests { apply(request) }
        playbackRequests.removeAll()
        advanceExplaining()
        if let recording {
            if recording.holds(frame: clock.frame) { clock.advanceOneFrame(limit: frameLimit) }
        } else {
            clock.advance(seconds: min(seconds, 0.25), fps: Double(plan.schedule.fps), limit: frameLimit)
        }
        if let at = progress.divergedAtIteration, !divergenceAnnounced {
            divergenceAnnounced = true
            let message =
                "the network diverged at iteration \(at) (a loss or weight stopped being a finite number); "
                + "lower the learning rate"
            events.warning(message)
            report("neuroglow: \(message)")
        }
        announceKeyframe()
    }

    private func apply(_ request: PlaybackRequest) {
        let beat = plan.schedule.beat
        switch request {
        case .togglePause: clock.togglePause()
        case .step(let keyframes) where clock.isPaused: clock.step(keyframes: keyframes, beat: beat, limit: frameLimit)
        case .step: break
        case .faster: clock.faster()
        case .slower: clock.slower()
        case .restart:
            clock.restart()
            lastKeyframeAnnounced = -1
        case .jump(let keyframes):
            let k = min(max(clock.frame / beat + keyframes, 0), plan.timeline.keyframeCount - 1)
            seek(toFrame: plan.timeline.firstFrame(ofKeyframe: k))
        case .lastReached:
            seek(toFrame: plan.timeline.firstFrame(ofKeyframe: max(progress.readyKeyframeCount - 1, 0)))
        case .steepestDrop:
            guard let k = progress.steepestDrop?.keyframe else { break }
            seek(toFrame: plan.timeline.firstFrame(ofKeyframe: k))
        case .seek(let frame, let pausing):
            if pausing { clock.pause() }
            seek(toFrame: frame, announcingOnlyChanges: pausing)
        }
    }

    /// Moves the clock to `frame` (clamped to what the trainer allows) and reports it with a
    /// `seek` event (for a drag, only when the frame changes).
    private func seek(toFrame frame: Int, announcingOnlyChanges: Bool = false) {
        let before = clock.frame
        clock.seek(toFrame: frame, limit: frameLimit)
        guard !announcingOnlyChanges || clock.frame != before else { return }
        let keyframe = min(clock.frame / plan.schedule.beat, plan.timeline.keyframeCount - 1)
        events.seek(keyframe: keyframe, frame: clock.frame)
    }

    private func announceKeyframe() {
        let state = plan.timeline.state(atFrame: clock.frame)
        guard state.keyframe != lastKeyframeAnnounced, state.keyframe < progress.readyKeyframeCount,
            !state.isSessionOver
        else { return }
        lastKeyframeAnnounced = state.keyframe
        events.keyframe(
            index: state.keyframe, frame: clock.frame, iteration: progress.keyframeIterations?[state.keyframe] ?? 0,
            example: state.example, loss: progress.keyframeLosses[state.keyframe])
    }

    // MARK: Draw, record, present

    /// Whether playback is held at the last frame the trainer allows (the picture says
    /// "training…").
    private var isWaitingForTrainer: Bool { !progress.isFinished && clock.frame >= frameLimit }

    /// This frame's scene input, with the user's view of it.
    func sceneInput() -> SceneInput {
        let waiting = isWaitingForTrainer
        return presenter.sceneInput(progress: progress, secondProgress: secondProgress, frame: clock.frame) { input in
            input.isWaitingForTrainer = waiting
            input.userInput = interaction.userInput
            input.hovered = interaction.hovered
            input.comparison?.hoversSecond = interaction.hoveredNetwork == 1
            input.comparison?.explainsSecond = explain?.network == 1
            input.showHelp = interaction.showHelp
            input.showFPS = interaction.showFPS
            input.framesPerSecond = pacer.measuredFPS
            input.isPaused = clock.isPaused
            input.isScrubbing = interaction.isScrubbing
            input.speed = clock.speed
            input.recordedFrames = recording?.capturedFrames
            input.notice = notice
            input.explain = explain?.view
        }
    }

    func draw() {
        let frame = SceneBuilder.build(sceneInput())
        renderer.completesMissingLayersOverFrames = recording == nil
        renderer.draw(frame)
        lastFrame = frame
    }

    /// Captures the drawn frame if its session frame is not in the recording yet and its
    /// picture is final: not while the weight scale is still provisional, nor while playback
    /// waits for the trainer (the frame says "training…"; it is recorded once the trainer has
    /// gone past it, as the headless recorder draws it).
    private func record() {
        guard let recording, !progress.isWeightScaleProvisional, !isWaitingForTrainer,
            let failure = recording.capture(frame: clock.frame, from: canvas)
        else { return }
        stopRecording(reason: failure)
    }

    private func present() {
        if let lastFrame { renderer.drawLiveOnly(lastFrame) }
        canvas.present()
        if firstFramePending {
            report("first frame at \(monotonicSeconds())")
            firstFramePending = false
        }
    }

    // MARK: Window

    /// Follows what the window manager did: minimised or hidden windows draw nothing; a resize
    /// lays the picture out anew (and says so in the log) and ends a recording, whose frames all
    /// keep the size it started with.
    func follow(_ input: InputEvents) {
        for change in input.windowChanges { events.window(change.rawValue) }
        if input.minimized { minimized = true }
        if input.restored { minimized = false }
        if input.resized {
            canvas.updateSize()
            presenter.resize(width: canvas.width, height: canvas.height)
            events.layout(presenter.layouts)
            if let recording, !recording.fits(canvas) {
                stopRecording(
                    reason: "the window was resized to \(canvas.width)×\(canvas.height) and a recording keeps "
                        + "one frame size (\(recording.frameSize)); press R to record at the new size")
            }
        }
    }
}

/// How the live window runs, from the command line.
struct LiveOptions {
    /// What `--record` named: the first recording, from the first frame; later ones (R) are of the
    /// same kind under `recordings/`. nil: R records `recordings/<date-time>.mp4`.
    var recordTarget: RecordingTarget?
    /// A video's quality (`--crf`).
    var crf: Int?
    /// Quit after this long (`--seconds`).
    var maximumSeconds: Double?
    var vsync = true
    /// For `bench`: print the monotonic time of the first presented frame on stderr.
    var reportFirstFrame = false
    /// The command line, for recording manifests.
    var arguments: [String] = []
    /// Whether the window is made smaller where the screen is (no --size and no --record gave
    /// its size).
    var fitsScreen = false
}

/// The palette and line style chosen on the command line.
struct ViewChoices {
    let palette: Palette
    let dashed: Bool
    let widths: WeightScaleMode
}

/// No window can be shown: SDL found no display and fell back to a driver that draws nowhere.
struct NoDisplayError: Error, CustomStringConvertible {
    let videoDriver: String
    /// What to do instead, the message's last sentence.
    var remedy = "`neuroglow record DIR` renders the session to frames without a display."

    var description: String {
        let environment = ProcessInfo.processInfo.environment
        func described(_ name: String) -> String {
            guard let value = environment[name], !value.isEmpty else { return "\(name) is not set" }
            return "\(name)=\(value) did not answer"
        }
        return "no display to show the window on (looked for an X11 or Wayland display: "
            + "\(described("DISPLAY")), \(described("WAYLAND_DISPLAY")); SDL found only its \(videoDriver) driver). "
            + remedy
    }
}
