import Foundation
import TrendlineCore

/// Byte-level helpers for pages that embed JSON (TikTok's rehydration script, YouTube's
/// `ytInitialPlayerResponse`): cut out the object that follows a marker (found with
/// ``ByteSearch``), without copying or decoding the rest of the page.
enum EmbeddedJSON {
    /// The absolute range of the JSON object opening at the first `{` at or after `start`, found
    /// by matching braces outside strings; `nil` when there is none or it never closes.
    static func object(in bytes: ArraySlice<UInt8>, from start: Int) -> Range<Int>? {
        guard start >= bytes.startIndex, start <= bytes.endIndex else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Range<Int>? in
            var index = start - bytes.startIndex
            while index < buffer.count, buffer[index] != UInt8(ascii: "{") { index += 1 }
            let open = index
            var depth = 0
            var inString = false
            while index < buffer.count {
                let byte = buffer[index]
                if inString {
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { return (bytes.startIndex + open)..<(bytes.startIndex + index + 1) }
                }
                index += 1
            }
            return nil
        }
    }

    /// Whether `bytes[range]` is only JSON whitespace.
    static func isBlank(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>) -> Bool {
        bytes[range].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}
