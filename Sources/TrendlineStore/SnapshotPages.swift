import Foundation
import TrendlineDomain

extension TrendlineRepository {
    /// Reads the snapshots of `videoID` taken in `range`, oldest first, a page of 1,000 at a time,
    /// handing each page to `body`: for reports that walk a whole history without holding it.
    public func forEachSnapshotPage(videoID: Int64, in range: ClosedRange<Date>, _ body: ([Snapshot]) throws -> Void) async throws {
        var after: Date?
        while true {
            let page = try await snapshots(videoID: videoID, in: range, after: after, limit: 1_000)
            try body(page)
            guard page.count == 1_000, let last = page.last else { return }
            after = last.takenAt
        }
    }
}
