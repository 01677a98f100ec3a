import Foundation

/// Finds a key that a JSON object names twice at its top level. JSON parsers disagree on which
/// of the two counts (Foundation's decoder keeps the first, JavaScript and Python the last), so
/// `{"duration_days": 7, ..., "duration_days": 30}` meant one thing to the client that wrote it
/// and another here; ``RequestBody`` refuses it instead. The bytes are scanned once, strings
/// skipped with their escapes; a key with escapes is read as JSON reads it.
enum RepeatedFields {
    /// The first top-level key named twice, or `nil` (also for text that is not an object:
    /// the decoder says what is wrong with it).
    static func first(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var seen = Set<String>()
        var depth = 0
        var index = 0
        var expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"):
                depth += 1
                expectingKey = depth == 1
            case UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case UInt8(ascii: ","):
                expectingKey = depth == 1
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, from: index) else { return nil }
                if expectingKey {
                    expectingKey = false
                    let token = Data(bytes[index...end])
                    guard let key = try? JSONDecoder().decode(String.self, from: token) else { return nil }
                    if !seen.insert(key).inserted { return key }
                }
                index = end
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The index of the quote that closes the string opened at `start`.
    static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index
            default: index += 1
            }
        }
        return nil
    }
}
