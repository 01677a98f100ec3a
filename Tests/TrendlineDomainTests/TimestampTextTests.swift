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
}
