import ArgumentParser
import Dispatch
import Dispatch
import Glibc
import NeuralCore
import Scene
import SDLPlatform
import Session

extension BenchCommand {
    /// `--compare`: whole frames (build, draw, present) with two networks on screen, 3-4-1 and
    /// 64-32-32-10 with the learning rate tripled; and, for the default session compared with
    /// learning rate 3, how far both trainers keep ahead of playback.
    func benchCompare() throws -> (JSONValue, String) {
        guard let font = AssetLocator.fontPath() else { throw ValidationError("cannot find \(AssetLocator.fontName)") }
        let (_, canvas, hasDisplay) = try benchCanvas()
        var fields: [(String, JSONValue)] = []
        var text =
            "render with --compare (\(hasDisplay ? "window" : "offscreen"); ms median / p99 (megapixels, triangles)):"
        for shape in [[3, 4, 1], [64, 32, 32, 10]] {
            let first = Self.plan(shape: shape, iterations: shape == [3, 4, 1] ? 60_000 : 120, keyframes: 12)
            let second = SessionPlan(
                dataSet: first.dataSet, initialNetwork: first.initialNetwork,
                training: TrainingOptions(learningRate: first.training.learningRate * 3), iterations: first.iterations,
                schedule: first.schedule)
            let compared = ComparedPlans(
                first: first, second: second,
                comparison: try Comparison(parsing: "learning-rate=\(3 * first.training.learningRate)"))
            let leader = SessionRun(plan: first), follower = SessionRun(plan: second, following: leader)
            DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? leader.run() : follower.run() }
            let presenter = FramePresenter(
                plan: first, width: canvas.width, height: canvas.height, palette: Palette(.video), dashed: false,
                widths: .session, compared: compared)
            let renderer = try SceneRenderer(canvas: canvas, fontPath: font)
            let s = playbackFrameTimes(
                presenter, progress: leader.progress, secondProgress: follower.progress, renderer: renderer,
                canvas: canvas)
            fields.append((Self.name(shape), s.json(self)))
            text += s.text(Self.name(shape))
        }
        let lead = try trainersLead()
        fields.append(("default session, least lead of the trainers over playback", JSONValue(lead)))
        text += "  default session: both trainers at least \(format(lead, 1)) s ahead of playback"
        return (.object(fields), text)
    }

    /// The default session compared with learning rate 3, both trainers started together as the
    /// live window starts them: the smallest margin, over every keyframe, between the moment both
    /// have it and the moment playback (60 fps from the start) shows it; seconds.
    private func trainersLead() throws -> Double {
        let compared = try ComparedPlans.make(
            model: ModelOptions(), schedule: ScheduleOptions(), comparison: try Comparison(parsing: "learning-rate=3"))
        let leader = SessionRun(plan: compared.first), follower = SessionRun(plan: compared.second, following: leader)
        let timeline = compared.first.timeline, fps = Double(compared.first.schedule.fps)
        let start = DispatchTime.now().uptimeNanoseconds
        leader.start()
        follower.start()
        var lead = Double.infinity
        var reached = 1
        while reached < timeline.keyframeCount {
            let ready = min(leader.progress.readyKeyframeCount, follower.progress.readyKeyframeCount)
            if ready > reached {
                let now = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                for k in reached..<ready { lead = min(lead, Double(timeline.firstFrame(ofKeyframe: k)) / fps - now) }
                reached = ready
            } else if leader.progress.isFinished && follower.progress.isFinished {
                break
            } else {
                usleep(500)
            }
        }
        leader.stop()
        follower.stop()
        return lead
    }
}
