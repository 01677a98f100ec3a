import Foundation
import TrendlineDomain

extension TrendlineRepository {
    /// The newest snapshot of `item`'s video that its tracking may see (inside its
    /// ``Tracking/visibleRange``): the video row's latest counts when they fall in that range,
    /// else one read of the history. (The shared video may have newer snapshots, taken for
    /// other accounts after this tracking ended.)
    public func visibleLatest(_ item: TrackedVideo) async throws -> Snapshot? {
        guard let last = item.video.lastSnapshotAt else { return nil }
        let range = item.tracking.visibleRange
        if range.contains(last), let counts = item.video.latest {
            return Snapshot(videoID: item.video.id, takenAt: last, counts: counts, provider: "")
        }
        return try await latestSnapshot(videoID: item.video.id, in: range)
    }
}
