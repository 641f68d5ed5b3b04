import Glibc
import NeuralCore
import Scene

/// The `--events` JSON Lines log (docs/DESIGN.md §6): one object per line, each with an "event"
/// key, flushed line by line so a reader sees events as they happen. One method per event, so
/// every event's fields are spelled in one place.
final class EventLog {
    /// The file descriptor written to, nil for no log.
    private let descriptor: Int32?
    private let ownsDescriptor: Bool

    /// `destination` is a path, "-" for standard output, or nil for no log.
    init(destination: String?) throws(InputError) {
        switch destination {
        case nil: (descriptor, ownsDescriptor) = (nil, false)
        case "-": (descriptor, ownsDescriptor) = (STDOUT_FILENO, false)
        case let path?:
            let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard file >= 0 else { throw InputError("--events \(path): cannot create the file") }
            (descriptor, ownsDescriptor) = (file, true)
        }
    }

    deinit { if ownsDescriptor, let descriptor { close(descriptor) } }

    /// Where the neurons and the areas are, in window pixels: at start and after each resize.
    /// The picture's layout: one network's, or (`--compare`) both, each neuron and network area
    /// then marked with its `network`, 0 or 1; the shared areas (timeline) listed once.
    func layout(_ layouts: [SceneLayout]) {
        let compared = layouts.count > 1
        var neurons: [JSONValue] = []
        var areas: [JSONValue] = []
        for (n, layout) in layouts.enumerated() {
            let mark: [(String, JSONValue)] = compared ? [("network", JSONValue(n))] : []
            for (l, column) in layout.centres.enumerated() {
                for index in layout.drawnIndices(layer: l) {
                    let c = column[index]
                    neurons.append(
                        .object(
                            [
                                ("layer", JSONValue(l)), ("index", JSONValue(index)), ("x", JSONValue(c.x)),
                                ("y", JSONValue(c.y)), ("radius", JSONValue(layout.radius)),
                            ] + mark))
                }
            }
            for area in layout.areas where n == 0 || area.kind != .timeline {
                var fields: [(String, JSONValue)] = [
                    ("kind", JSONValue(area.kind.rawValue)), ("x", JSONValue(area.rect.x)),
                    ("y", JSONValue(area.rect.y)), ("width", JSONValue(area.rect.width)),
                    ("height", JSONValue(area.rect.height)),
                ]
                if let ranges = area.ranges {
                    fields += [
                        ("x_range", JSONValue([ranges.x.lowerBound, ranges.x.upperBound])),
                        ("y_range", JSONValue([ranges.y.lowerBound, ranges.y.upperBound])),
                    ]
                }
                if area.kind != .timeline { fields += mark }
                areas.append(.object(fields))
            }
        }
        write(
            "layout",
            [
                ("width", JSONValue(layouts[0].width)), ("height", JSONValue(layouts[0].height)),
                ("neurons", .array(neurons)), ("areas", .array(areas)),
            ])
    }

    /// A keyframe comes on screen (live) or into the recording (headless).
    func keyframe(index: Int, frame: Int, iteration: Int, example: Int, loss: Double) {
        write(
            "keyframe",
            [
                ("index", JSONValue(index)), ("frame", JSONValue(frame)), ("iteration", JSONValue(iteration)),
                ("example", JSONValue(example)), ("loss", JSONValue(loss)),
            ])
    }

    /// Where a change of the user's input came from.
    enum InputSource: String {
        /// An input neuron was clicked or scrolled (`neuron` names it).
        case neuron
        /// A point of the decision map was clicked or dragged over: its coordinates are the inputs.
        case map
        /// The drawing pad was painted on, erased or cleared: the inputs are its cells.
        case pad
        /// The user's input was cleared: the training examples are back.
        case reset
    }

    /// The user's input changed: the input vector now in force and the network's outputs for it.
    func input(
        source: InputSource, neuron: Int? = nil, inputs: [Double], outputs: [Double], comparedOutputs: [Double]? = nil
    ) {
        var fields: [(String, JSONValue)] = [("source", JSONValue(source.rawValue))]
        if let neuron { fields.append(("neuron", JSONValue(neuron))) }
        fields += [("inputs", JSONValue(inputs)), ("outputs", JSONValue(outputs))]
        if let comparedOutputs { fields.append(("compare_outputs", JSONValue(comparedOutputs))) }
        write("input", fields)
    }

    /// The playback position was moved: the timeline dragged or clicked, or a key that jumps.
    func seek(keyframe: Int, frame: Int) {
        write("seek", [("keyframe", JSONValue(keyframe)), ("frame", JSONValue(frame))])
    }

    /// Explain mode moved to `stage` ("forward", "error", "backward", "update") about the neuron
    /// `layer`, `index`, or left ("off", no neuron).
    func explain(stage: String, layer: Int? = nil, index: Int? = nil) {
        var fields: [(String, JSONValue)] = [("stage", JSONValue(stage))]
        if let layer, let index { fields += [("layer", JSONValue(layer)), ("index", JSONValue(index))] }
        write("explain", fields)
    }

    /// What the window manager did to the window.
    func window(_ state: String) { write("window", [("state", JSONValue(state))]) }

    /// Frame rate and frame-work times over the last stats interval, with resident memory.
    /// `hostStealPercent`: the share of the machine's processor time the hypervisor gave to other
    /// guests over these frames (`ProcessorTimes`); left out where it cannot be read.
    func stats(frames: Int, fps: Double, frameTimes: Summary, residentMegabytes: Double, hostStealPercent: Double?) {
        write(
            "stats",
            [
                ("frames", JSONValue(frames)), ("fps", JSONValue(fps)),
                ("frame_ms_median", JSONValue(frameTimes.median)), ("frame_ms_p99", JSONValue(frameTimes.p99)),
                ("frame_ms_max", JSONValue(frameTimes.max)), ("resident_mb", JSONValue(residentMegabytes)),
            ] + (hostStealPercent.map { [("host_steal_percent", JSONValue($0))] } ?? []))
    }

    func recordStarted(directory: String) {
        write("record", [("state", JSONValue("started")), ("dir", JSONValue(directory)), ("frames", JSONValue(0))])
    }

    /// `reason` is nil when the recording ended as asked (or the session ended).
    func recordStopped(directory: String, frames: Int, reason: String?) {
        write(
            "record",
            [
                ("state", JSONValue("stopped")), ("dir", JSONValue(directory)), ("frames", JSONValue(frames)),
                ("reason", reason.map(JSONValue.init) ?? .null),
            ])
    }

    func warning(_ message: String) { write("warning", [("message", JSONValue(message))]) }
    func error(_ message: String) { write("error", [("message", JSONValue(message))]) }

    private func write(_ event: String, _ fields: [(String, JSONValue)]) {
        guard let descriptor else { return }
        let line = JSONValue.object([("event", JSONValue(event))] + fields).text + "\n"
        // A log that cannot be written is not worth stopping for.
        _ = SystemCalls.writeAll(Array(line.utf8), to: descriptor)
    }
}
