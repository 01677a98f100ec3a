import Foundation

/// Reading the times clients and operators type: ISO 8601 times and whole days.
extension TimestampText {
    /// An ISO 8601 time as clients send it, `2026-01-29T10:00:00Z`, with a fraction of a second
    /// (`.123`, up to nine digits, rounded to the millisecond the stores keep) and `Z` or an
    /// offset (`+02:00`, `-0530`); `nil` for anything else, a time that does not exist
    /// (`T25:00`, `02-30`) included. Read digit by digit in the proleptic Gregorian calendar
    /// the written dates use: Foundation's ISO 8601 parse rolled `T25:00` into the next day,
    /// switched to the Julian calendar before 1582, and read `.002` as a binary fraction just
    /// under it (one millisecond in nine came back one lower, so an inclusive `to` naming a
    /// snapshot's own time left that snapshot out).
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, let day = day(bytes), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes, 11..<13), let minute = number(bytes, 14..<16), let second = number(bytes, 17..<19),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        // The fraction, in units of 1e-9 s.
        var nanoseconds: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            let digits = bytes[(index + 1)...].prefix { (48...57).contains($0) }
            guard (1...9).contains(digits.count) else { return nil }
            nanoseconds = digits.reduce(0) { $0 * 10 + Int64($1 - 48) }
            for _ in digits.count..<9 { nanoseconds *= 10 }
            index += 1 + digits.count
        }
        guard index < bytes.count, let offset = offsetMinutes(bytes[index...]) else { return nil }
        let ms = day * 86_400_000 + ((hour * 60 + minute - offset) * 60 + second) * 1_000 + (nanoseconds + 500_000) / 1_000_000
        return Date(millisecondsSince1970: ms)
    }

    /// One end of an inclusive range a person types: a whole UTC day (`2026-11-01`: its first
    /// instant, or with `endOfDay` its last millisecond) or an ISO 8601 time (``parse(_:)``);
    /// `nil` for anything else, a day that does not exist (2026-02-30) included.
    public static func bound(_ text: String, endOfDay: Bool) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return parse(text) }
        guard let day = day(bytes) else { return nil }
        return Date(millisecondsSince1970: day * 86_400_000 + (endOfDay ? 86_399_999 : 0))
    }

    /// The day count from 1970 of the `yyyy-MM-dd` that `bytes` start with, if it is a day
    /// that exists.
    static func day(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes, 0..<4), let month = number(bytes, 5..<7), let day = number(bytes, 8..<10), (1...12).contains(month)
        else { return nil }
        let days = daysSince1970(year: year, month: month, day: day)
        return civilDate(daysSince1970: days) == (year, month, day) ? days : nil
    }

    /// The decimal number the bytes in `range` spell, if all are digits.
    static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes[range] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    /// `Z` (0), or `+HH:MM` / `-HH:MM` / `+HHMM` as minutes east of UTC; the whole rest.
    static func offsetMinutes(_ rest: ArraySlice<UInt8>) -> Int64? {
        let rest = Array(rest)
        if rest == [UInt8(ascii: "Z")] || rest == [UInt8(ascii: "z")] { return 0 }
        guard let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = rest.count == 6 && rest[3] == UInt8(ascii: ":") ? [rest[1], rest[2], rest[4], rest[5]] : rest.count == 5 ? Array(rest[1...]) : []
        guard digits.count == 4, let hours = number(digits, 0..<2), let minutes = number(digits, 2..<4), hours < 24, minutes < 60 else { return nil }
        return (sign == UInt8(ascii: "+") ? 1 : -1) * (hours * 60 + minutes)
    }
}
