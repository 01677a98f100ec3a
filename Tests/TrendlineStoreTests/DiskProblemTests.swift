import Foundation
import GRDB
import Testing
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport
@testable import TrendlineSQLite

/// A disk that cannot take a write (full, read-only) is `unavailable` (503, nothing changed,
/// try again), not an internal error; reads go on, and the store says why writes fail until
/// one succeeds. SQLite's `max_page_count` makes the file "full" at its size, as a full disk
/// does (SQLITE_FULL); `query_only` makes it refuse writes as a read-only file does. The store
/// says why writes fail for a minute after the last such failure.
struct DiskProblemTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func store() throws -> SQLiteRepository {
        try SQLiteRepository(path: try ScratchDirectory.make("disk").appendingPathComponent("t.sqlite").path)
    }

    func trackings(_ account: Account, _ count: Int, from first: Int) -> [NewTracking] {
        (first..<first + count).map { n in
            let video = VideoURL(platform: .x, externalID: "\(5_000_000 + n)", canonicalURL: "https://x.com/i/status/\(5_000_000 + n)")
            return NewTracking.hourly(video, for: account.id)
        }
    }

    @Test func aFullDiskIsUnavailableReadsGoOnAndWritesResumeWhenThereIsRoom() async throws {
        let store = try store()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let pages = try await store.pool.base.write { db in try Int.fetchOne(db, sql: "PRAGMA page_count")! }
        try await store.pool.base.write { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
        do {
            _ = try await store.track(trackings(account, 500, from: 0), at: Self.t0)
            Issue.record("500 trackings fitted in a file that could not grow")
        } catch let StoreError.unavailable(message) {
            #expect(message.hasPrefix("the disk holding the SQLite file is full; nothing was changed"), "\(message)")
        }
        #expect(await store.writeProblem()?.hasPrefix("the disk holding the SQLite file is full") == true)
        try await store.ping()
        #expect(try await store.listTrackedVideos(accountID: account.id, filter: .init(), page: .init(limit: 10), at: Self.t0).items.isEmpty, "nothing half-written")

        try await store.pool.base.write { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
        #expect(try await store.track(trackings(account, 500, from: 0), at: Self.t0).count == 500, "writes resume once there is room")
    }

    @Test func aFileThatCannotBeWrittenIsUnavailable() async throws {
        let store = try store()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        try await store.pool.base.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
        await #expect {
            _ = try await store.track(trackings(account, 1, from: 0), at: Self.t0)
        } throws: { error in
            "\(error)".hasPrefix("the SQLite file cannot be written")
        }
        #expect(await store.writeProblem()?.hasPrefix("the SQLite file cannot be written") == true)
    }

    @Test func aProblemIsSaidForAMinute() {
        let problems = RecentWriteProblem()
        #expect(problems.recent() == nil)
        let then = Date()
        problems.record("full", at: then)
        #expect(problems.recent(now: then.addingTimeInterval(59)) == "full")
        #expect(problems.recent(now: then.addingTimeInterval(RecentWriteProblem.reportedFor + 1)) == nil)
    }

    /// At start, the file's and the disk's problems are named with the path (the manual check:
    /// a full 1 MB tmpfs, and a directory the user cannot write; as root, tests cannot make one).
    @Test func aFileThatCannotBeOpenedIsNamedWithItsCause() {
        let path = "/var/lib/trendline/trendline.sqlite"
        #expect(SQLiteRepository.openingError(DatabaseError(resultCode: .SQLITE_FULL), path: path)
            == .unavailable("cannot open '\(path)': the disk holding it is full; free some space and start again"))
        let readOnly = SQLiteRepository.openingError(DatabaseError(resultCode: .SQLITE_READONLY, message: "attempt to write a readonly database"), path: path)
        #expect(readOnly == .unavailable("cannot open '\(path)' for writing (SQLite: attempt to write a readonly database): check the disk and the permissions of the file and its directory"))
        #expect(SQLiteRepository.openingError(DatabaseError(resultCode: .SQLITE_CONSTRAINT), path: path) == nil)
    }
}
