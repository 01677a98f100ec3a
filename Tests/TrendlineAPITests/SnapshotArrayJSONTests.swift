import Foundation
import Synchronization
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
        .init(json: [UInt8](repeating: 0x20, count: bytes), latest: nil, dayBefore: nil, hasMore: false, storedAt: date)
    }

    /// Loads through `cache` at `now`, counting the loads; the entry made is stored at `now`.
    func entry(_ cache: EncodedHistoryCache, _ key: EncodedHistoryCache.Key, now: Date, bytes: Int = 100, loads: Loads? = nil) async throws -> EncodedHistoryCache.Entry {
        try await cache.entry(key, now: now) {
            loads?.count.add(1, ordering: .relaxed)
            return self.entry(bytes: bytes, at: now)
        }
    }

    final class Loads: Sendable {
        let count = Atomic(0)
        var value: Int { count.load(ordering: .relaxed) }
    }

    @Test func entriesExpireMoveWithTheNewestSnapshotAndStayWithinTheBudget() async throws {
        let cache = EncodedHistoryCache(timeToLive: 30, maximumBytes: 1000)
        let start = Date(timeIntervalSince1970: 1_000)
        let loads = Loads()
        _ = try await entry(cache, key(1), now: start, bytes: 400, loads: loads)
        #expect(try await entry(cache, key(1), now: start.addingTimeInterval(10), loads: loads).storedAt == start)
        #expect(loads.value == 1)
        _ = try await entry(cache, key(1, last: start), now: start.addingTimeInterval(10), loads: loads)
        #expect(loads.value == 2, "a newer snapshot is another key")
        #expect(try await entry(cache, key(1), now: start.addingTimeInterval(31), bytes: 400, loads: loads).storedAt == start.addingTimeInterval(31), "expired: this caller reloads")
        #expect(loads.value == 3)
        cache.store(entry(bytes: 400, at: start.addingTimeInterval(32)), for: key(2))
        cache.store(entry(bytes: 400, at: start.addingTimeInterval(33)), for: key(3))
        #expect(cache.bytes == 800)
        _ = try await entry(cache, key(1, last: start), now: start.addingTimeInterval(34), loads: loads)
        #expect(loads.value == 4, "the oldest went first")
        _ = try await entry(cache, key(3), now: start.addingTimeInterval(34), loads: loads)
        #expect(loads.value == 4)
        _ = try await entry(cache, key(4), now: start, bytes: 2000, loads: loads)
        _ = try await entry(cache, key(4), now: start, bytes: 2000, loads: loads)
        #expect(loads.value == 6, "larger than the whole budget: not kept")
    }

    @Test func anExpiredEntryIsReloadedByOneCallerWhileTheOthersGetIt() async throws {
        let cache = EncodedHistoryCache(timeToLive: 30, maximumBytes: 1000)
        let start = Date(timeIntervalSince1970: 1_000)
        cache.store(entry(bytes: 100, at: start), for: key(1))
        let gate = Gate()
        // The first to find it expired reloads; its load waits at the gate meanwhile.
        let reload = Task { try await cache.entry(key(1), now: start.addingTimeInterval(31)) { await gate.wait(); return self.entry(bytes: 100, at: start.addingTimeInterval(31)) } }
        try await gate.whenWaiting()
        let loads = Loads()
        #expect(try await entry(cache, key(1), now: start.addingTimeInterval(32), loads: loads).storedAt == start, "the others get the expired one meanwhile")
        #expect(try await entry(cache, key(1), now: start.addingTimeInterval(60), loads: loads).storedAt == start)
        #expect(loads.value == 0)
        await gate.open()
        #expect(try await reload.value.storedAt == start.addingTimeInterval(31))
        #expect(try await entry(cache, key(1), now: start.addingTimeInterval(35), loads: loads).storedAt == start.addingTimeInterval(31), "the reload replaced it")
        #expect(cache.bytes == 100)
        // A reload that never ends: after another time to live, the next caller reloads.
        let stuck = Gate()
        let neverEnding = Task { try await cache.entry(key(1), now: start.addingTimeInterval(100)) { await stuck.wait(); return self.entry(bytes: 100, at: start) } }
        try await stuck.whenWaiting()
        #expect(try await entry(cache, key(1), now: start.addingTimeInterval(120), loads: loads).storedAt == start.addingTimeInterval(31))
        #expect(loads.value == 0)
        #expect(try await entry(cache, key(1), now: start.addingTimeInterval(131), loads: loads).storedAt == start.addingTimeInterval(131), "the stuck reload is given up")
        #expect(loads.value == 1)
        await stuck.open()
        _ = try await neverEnding.value
    }

    @Test func callersMissingTogetherWaitForOneLoad() async throws {
        let cache = EncodedHistoryCache(timeToLive: 30, maximumBytes: 1 << 20)
        let now = Date(timeIntervalSince1970: 1_000)
        let loads = Loads()
        let gate = Gate()
        let first = Task {
            try await cache.entry(key(7), now: now) {
                loads.count.add(1, ordering: .relaxed)
                await gate.wait()
                return self.entry(bytes: 500, at: now)
            }
        }
        try await gate.whenWaiting()
        let others = (0..<20).map { _ in Task { try await entry(cache, key(7), now: now.addingTimeInterval(1), loads: loads) } }
        try await Task.sleep(for: .milliseconds(50))
        #expect(loads.value == 1, "nobody else loads while the first load runs")
        await gate.open()
        #expect(try await first.value.json.count == 500)
        for other in others { #expect(try await other.value.json.count == 500, "each waiter gets the one load's entry") }
        #expect(loads.value == 1)
    }

    @Test func aFailedLoadFailsItsWaitersAndTheNextCallerLoadsAgain() async throws {
        struct Refused: Error {}
        let cache = EncodedHistoryCache(timeToLive: 30, maximumBytes: 1 << 20)
        let now = Date(timeIntervalSince1970: 1_000)
        let gate = Gate()
        let failing = Task { try await cache.entry(key(8), now: now) { await gate.wait(); throw Refused() } }
        try await gate.whenWaiting()
        let waiter = Task { try await entry(cache, key(8), now: now) }
        try await Task.sleep(for: .milliseconds(20))
        await gate.open()
        await #expect(throws: Refused.self) { try await failing.value }
        await #expect(throws: Refused.self) { try await waiter.value }
        let loads = Loads()
        #expect(try await entry(cache, key(8), now: now.addingTimeInterval(1), loads: loads).json.count == 100)
        #expect(loads.value == 1)
    }
}

/// Holds a load until opened, and tells when one is waiting.
actor Gate {
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var isOpen = false
    private var arrived = false

    func wait() async {
        arrived = true
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        waiting.forEach { $0.resume() }
        waiting.removeAll()
    }

    /// Returns once something waits at the gate (polling; at most 5 s).
    func whenWaiting() async throws {
        for _ in 0..<500 where !arrived { try await Task.sleep(for: .milliseconds(10)) }
        if !arrived { throw CancellationError() }
    }
}
