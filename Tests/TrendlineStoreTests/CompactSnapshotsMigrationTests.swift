import Foundation
import GRDB
import Testing
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore

/// Migration 006 moves SQLite snapshots' provider names into a `providers` table without losing
/// a row, a count or a name, and new snapshots keep using it.
struct CompactSnapshotsMigrationTests {
    @Test func snapshotsWrittenBeforeTheMigrationKeepEverything() async throws {
        let (path, queue) = try sqliteDatabase(before: "006_compact_snapshots", name: "006")
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO videos (id, platform, external_id, canonical_url, created_at) VALUES (1, 'youtube', 'aaaaaaaaaaa', 'u', 0)")
            try db.execute(sql: "INSERT INTO snapshots VALUES (1, 1000, 10, 1, NULL, 0, 2, 'youtube-data-api')")
            try db.execute(sql: "INSERT INTO snapshots VALUES (1, 2000, 20, NULL, 3, 0, 4, 'yt-dlp')")
        }
        try queue.close()

        let store = try SQLiteRepository(path: path)
        let range = Date(millisecondsSince1970: 0)...Date(millisecondsSince1970: 10_000)
        let rows = try await store.snapshots(videoID: 1, in: range, after: nil, limit: 10)
        #expect(rows == [
            Snapshot(videoID: 1, takenAt: Date(millisecondsSince1970: 1000), counts: Counts(views: 10, likes: 1, comments: nil, shares: 0, saves: 2), provider: "youtube-data-api"),
            Snapshot(videoID: 1, takenAt: Date(millisecondsSince1970: 2000), counts: Counts(views: 20, likes: nil, comments: 3, shares: 0, saves: 4), provider: "yt-dlp"),
        ])
        let next = Snapshot(videoID: 1, takenAt: Date(millisecondsSince1970: 3000), counts: Counts(views: 30), provider: "yt-dlp")
        #expect(try await store.recordSnapshot(next, metadata: .init(), at: next.takenAt))
        #expect(try await store.latestSnapshot(videoID: 1, in: range) == next)
        let providers = try await DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT name FROM providers ORDER BY id") }
        #expect(providers == ["youtube-data-api", "yt-dlp"], "one row per name, reused by new snapshots")
    }
}
