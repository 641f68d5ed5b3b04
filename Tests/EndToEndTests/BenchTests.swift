import Foundation
import Testing

/// `neuroglow bench --quick --json` produces every figure with sane values. The budgets are
/// reported, not asserted: these machines are shared and noisy.
struct BenchTests {
    @Test func quickBenchReportsEveryFigure() throws {
        let x = try VirtualDisplay()
        let result = try Tool.neuroglow(
            ["bench", "--quick", "--json"], environment: ["DISPLAY": x.display], timeout: 600)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(Tool.json(result.stdout) as? [String: Any], "not JSON: \(result.stdout)")
        func positive(_ value: Any?, _ what: String) {
            let number = (value as? Double) ?? (value as? Int).map(Double.init)
            #expect(number.map { $0.isFinite && $0 > 0 } == true, "\(what): \(String(describing: value))")
        }
        func summary(_ value: Any?, _ what: String) {
            let s = value as? [String: Any]
            for key in ["median", "min", "max", "p99"] { positive(s?[key], "\(what).\(key)") }
            if let s, let low = s["min"] as? Double, let mid = s["median"] as? Double, let high = s["max"] as? Double {
                #expect(low <= mid && mid <= high, "\(what): min ≤ median ≤ max")
            }
        }
        let train = json["train"] as? [String: Any]
        for shape in ["3-4-1", "8-8-8-8-2", "64-32-32-10", "spiral 2-16-16-1 tanh"] {
            summary(train?[shape], "train.\(shape)")
        }
        // The hand-unrolled yardstick does the trainer's arithmetic: the same weights, bit for bit.
        let yardstick = train?["3-4-1 unrolled yardstick"] as? [String: Any]
        summary(yardstick, "train.yardstick")
        positive(yardstick?["trainer_fraction"], "train.yardstick.trainer_fraction")
        #expect(yardstick?["same_weights"] as? Bool == true, "the yardstick reaches the trainer's weights")
        summary(train?["3-4-1 unrolled, C library exp"], "train.yardstick with the C library's exp")
        // Weight arithmetic is held against the core's peak for it, measured in the same run.
        summary(train?["arithmetic peak"], "train.arithmetic peak")
        let batch = train?["64-32-32-10 batch 32"] as? [String: Any]
        for key in ["times_batch_1", "peak_fraction", "batch_1_peak_fraction"] {
            positive(batch?[key], "train.batch 32.\(key)")
        }
        for key in ["peak_fraction", "batch_1_peak_fraction"] {
            #expect((batch?[key] as? Double).map { $0 < 1 } == true, "train.batch 32.\(key) below the peak")
        }
        let scene = json["scene"] as? [String: Any], render = json["render"] as? [String: Any]
        for shape in ["3-4-1", "8-8-8-8-2", "64-32-32-10", "784-64-10"] {
            summary(scene?[shape], "scene.\(shape)")
            summary(render?[shape], "render.\(shape)")
            positive((render?[shape] as? [String: Any])?["fill_megapixels"], "render.\(shape).fill_megapixels")
            positive((render?[shape] as? [String: Any])?["triangles"], "render.\(shape).triangles")
        }
        for name in ["digits 144-32-10", "digits 784-64-10"] { summary(scene?[name], "scene.\(name)") }
        #expect(render?["renderer"] as? String != nil && render?["target"] as? String == "window")
        summary((json["record"] as? [String: Any])?["frames_per_second"], "record")
        let video = json["video"] as? [String: Any]
        summary(video?["frames_per_second"], "video")
        positive(video?["bytes"], "video.bytes")
        positive(video?["times_smaller"], "video.times_smaller")
        summary(json["startup"], "startup")
        summary(json["memory"], "memory")
        positive((json["memory"] as? [String: Any])?["large_session_mb"], "memory.large_session_mb")
        let image = json["image"] as? [String: Any]
        for name in ["digits 144-32-10", "digits 784-64-10", "train digits 144-32-10"] {
            summary(image?[name], "image.\(name)")
        }
        let compare = json["compare"] as? [String: Any]
        for shape in ["3-4-1", "64-32-32-10"] { summary(compare?[shape], "compare.\(shape)") }
        #expect(json["live"] == nil, "a quick run leaves the live figure out")
        let scrub = json["scrub"] as? [String: Any]
        for shape in ["3-4-1", "784-64-10"] { summary(scrub?[shape], "scrub.\(shape)") }
        let machine = json["machine"] as? [String: Any]
        positive(machine?["cores"], "machine.cores")
        // Each figure says how much of its time the hypervisor gave away (Linux always has /proc/stat).
        for (figure, fields) in json where figure != "date" && figure != "machine" {
            let steal = (fields as? [String: Any])?["host_steal_percent"] as? Double
            #expect(
                steal.map { (0...100).contains($0) } == true,
                "\(figure).host_steal_percent: \(String(describing: steal))")
        }
    }

    @Test func onlyMeasuresTheFiguresAskedFor() throws {
        let result = try Tool.neuroglow(["bench", "--quick", "--json", "--only", "scene"], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(Tool.json(result.stdout) as? [String: Any], "not JSON: \(result.stdout)")
        #expect(json["scene"] != nil && json["train"] == nil && json["render"] == nil && json["record"] == nil)
        let wrong = try Tool.neuroglow(["bench", "--only", "scene,speed"])
        #expect(
            wrong.status != 0 && wrong.stderr.contains("--only") && wrong.stderr.contains("'speed'")
                && wrong.stderr.contains("train, scene, render"),
            "\(wrong.stderr)")
    }
}
