import Foundation
import GRDB
import Testing
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore

/// Migration 007 moves SQLite video leases out of `videos` into `video_leases`: a lease held
/// before the upgrade still keeps its video from being claimed twice, and expired or absent
/// leases leave videos claimable.
struct VideoLeasesMigrationTests {
    @Test func leasesTakenBeforeTheMigrationStillHold() async throws {
        let (path, queue) = try sqliteDatabase(before: "007_video_leases", name: "007")
        try await queue.write { db in
            let insert = "INSERT INTO videos (id, platform, external_id, canonical_url, created_at, next_check_at, lease_until) VALUES (?, 'youtube', ?, 'u', 0, 1000, ?)"
            try db.execute(sql: insert, arguments: [1, "aaaaaaaaaaa", 50_000])  // leased until after "now"
            try db.execute(sql: insert, arguments: [2, "bbbbbbbbbbb", 5_000])  // lease expired
            try db.execute(sql: insert, arguments: [3, "ccccccccccc", nil])  // never leased
        }
        try queue.close()

        let store = try SQLiteRepository(path: path)
        let now = Date(millisecondsSince1970: 10_000)
        #expect(try await store.video(id: 1)?.leaseUntil == Date(millisecondsSince1970: 50_000))
        let claimed = try await store.claimDueVideos(at: now, limit: 10, leaseUntil: Date(millisecondsSince1970: 70_000))
        #expect(claimed.map(\.id) == [2, 3])
        #expect(claimed.allSatisfy { $0.leaseUntil == Date(millisecondsSince1970: 70_000) })
        #expect(try await store.claimDueVideos(at: now, limit: 10, leaseUntil: Date(millisecondsSince1970: 70_000)).isEmpty)
        let columns = try await DatabaseQueue(path: path).read { db in try db.columns(in: "videos").map(\.name) }
        #expect(!columns.contains("lease_until"), "the lease lives in video_leases only")
    }
}
