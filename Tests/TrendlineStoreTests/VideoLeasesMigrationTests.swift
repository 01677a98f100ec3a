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

/// Migration 008 drops `video_leases`' foreign key (its parent check read each claimed video's
/// row a first time) for a trigger: a lease held before still holds, a lease of a video that no
/// longer exists does not survive the copy, and deleting a video deletes its lease.
struct LeasesWithoutParentCheckMigrationTests {
    @Test func leasesSurviveTheCopyAndFollowDeletedVideos() async throws {
        let (path, queue) = try sqliteDatabase(before: "008_video_leases_without_parent_check", name: "008")
        try await queue.write { db in
            let insert = "INSERT INTO videos (id, platform, external_id, canonical_url, created_at, next_check_at) VALUES (?, 'youtube', ?, 'u', 0, 1000)"
            try db.execute(sql: insert, arguments: [1, "aaaaaaaaaaa"])
            try db.execute(sql: insert, arguments: [2, "bbbbbbbbbbb"])
            try db.execute(sql: "INSERT INTO video_leases (video_id, lease_until) VALUES (1, 50000)")
        }
        // A lease whose video is gone (possible only with foreign keys off): not copied.
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO video_leases (video_id, lease_until) VALUES (9, 50000)")
        }
        try queue.close()

        let store = try SQLiteRepository(path: path)
        let now = Date(millisecondsSince1970: 10_000)
        let claimed = try await store.claimDueVideos(at: now, limit: 10, leaseUntil: Date(millisecondsSince1970: 70_000))
        #expect(claimed.map(\.id) == [2], "video 1 is still leased until 50,000")

        let check = try DatabaseQueue(path: path)
        let (keys, leased) = try await check.read { db in
            (try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(video_leases)").count,
             try Int64.fetchAll(db, sql: "SELECT video_id FROM video_leases ORDER BY video_id"))
        }
        #expect(keys == 0, "no parent check on each inserted lease")
        #expect(leased == [1, 2])
        try await check.write { db in try db.execute(sql: "DELETE FROM videos WHERE id = 1") }
        #expect(try await check.read { db in try Int64.fetchAll(db, sql: "SELECT video_id FROM video_leases") } == [2])
    }
}
