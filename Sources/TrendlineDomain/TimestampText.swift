import Foundation

/// The one date text Trendline writes (API answers, webhook payloads):
/// `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC, computed from the whole milliseconds the stores keep.
/// Foundation's ISO 8601 style formats the binary fraction of a `Date` and can print a stored
/// .123 as .122; this prints exactly what was stored.
public enum TimestampText {
    /// The day count from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
    /// `days_from_civil`, the inverse of ``civilDate(daysSince1970:)``).
    public static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func string(_ date: Date) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Year, month (1-12) and day of a day count from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`), for every date text Trendline writes.
    @inlinable
    public static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The first and last instants a four-digit year can write: 0000-01-01T00:00:00.000Z and
    /// 9999-12-31T23:59:59.999Z.
    public static let writableMilliseconds: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC, from whole milliseconds (the store's precision). A
    /// date outside the years 0000-9999 (a platform's odd publication date, a client's `from`)
    /// is written as the nearest one inside them, never as a crash.
    public static func append(_ date: Date, to out: inout [UInt8]) {
        let ms = min(max(date.millisecondsSince1970, writableMilliseconds.lowerBound), writableMilliseconds.upperBound)
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let inDay = ms - days * 86_400_000
        let (year, month, day) = civilDate(daysSince1970: days)
        digits(year, 4, &out)
        out.append(UInt8(ascii: "-"))
        digits(month, 2, &out)
        out.append(UInt8(ascii: "-"))
        digits(day, 2, &out)
        out.append(UInt8(ascii: "T"))
        digits(inDay / 3_600_000, 2, &out)
        out.append(UInt8(ascii: ":"))
        digits(inDay / 60_000 % 60, 2, &out)
        out.append(UInt8(ascii: ":"))
        digits(inDay / 1000 % 60, 2, &out)
        out.append(UInt8(ascii: "."))
        digits(inDay % 1000, 3, &out)
        out.append(UInt8(ascii: "Z"))
    }

    static func digits(_ value: Int64, _ width: Int, _ out: inout [UInt8]) {
        var buffer = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        var index = width - 1
        while index >= 0 {
            buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        out.append(contentsOf: buffer)
    }
}
