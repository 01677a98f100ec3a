import Foundation
import Testing
import TrendlineDomain
@testable import TrendlineAPI

/// The video detail's fast snapshot writer must give the same bytes as the API's encoder.
struct SnapshotArrayJSONTests {
    @Test(arguments: [
        Date(timeIntervalSince1970: 1_780_000_000.123),
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 951_782_400.999),  // 2000-02-29, a leap day
        Date(timeIntervalSince1970: 4_102_444_799.5),  // 2099-12-31T23:59:59.500Z
        Date(timeIntervalSince1970: -86_400.25),  // before 1970
    ])
    func matchesTheEncoderByteForByte(_ takenAt: Date) throws {
        let snapshots = [
            Snapshot(videoID: 1, takenAt: takenAt.truncatedToMilliseconds, counts: Counts(views: 9_000_000_000, likes: 0, comments: nil, shares: -1, saves: 7), provider: "youtube-data-api"),
            Snapshot(videoID: 1, takenAt: takenAt.addingTimeInterval(3600.001).truncatedToMilliseconds, counts: Counts(), provider: "odd \"name\"\\/\n\t\u{1}é"),
        ]
        let expected = try APIJSON.encoder().encode(snapshots.map(SnapshotDTO.init))
        #expect(String(decoding: SnapshotArrayJSON.encode(snapshots), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(SnapshotArrayJSON.encode([Snapshot]()) == Array("[]".utf8))
    }

    @Test func datesShowTheStoredMilliseconds() {
        #expect(APIDateFormat.string(Date(millisecondsSince1970: 1_780_000_000_123)) == "2026-05-28T20:26:40.123Z")
        #expect(APIDateFormat.string(Date(millisecondsSince1970: 951_782_400_999)) == "2000-02-29T00:00:00.999Z")
        #expect(APIDateFormat.string(Date(millisecondsSince1970: 1_767_225_599_999)) == "2025-12-31T23:59:59.999Z")
    }
}
