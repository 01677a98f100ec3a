import Foundation
import TrendlineDomain

/// A forward-only reader of one JSON document, for the upstream answers read on every check.
/// It reads the members a parser asks for and skips the rest without building them.
///
/// Why not `JSONDecoder`: for YouTube's `videos.list` (50 items per call, one call per 50
/// snapshots) the decoder built every value and ran the generic `Decodable` machinery for each
/// key, about 11 µs per item on this project's machines, the largest single cost of the snapshot
/// pipeline (docs/benchmarks.md, "Fourth round"). Strict all the same: what is not JSON throws
/// ``Malformed``, as the decoder did, and a test holds the YouTube parser equal to a
/// `Decodable` model of the same answer on generated documents.
struct JSONReader {
    /// The document is not JSON, or a value does not have the type asked for.
    struct Malformed: Error, CustomStringConvertible {
        let message: String
        let offset: Int
        var description: String { "\(message) at byte \(offset)" }
    }

    /// A member's name, as it appears in the document.
    struct Key {
        let raw: UnsafeBufferPointer<UInt8>
        let escaped: Bool

        /// The name equals `name` (compared byte for byte unless the name holds escapes).
        func `is`(_ name: StaticString) -> Bool {
            if escaped { return JSONReader.unescape(raw).map { $0 == name.description } ?? false }
            return name.withUTF8Buffer { $0.elementsEqual(raw) }
        }
    }

    /// Deeper nesting is refused rather than risking the stack on a hostile answer.
    static let maximumDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    private var depth = 0

    /// Reads `data` as one JSON value through `body`; only whitespace may follow it.
    static func read<T>(_ data: Data, _ body: (inout JSONReader) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            let value = try body(&reader)
            reader.skipWhitespace()
            guard reader.position == reader.bytes.count else { throw reader.malformed("unexpected bytes after the document") }
            return value
        }
    }

    // MARK: Containers

    /// Calls `body` for each member of the object that comes next. A value `body` leaves
    /// unread is skipped.
    mutating func forEachMember(_ body: (inout JSONReader, Key) throws -> Void) throws {
        try open(UInt8(ascii: "{"), "an object")
        defer { depth -= 1 }
        skipWhitespace()
        if peek == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw malformed("expected a member name") }
            let (raw, escaped) = try stringBytes()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw malformed("expected ':' after a member name") }
            position += 1
            skipWhitespace()
            let before = position
            try body(&self, Key(raw: raw, escaped: escaped))
            if position == before { try skipValue() }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return
            default: throw malformed("expected ',' or '}' in an object")
            }
        }
    }

    /// Calls `body` for each element of the array that comes next. An element `body` leaves
    /// unread is skipped.
    mutating func forEachElement(_ body: (inout JSONReader) throws -> Void) throws {
        try open(UInt8(ascii: "["), "an array")
        defer { depth -= 1 }
        skipWhitespace()
        if peek == UInt8(ascii: "]") { position += 1; return }
        while true {
            skipWhitespace()
            let before = position
            try body(&self)
            if position == before { try skipValue() }
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return
            default: throw malformed("expected ',' or ']' in an array")
            }
        }
    }

    /// Reads `null` if it comes next; `false` (reading nothing) otherwise.
    mutating func readNull() -> Bool {
        skipWhitespace()
        guard literal("null") else { return false }
        position += 4
        return true
    }

    // MARK: Values

    /// A string, or `nil` for `null`.
    mutating func readString() throws -> String? {
        if readNull() { return nil }
        guard peek == UInt8(ascii: "\"") else { throw malformed("expected a string") }
        let (raw, escaped) = try stringBytes()
        if !escaped { return String(decoding: raw, as: UTF8.self) }
        guard let text = Self.unescape(raw) else { throw malformed("invalid escape in a string") }
        return text
    }

    /// An integer written as a number, or `nil` for `null`.
    mutating func readInt() throws -> Int? {
        if readNull() { return nil }
        let text = try numberText()
        guard let value = Int(text) else { throw malformed("expected an integer") }
        return value
    }

    /// A count, or `nil` for `null`: a string of digits (YouTube's documented form) or a number
    /// (an integer, or a non-negative finite value, truncated).
    mutating func readCount() throws -> Int64? {
        if readNull() { return nil }
        if peek == UInt8(ascii: "\"") {
            guard let text = try readString(), let value = Int64(text) else { throw malformed("expected a count") }
            return value
        }
        let text = try numberText()
        if let value = Int64(text) { return value }
        guard let double = Double(text), double.isFinite, double >= 0, double < 9.2e18 else { throw malformed("expected a count") }
        return Int64(double)
    }

    /// Skips the value that comes next, checking that it is JSON.
    mutating func skipValue() throws {
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{"): try forEachMember { _, _ in }
        case UInt8(ascii: "["): try forEachElement { _ in }
        case UInt8(ascii: "\""): _ = try stringBytes()
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        default: _ = try numberText()
        }
    }

    // MARK: Bytes

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// What is wrong, at the current position.
    func malformed(_ message: String) -> Malformed { Malformed(message: message, offset: position) }

    private mutating func open(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard peek == byte else { throw malformed("expected \(what)") }
        guard depth < Self.maximumDepth else { throw malformed("nested deeper than \(Self.maximumDepth)") }
        depth += 1
        position += 1
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func literal(_ word: StaticString) -> Bool {
        word.withUTF8Buffer { word in
            position + word.count <= bytes.count && word.indices.allSatisfy { bytes[position + $0] == word[$0] }
        }
    }

    private mutating func skipLiteral(_ word: StaticString) throws {
        guard literal(word) else { throw malformed("unexpected token") }
        position += word.utf8CodeUnitCount
    }

    /// The bytes between the quotes of the string that starts at `position`, and whether they
    /// hold escapes; `position` ends after the closing quote.
    private mutating func stringBytes() throws -> (UnsafeBufferPointer<UInt8>, Bool) {
        position += 1
        let start = position
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return (raw, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard position + 1 < bytes.count else { break }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 6 <= bytes.count, bytes[position + 2..<position + 6].allSatisfy({ HexDigit.value($0) != nil }) else {
                        throw malformed("invalid \\u escape in a string")
                    }
                    position += 6
                default:
                    throw malformed("invalid escape in a string")
                }
                continue
            }
            if byte < 0x20 { throw malformed("control character in a string") }
            position += 1
        }
        throw Malformed(message: "unterminated string", offset: start - 1)
    }

    /// The text of the number that starts at `position` (JSON's grammar, checked).
    private mutating func numberText() throws -> Substring {
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            return position - from
        }
        if peek == UInt8(ascii: "-") { position += 1 }
        let first = position
        let integer = digits()
        guard integer > 0 else { position = start; throw malformed("unexpected token") }
        guard integer == 1 || bytes[first] != UInt8(ascii: "0") else { throw malformed("leading zero in a number") }
        if peek == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw malformed("expected digits after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw malformed("expected digits in an exponent") }
        }
        return Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// The text of a string's raw bytes with its escapes resolved; `nil` for an invalid escape.
    /// A `\u` surrogate without its pair becomes U+FFFD.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var value: UInt32 = 0
            for byte in raw[at..<at + 4] {
                guard let digit = HexDigit.value(byte) else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); index += 1; continue }
            guard index + 1 < raw.count else { return nil }
            let code = raw[index + 1]
            index += 2
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(index) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                        let low = hex4(index + 2), (0xDC00...0xDFFF).contains(low)
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default:
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
