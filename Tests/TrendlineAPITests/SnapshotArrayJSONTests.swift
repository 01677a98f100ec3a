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
}

/// The detail cache keeps what it may and never more than its byte budget.
struct EncodedHistoryCacheTests {
    func key(_ id: Int64, last: Date? = nil) -> EncodedHistoryCache.Key {
        .init(videoID: id, videoCreatedAt: Date(timeIntervalSince1970: 0), lower: Date(timeIntervalSince1970: 0), upper: Date(timeIntervalSince1970: 100), lastSnapshotAt: last, limit: 10)
    }

    func entry(bytes: Int, at date: Date) -> EncodedHistoryCache.Entry {
        .init(json: [UInt8](repeating: 0x20, count: bytes), latest: nil, hasMore: false, storedAt: date)
    }

    @Test func entriesExpireMoveWithTheNewestSnapshotAndStayWithinTheBudget() {
        let cache = EncodedHistoryCache(timeToLive: 30, maximumBytes: 1000)
        let start = Date(timeIntervalSince1970: 1_000)
        cache.store(entry(bytes: 400, at: start), for: key(1))
        #expect(cache.entry(key(1), now: start.addingTimeInterval(10)) != nil)
        #expect(cache.entry(key(1, last: start), now: start.addingTimeInterval(10)) == nil, "a newer snapshot is another key")
        #expect(cache.entry(key(1), now: start.addingTimeInterval(31)) == nil, "expired: this caller reloads")
        cache.store(entry(bytes: 400, at: start), for: key(1))
        cache.store(entry(bytes: 400, at: start.addingTimeInterval(1)), for: key(2))
        cache.store(entry(bytes: 400, at: start.addingTimeInterval(2)), for: key(3))
        #expect(cache.bytes == 800)
        #expect(cache.entry(key(1), now: start.addingTimeInterval(3)) == nil, "the oldest went first")
        #expect(cache.entry(key(3), now: start.addingTimeInterval(3)) != nil)
        cache.store(entry(bytes: 2000, at: start), for: key(4))
        #expect(cache.entry(key(4), now: start) == nil, "larger than the whole budget: not kept")
    }

    @Test func anExpiredEntryIsReloadedByOneCallerWhileTheOthersGetIt() {
        let cache = EncodedHistoryCache(timeToLive: 30, maximumBytes: 1000)
        let start = Date(timeIntervalSince1970: 1_000)
        cache.store(entry(bytes: 100, at: start), for: key(1))
        #expect(cache.entry(key(1), now: start.addingTimeInterval(31)) == nil, "the first to find it expired reloads")
        #expect(cache.entry(key(1), now: start.addingTimeInterval(32))?.storedAt == start, "the others get the expired one meanwhile")
        #expect(cache.entry(key(1), now: start.addingTimeInterval(60))?.storedAt == start)
        cache.store(entry(bytes: 100, at: start.addingTimeInterval(61)), for: key(1))
        #expect(cache.entry(key(1), now: start.addingTimeInterval(62))?.storedAt == start.addingTimeInterval(61), "the reload replaced it")
        #expect(cache.bytes == 100)
        // A reload that never stores: after another time to live, the next caller reloads.
        #expect(cache.entry(key(1), now: start.addingTimeInterval(100)) == nil)
        #expect(cache.entry(key(1), now: start.addingTimeInterval(120)) != nil)
        #expect(cache.entry(key(1), now: start.addingTimeInterval(131)) == nil, "the stuck reload is given up")
    }
}
