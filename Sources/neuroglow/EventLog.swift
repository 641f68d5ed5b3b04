import Foundation
import NeuralCore
import Scene

/// The `--events` JSON Lines log (DESIGN.md §6): one object per line, each with an "event" key,
/// flushed line by line so a reader sees events as they happen.
final class EventLog {
    private let handle: FileHandle?

    /// `destination` is a path, "-" for standard output, or nil for no log.
    init(destination: String?) throws {
        switch destination {
        case nil: handle = nil
        case "-": handle = FileHandle.standardOutput
        case let path?:
            guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
                throw InputError("--events \(path): cannot create the file")
            }
            handle = file
        }
    }

    func write(_ event: String, _ fields: [(String, JSONValue)]) {
        guard let handle else { return }
        let line = JSONValue.object([("event", JSONValue(event))] + fields).text + "\n"
        try? handle.write(contentsOf: Data(line.utf8))
    }

    func layout(_ layout: SceneLayout) {
        var neurons: [JSONValue] = []
        for (l, column) in layout.centres.enumerated() {
            for index in layout.drawnIndices(layer: l) {
                let c = column[index]
                neurons.append(.object([("layer", JSONValue(l)), ("index", JSONValue(index)), ("x", JSONValue(c.x)),
                                        ("y", JSONValue(c.y)), ("radius", JSONValue(layout.radius))]))
            }
        }
        write("layout", [("width", JSONValue(layout.width)), ("height", JSONValue(layout.height)), ("neurons", .array(neurons))])
    }

    func warning(_ message: String) { write("warning", [("message", JSONValue(message))]) }
    func error(_ message: String) { write("error", [("message", JSONValue(message))]) }
}

/// Writes a line to standard error.
func report(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
