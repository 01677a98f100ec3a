import Foundation
import Testing
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

/// `trendline backup`: a consistent copy of the SQLite file, taken while the store stays open.
struct SQLiteBackupTests {
    @Test func theCopyOpensWithEverythingAndAnExistingFileIsNeverOverwritten() async throws {
        let directory = try ScratchDirectory.make("backup")
        let store = try SQLiteRepository(path: directory.appendingPathComponent("trendline.sqlite").path)
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let account = try await store.createAccount(name: "acme", at: now)
        let video = VideoURL(platform: .youtube, externalID: "dQw4w9WgXcQ", canonicalURL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        let tracked = try #require(try await store.track(
            [NewTracking(accountID: account.id, video: video, submittedURL: video.canonicalURL, duration: .default, cadence: .hourly, notes: "kept")],
            at: now)[0].trackedVideo)
        for hour in 0..<3 {
            let at = now.addingTimeInterval(Double(hour) * 3600 + 1)
            try await store.recordSnapshot(
                Snapshot(videoID: tracked.video.id, takenAt: at, counts: Counts(views: Int64(100 * (hour + 1))), provider: "t"), metadata: .init(), at: at)
        }

        let path = directory.appendingPathComponent("copy.sqlite").path
        let summary = try store.backup(to: path)
        #expect(summary.accounts == 1 && summary.trackings == 1 && summary.snapshots == 3 && summary.bytes > 0, "\(summary)")
        // Writes after the backup are not in it.
        try await store.recordSnapshot(
            Snapshot(videoID: tracked.video.id, takenAt: now.addingTimeInterval(4 * 3600), counts: Counts(views: 999), provider: "t"), metadata: .init(), at: now)

        let copy = try SQLiteRepository(path: path)
        let restored = try #require(try await copy.trackedVideo(id: tracked.tracking.id, accountID: account.id))
        #expect(restored.tracking.notes == "kept")
        let history = try await copy.snapshots(videoID: restored.video.id, in: now...now.addingTimeInterval(86_400), after: nil, limit: 10)
        #expect(history.map(\.counts.views) == [100, 200, 300])

        #expect(throws: StoreError.self) { try store.backup(to: path) }
        #expect(try await copy.snapshots(videoID: restored.video.id, in: now...now.addingTimeInterval(86_400), after: nil, limit: 10).count == 3,
                "the refused backup left the earlier copy as it was")
    }
}
