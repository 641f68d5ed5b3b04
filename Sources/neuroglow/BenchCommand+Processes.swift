import ArgumentParser
import FoundationEssentials
import Glibc
import NeuralCore

extension BenchCommand {
    /// From process start to the first presented frame of a default live window.
    func benchStartup() throws -> (JSONValue, String) {
        var times: [Double] = []
        for _ in 0..<(quick ? 3 : 7) {
            let before = monotonicSeconds()
            let output = try runSelf(["live", "--seconds", "0.3", "--report-first-frame"])
            guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("first frame at ") }),
                let at = Double(line.dropFirst("first frame at ".count))
            else {
                throw ValidationError("startup benchmark: the window did not report its first frame:\n\(output)")
            }
            times.append((at - before) * 1000)
        }
        let s = Summary(times.count > 1 ? Array(times.dropFirst()) : times)
        return (
            summaryJSON(s, unit: "ms"),
            "startup to first frame: \(format(s.median, 0)) ms [\(format(s.min, 0))–\(format(s.max, 0))]"
        )
    }

    /// Peak resident memory of a default live session running for a few seconds (the summary),
    /// and as `large_session_mb` that of a 784-64-10 session holding all of its 120 keyframes
    /// (the kept history: 120 networks of 50,890 parameters).
    func benchMemory() throws -> (JSONValue, String) {
        // ru_maxrss of children is the largest of any child so far: each figure runs after the
        // smaller one, and the large session's is read from its own peak, not the running maximum.
        var peaks: [Double] = []
        for _ in 0..<(quick ? 1 : 3) {
            peaks.append(try peakResidentMegabytes(of: ["live", "--seconds", quick ? "2" : "5"]))
        }
        let s = Summary(peaks)
        let csv =
            SystemCalls.temporaryDirectory + "neuroglow-bench-784-\(ProcessInfo.processInfo.processIdentifier).csv"
        defer { try? FileManager.default.removeItem(atPath: csv) }
        try BenchDataSets.csvText(BenchDataSets.lifted(inputs: 784, outputs: 10)).write(
            toFile: csv, atomically: true, encoding: .utf8)
        let large = try peakResidentMegabytes(of: [
            "live", "--dataset", csv, "--layers", "784,64,10", "--iterations", "120", "--keyframes", "120",
            "--seconds", quick ? "4" : "8",
        ])
        return (
            summaryJSON(s, unit: "MB", adding: [("large_session_mb", JSONValue(large))]),
            "peak resident memory (live): default session \(format(s.max, 1)) MB, 784-64-10 holding 120 "
                + "keyframes \(format(large, 1)) MB"
        )
    }

    /// Runs this executable with `arguments` and returns its peak resident memory in MB (VmHWM).
    func peakResidentMegabytes(of arguments: [String]) throws -> Double {
        let output = try runSelf(arguments + ["--report-peak-memory"])
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("peak resident MB ") }),
            let value = Double(line.dropFirst("peak resident MB ".count))
        else {
            throw ValidationError(
                "memory benchmark: no peak reported by \(arguments.joined(separator: " ")):\n\(output)")
        }
        return value
    }

    /// Runs this executable and returns its standard error.
    func runSelf(_ arguments: [String]) throws -> String {
        func failure(_ what: String, _ code: Int32 = errno) -> ValidationError {
            ValidationError("bench: \(what): \(String(cString: strerror(code)))")
        }
        guard let resolved = realpath("/proc/self/exe", nil) else { throw failure("cannot find this executable") }
        let executable = String(cString: resolved)
        free(resolved)
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&errorPipe) == 0 else { throw failure("pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, errorPipe[0])
        posix_spawn_file_actions_addclose(&actions, errorPipe[1])
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child = pid_t()
        let status = posix_spawn(&child, executable, &actions, nil, argv, environ)
        close(errorPipe[1])
        defer { close(errorPipe[0]) }
        guard status == 0 else { throw failure("cannot start \(executable)", status) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(errorPipe[0], $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += chunk[0..<count]
        }
        var ended: Int32 = 0
        while waitpid(child, &ended, 0) < 0 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }
}
