import Foundation
import Testing
import TrendlineDomain

/// Dates are written as the stored milliseconds, never one off.
struct TimestampTextTests {
    @Test func datesShowTheStoredMilliseconds() {
        #expect(TimestampText.string(Date(millisecondsSince1970: 1_780_000_000_123)) == "2026-05-28T20:26:40.123Z")
        #expect(TimestampText.string(Date(millisecondsSince1970: 951_782_400_999)) == "2000-02-29T00:00:00.999Z")
        #expect(TimestampText.string(Date(millisecondsSince1970: 1_767_225_599_999)) == "2025-12-31T23:59:59.999Z")
    }

    /// A time read back is the time written, to the millisecond: a history's last point is the
    /// `to` it was asked for, not one millisecond before it.
    @Test func storedMillisecondsComeBackWhole() {
        let bases: [Int64] = [0, 951_782_400_000, 1_700_000_000_000, 1_796_637_600_000, 4_102_444_800_000]
        let changed = bases.flatMap { base in (Int64(0)..<2_000).map { base + $0 } }.filter { Date(millisecondsSince1970: $0).millisecondsSince1970 != $0 }
        #expect(changed.isEmpty, "\(changed.count) came back changed, e.g. \(Array(changed.prefix(3)))")
    }

    @Test func parsedTimesKeepTheirMilliseconds() {
        let base: Int64 = 1_796_637_600_000
        let changed = (Int64(0)..<1_000).compactMap { ms -> String? in
            let text = TimestampText.string(Date(millisecondsSince1970: base + ms))
            let back = TimestampText.parse(text).map(TimestampText.string)
            return back == text ? nil : "\(text) -> \(back ?? "nil")"
        }
        #expect(changed.isEmpty, "\(changed.count) changed, e.g. \(Array(changed.prefix(3)))")
        #expect(TimestampText.parse("2026-12-07T10:00:00Z").map(TimestampText.string) == "2026-12-07T10:00:00.000Z")
    }

    /// Times are read strictly, digit by digit: offsets and fractions as ISO 8601 writes them,
    /// and nothing that is not a time.
    @Test func timesAreReadStrictly() {
        let read = { (text: String) in TimestampText.parse(text).map(TimestampText.string) }
        #expect(read("2026-11-01T10:00:00+02:00") == "2026-11-01T08:00:00.000Z")
        #expect(read("2026-11-01T10:00:00-0530") == "2026-11-01T15:30:00.000Z")
        #expect(read("2026-11-01T00:30:00+01:00") == "2026-10-31T23:30:00.000Z", "across midnight")
        #expect(read("2026-11-01T10:00:00.5Z") == "2026-11-01T10:00:00.500Z")
        #expect(read("2026-11-01T10:00:00.0005z") == "2026-11-01T10:00:00.001Z", "rounded to the millisecond")
        #expect(read("2026-12-31T23:59:59.9995Z") == "2027-01-01T00:00:00.000Z", "rounding carries")
        #expect(read("2026-11-01T10:00:00.123456789Z") == "2026-11-01T10:00:00.123Z")
        #expect(read("1000-01-01T00:00:00Z") == "1000-01-01T00:00:00.000Z", "no Julian calendar before 1582")
        for text in [
            "2026-11-01T25:00:00Z", "2026-11-01T10:60:00Z", "2026-11-01T10:00:60Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-11-01T10:00Z", "2026-11-01 10:00:00Z", "2026-11-01T10:00:00", "2026-11-01T10:00:00.Z", "2026-11-01T10:00:00.1234567890Z",
            "2026-11-01T10:00:00+2:00", "2026-11-01T10:00:00+24:00", "2026-11-01T10:00:00Zjunk", "+2026-11-01T10:00:00Z", "", "yesterday",
        ] {
            #expect(TimestampText.parse(text) == nil, "\(text) is refused")
        }
    }

    /// A range's end as a person types it: a day from its start or to its end, or a time.
    @Test func rangeBoundsAreDaysOrTimes() {
        #expect(TimestampText.bound("2026-11-01", endOfDay: false).map(TimestampText.string) == "2026-11-01T00:00:00.000Z")
        #expect(TimestampText.bound("2026-11-01", endOfDay: true).map(TimestampText.string) == "2026-11-01T23:59:59.999Z")
        #expect(TimestampText.bound("2024-02-29", endOfDay: true).map(TimestampText.string) == "2024-02-29T23:59:59.999Z", "a leap day")
        #expect(TimestampText.bound("2026-11-01T10:00:00Z", endOfDay: true).map(TimestampText.string) == "2026-11-01T10:00:00.000Z", "a time is itself")
        for text in ["2026-02-30", "2025-02-29", "2026-13-01", "2026-1-01", "20261101", "yesterday", ""] {
            #expect(TimestampText.bound(text, endOfDay: false) == nil, "\(text) is refused")
        }
    }

    /// Dates no four-digit year can write are written at the nearest end, never a crash: a
    /// client's `published_from=0000-01-01`, an upstream's absurd timestamp.
    @Test func datesOutsideTheWritableYearsAreWrittenAtTheirEnds() {
        #expect(TimestampText.string(Date(timeIntervalSince1970: -70_000_000_000)) == "0000-01-01T00:00:00.000Z")
        #expect(TimestampText.string(Date(timeIntervalSince1970: 1e12)) == "9999-12-31T23:59:59.999Z")
        #expect(TimestampText.string(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59.999Z")
        #expect(Date(timeIntervalSince1970: 1e300).millisecondsSince1970 == .max && Date(timeIntervalSince1970: -1e300).millisecondsSince1970 == .min)
        #expect(TimestampText.bound("0000-01-01", endOfDay: false).map(TimestampText.string) == "0000-01-01T00:00:00.000Z")
        #expect(TimestampText.bound("1582-10-10", endOfDay: false).map(TimestampText.string) == "1582-10-10T00:00:00.000Z", "no Julian gap")
        #expect(TimestampText.bound("0001-01-01", endOfDay: false).map(TimestampText.string) == "0001-01-01T00:00:00.000Z")
        #expect(TimestampText.bound("9999-12-31", endOfDay: true).map(TimestampText.string) == "9999-12-31T23:59:59.999Z")
    }

    @Test func durationsAreWholeMillisecondsRoundedDown() {
        #expect(Duration.seconds(10).wholeMilliseconds == 10_000)
        #expect(Duration.milliseconds(1_500).wholeMilliseconds == 1_500)
        #expect(Duration.microseconds(2_999).wholeMilliseconds == 2)
        #expect(Duration.nanoseconds(999_999).wholeMilliseconds == 0)
    }
}
