import Glibc

/// What the system tells that Foundation would otherwise provide (the binary uses
/// FoundationEssentials only: all of Foundation is about 8 MB more resident memory).
enum SystemCalls {
    /// Writes all of `bytes` to the file descriptor, resuming after interruptions and partial
    /// writes; false (errno says why) if the system refused part of them.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var rest = bytes[...]
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            rest = rest.dropFirst(written)
        }
        return true
    }

    /// The size in bytes of the file at `path`, nil if it cannot be read.
    static func fileSize(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The folder for temporary files, ending in "/": TMPDIR, else /tmp.
    static var temporaryDirectory: String {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return folder.hasSuffix("/") ? folder : folder + "/"
    }

    /// The time now as `strftime` formats it, in local time or UTC.
    static func now(_ format: String, utc: Bool = false) -> String {
        var seconds = time(nil), parts = tm()
        if utc { gmtime_r(&seconds, &parts) } else { localtime_r(&seconds, &parts) }
        var buffer = [CChar](repeating: 0, count: 128)
        // strftime gives 0 when the text does not fit, the buffer's contents then undefined.
        buffer[strftime(&buffer, buffer.count, format, &parts)] = 0
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

extension StringProtocol {
    /// Without the white space at either end.
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}

/// CLOCK_MONOTONIC in seconds: comparable between processes on one machine.
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}
