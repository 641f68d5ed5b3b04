import Glibc

extension String {
    /// `arguments` formatted by the C library's printf conversions in `format` ("%.4g", "%06d"),
    /// the text Foundation's `String(format:)` gives for numbers, without Foundation in the
    /// process (about 8 MB of resident memory). The HUD formats several numbers a frame: a text
    /// that fits 256 bytes is formatted on the stack, without a heap buffer.
    public init(printf format: String, _ arguments: any CVarArg...) {
        var length: Int32 = 0
        let short = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 256) { buffer -> String? in
            length = withVaList(arguments) { vsnprintf(buffer.baseAddress, buffer.count, format, $0) }
            return length >= 0 && Int(length) < buffer.count ? String(cString: buffer.baseAddress!) : nil
        }
        if let short {
            self = short
        } else if length < 0 {
            self = ""
        } else {
            var long = [CChar](repeating: 0, count: Int(length) + 1)
            _ = withVaList(arguments) { vsnprintf(&long, long.count, format, $0) }
            self = long.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        }
    }
}
