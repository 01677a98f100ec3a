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

    /// ``visibleLatest(_:)`` and ``visibleDayBefore(_:latest:)`` together: what a video answer
    /// shows its counts and its day's gain from.
    public func visibleLatestAndDayBefore(_ item: TrackedVideo) async throws -> (latest: Snapshot?, dayBefore: Snapshot?) {
        let latest = try await visibleLatest(item)
        return (latest, try await visibleDayBefore(item, latest: latest))
    }

    /// The newest snapshot `item`'s tracking may see that is at least ``Snapshot/dayBefore``
    /// older than `latest` (its newest visible one): what the views gained in a day are counted
    /// from. `nil` when the tracking has none that old. One read of the history.
    public func visibleDayBefore(_ item: TrackedVideo, latest: Snapshot?) async throws -> Snapshot? {
        guard let latest else { return nil }
        let range = item.tracking.visibleRange
        let end = latest.takenAt.addingTimeInterval(-Snapshot.dayBefore)
        guard end >= range.lowerBound else { return nil }
        return try await latestSnapshot(videoID: item.video.id, in: range.lowerBound...end)
    }
}
