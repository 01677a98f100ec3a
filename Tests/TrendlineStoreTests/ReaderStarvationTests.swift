import Foundation
import Synchronization
import Testing
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

/// The API's per-request reads and every other read share SQLite's readers. A read that waited
/// for a reader by blocking its thread could take every thread of Swift's cooperative pool (as
/// many as cores) while the readers were held by async reads that needed one of those threads
/// to finish: the server then answered nothing, ever (seen in the GET benchmark).
struct ReaderStarvationTests {
    @Test func manyConcurrentRequestReadsAndOtherReadsAllFinish() async throws {
        // A starved pool cannot run Swift Testing's time limit either: a plain thread ends the
        // run instead of letting it hang.
        let finishedInTime = Atomic(false)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 60)
            if !finishedInTime.load(ordering: .relaxed) {
                print("ReaderStarvationTests: the reads did not finish in 60 s: the cooperative pool is starved")
                exit(1)
            }
        }
        defer { finishedInTime.store(true, ordering: .relaxed) }
        let directory = try ScratchDirectory.make("starve")
        let store = try SQLiteRepository(path: directory.appendingPathComponent("test.sqlite").path)
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let account = try await store.createAccount(name: "a", at: now)
        let video = VideoURL(platform: .youtube, externalID: "dQw4w9WgXcQ", canonicalURL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        let tracked = try await store.track(
            [NewTracking.hourly(video, for: account.id)], at: now)[0]
            .trackedVideo!
        let finished = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<400 {
                group.addTask {
                    if index % 2 == 0 {
                        _ = try await store.keyWithAccount(hash: "no-such-key")
                        _ = try await store.trackedVideo(id: tracked.tracking.id, accountID: account.id)
                    } else {
                        _ = try await store.snapshots(videoID: tracked.video.id, in: now...now.addingTimeInterval(3600), after: nil, limit: 10)
                        _ = try await store.listAccounts()
                    }
                    return 1
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(finished == 400)
    }
}
