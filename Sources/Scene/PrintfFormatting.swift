import Glibc

extension String {
    /// `arguments` formatted by the C library's printf conversions in `format` ("%.4g", "%06d"),
    /// the text Foundation's `String(format:)` gives for numbers, without Foundation in the
    /// process (about 8 MB of resident memory).
    public init(printf format: String, _ arguments: any CVarArg...) {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = Int(withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) })
        if length >= buffer.count {
            buffer = [CChar](repeating: 0, count: length + 1)
            _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        self = length < 0 ? "" : buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
