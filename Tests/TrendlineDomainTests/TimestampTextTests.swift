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

    @Test func durationsAreWholeMillisecondsRoundedDown() {
        #expect(Duration.seconds(10).wholeMilliseconds == 10_000)
        #expect(Duration.milliseconds(1_500).wholeMilliseconds == 1_500)
        #expect(Duration.microseconds(2_999).wholeMilliseconds == 2)
        #expect(Duration.nanoseconds(999_999).wholeMilliseconds == 0)
    }
}
