import Foundation

/// The 36-character UUID text the stores and the API use (`8-4-4-4-12` hex digits), read (either
/// case) as `UUID(uuidString:)` does and written in lowercase. Foundation's parser on Linux goes
/// through `sscanf` and its `uuidString` through `sprintf`, a tenth of the cost of each API
/// request's key lookup (docs/benchmarks.md, "Fourth round"); a request reads and writes several
/// (its path, its request id, the key, its account, the tracking).
public enum UUIDText {
    /// `id` in lowercase, as `id.uuidString.lowercased()`.
    public static func lowercase(_ id: UUID) -> String {
        let digits: StaticString = "0123456789abcdef"
        return withUnsafeBytes(of: id.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                digits.withUTF8Buffer { hex in
                    var index = 0
                    for byte in 0..<16 {
                        if byte == 4 || byte == 6 || byte == 8 || byte == 10 {
                            out[index] = UInt8(ascii: "-")
                            index += 1
                        }
                        out[index] = hex[Int(raw[byte] >> 4)]
                        out[index + 1] = hex[Int(raw[byte] & 0x0F)]
                        index += 2
                    }
                }
                return 36
            }
        }
    }

    /// A new random (version 4) UUID, from the system's generator (`getrandom`) without
    /// Foundation's `UUID()`, which opens and reads a device file per call on Linux (perf: a
    /// request id per request) and, when the process has no file descriptor left to open it
    /// with, answers `00000000-0000-4000-8000-000000000000` every time: every tracking, account,
    /// key and webhook made then had that id, and the second one failed on its primary key.
    /// Every stored id is made here.
    public static func random() -> UUID {
        var generator = SystemRandomNumberGenerator()
        var id: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &id) { raw in
            raw.storeBytes(of: generator.next() as UInt64, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: generator.next() as UInt64, toByteOffset: 8, as: UInt64.self)
            raw[6] = raw[6] & 0x0F | 0x40
            raw[8] = raw[8] & 0x3F | 0x80
        }
        return UUID(uuid: id)
    }

    public static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var out: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let parsed = withUnsafeMutableBytes(of: &out) { raw -> Bool in
                var index = 0
                for byte in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard bytes[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = HexDigit.value(bytes[index]), let low = HexDigit.value(bytes[index + 1]) else { return false }
                    raw[byte] = high << 4 | low
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: out) : nil
        }
    }
}
