/// Parses JSON text into a `JSONValue`. Errors name the line and column where the text went wrong.
/// Nesting is limited (`maximumDepth`) so hostile input cannot exhaust the stack.
public struct JSONParser {
    public static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0
    private let source: String

    public static func parse(_ text: String, source: String = "JSON") throws(InputError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), source: source)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.bytes.count { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8], source: String) {
        self.bytes = bytes
        self.source = source
    }

    private func failure(_ what: String) -> InputError {
        var line = 1, column = 1
        for b in bytes[0..<min(position, bytes.count)] {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return InputError("\(source): line \(line), column \(column): \(what)")
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 }
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws(InputError) -> JSONValue {
        for b in literal.utf8 {
            guard current == b else { throw failure("expected '\(literal)'") }
            position += 1
        }
        return value
    }

    private mutating func parseValue(depth: Int) throws(InputError) -> JSONValue {
        guard depth < JSONParser.maximumDepth else {
            throw failure("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
        guard let b = current else { throw failure("the text ends where a value was expected (truncated?)") }
        switch b {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character; expected a JSON value")
        }
    }

    private mutating func parseObject(depth: Int) throws(InputError) -> JSONValue {
        position += 1
        var pairs: [(String, JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { position += 1; return .object(pairs) }
        while true {
            skipWhitespace()
            if current == nil { throw failure("the text ends where a key was expected (truncated?)") }
            guard current == UInt8(ascii: "\"") else { throw failure("expected a quoted key") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the key \"\(key)\"") }
            position += 1
            skipWhitespace()
            pairs.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard let b = current else { throw failure("the text ends inside an object (truncated?)") }
            position += 1
            if b == UInt8(ascii: "}") { return .object(pairs) }
            guard b == UInt8(ascii: ",") else { position -= 1; throw failure("expected ',' or '}' in an object") }
        }
    }

    private mutating func parseArray(depth: Int) throws(InputError) -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard let b = current else { throw failure("the text ends inside an array (truncated?)") }
            position += 1
            if b == UInt8(ascii: "]") { return .array(items) }
            guard b == UInt8(ascii: ",") else { position -= 1; throw failure("expected ',' or ']' in an array") }
        }
    }

    private mutating func parseString() throws(InputError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            if !raw.isEmpty {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
        }
        while true {
            guard let b = current else { throw failure("the text ends inside a string (truncated?)") }
            position += 1
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 { position -= 1; throw failure("control character inside a string") }
            guard b == UInt8(ascii: "\\") else { raw.append(b); continue }
            flush()
            guard let e = current else { throw failure("the text ends inside an escape") }
            position += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                guard position + 4 <= bytes.count,
                    let code = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
                else { throw failure("bad \\u escape") }
                position += 4
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default:
                position -= 1
                throw failure("unknown escape in a string")
            }
        }
        flush()
        return String(scalars)
    }

    private mutating func parseNumber() throws(InputError) -> JSONValue {
        let start = position
        while let b = current,
            (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-")
                || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
        {
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            position = start
            throw failure("'\(text.prefix(32))' is not a valid finite number")
        }
        return .number(value)
    }
}
