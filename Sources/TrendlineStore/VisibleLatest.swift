import Foundation
import TrendlineDomain

/// A tracked video with the newest snapshot its account may see and the one its day's gain is
/// counted from: what every answer about a video (lists, exports, campaign reports) shows its
/// counts from.
public struct VisibleVideo: Sendable, Hashable {
    public var item: TrackedVideo
    public var latest: Snapshot?
    /// The newest visible snapshot a day or more older than `latest`
    /// (``TrendlineRepository/visibleDayBefore(_:latest:)``).
    public var dayBefore: Snapshot?

    public init(item: TrackedVideo, latest: Snapshot?, dayBefore: Snapshot?) {
        self.item = item
        self.latest = latest
        self.dayBefore = dayBefore
    }
}

/// One read of a video's history: its newest snapshot taken inside `range`.
public struct SnapshotLookup: Sendable, Hashable {
    public var videoID: Int64
    public var range: ClosedRange<Date>

    public init(videoID: Int64, range: ClosedRange<Date>) {
        self.videoID = videoID
        self.range = range
    }
}

extension TrendlineRepository {
    /// The newest snapshot of `item`'s video that its tracking may see (inside its
    /// ``Tracking/visibleRange``): the video row's latest counts when they fall in that range,
    /// else one read of the history. (The shared video may have newer snapshots, taken for
    /// other accounts after this tracking ended.)
    public func visibleLatest(_ item: TrackedVideo) async throws -> Snapshot? {
        switch item.latestSource {
        case .none: return nil
        case .row(let snapshot): return snapshot
        case .history(let lookup): return try await latestSnapshot(videoID: lookup.videoID, in: lookup.range)
        }
    }

    /// ``visibleLatest(_:)`` and ``visibleDayBefore(_:latest:)`` together: what a video answer
    /// shows its counts and its day's gain from.
    public func visibleLatestAndDayBefore(_ item: TrackedVideo) async throws -> (latest: Snapshot?, dayBefore: Snapshot?) {
        let latest = try await visibleLatest(item)
        return (latest, try await visibleDayBefore(item, latest: latest))
    }

    /// ``visibleLatestAndDayBefore(_:)`` of every item, in order, with the history reads
    /// batched (``latestSnapshots(_:)``): a list, an export or a campaign's report of thousands
    /// of videos makes a few reads, not two per video.
    public func visibleLatestAndDayBefore(_ items: [TrackedVideo]) async throws -> [VisibleVideo] {
        var result = items.map { VisibleVideo(item: $0, latest: nil, dayBefore: nil) }
        var pending: [(index: Int, lookup: SnapshotLookup)] = []
        for (index, item) in items.enumerated() {
            switch item.latestSource {
            case .none: break
            case .row(let snapshot): result[index].latest = snapshot
            case .history(let lookup): pending.append((index, lookup))
            }
        }
        for (entry, snapshot) in zip(pending, try await latestSnapshots(pending.map(\.lookup))) {
            result[entry.index].latest = snapshot
        }
        pending = result.indices.compactMap { index in
            result[index].item.dayBeforeLookup(latest: result[index].latest).map { (index, $0) }
        }
        for (entry, snapshot) in zip(pending, try await latestSnapshots(pending.map(\.lookup))) {
            result[entry.index].dayBefore = snapshot
        }
        return result
    }

    /// The newest snapshot `item`'s tracking may see that is at least ``Snapshot/dayBefore``
    /// older than `latest` (its newest visible one): what the views gained in a day are counted
    /// from. `nil` when the tracking has none that old. One read of the history.
    public func visibleDayBefore(_ item: TrackedVideo, latest: Snapshot?) async throws -> Snapshot? {
        guard let lookup = item.dayBeforeLookup(latest: latest) else { return nil }
        return try await latestSnapshot(videoID: lookup.videoID, in: lookup.range)
    }
}

/// Where ``TrendlineRepository/visibleLatest(_:)`` comes from.
private enum LatestSource {
    case none
    case row(Snapshot)
    case history(SnapshotLookup)
}

extension TrackedVideo {
    fileprivate var latestSource: LatestSource {
        guard let last = video.lastSnapshotAt else { return .none }
        let range = tracking.visibleRange
        if range.contains(last), let counts = video.latest {
            return .row(Snapshot(videoID: video.id, takenAt: last, counts: counts, provider: ""))
        }
        return .history(SnapshotLookup(videoID: video.id, range: range))
    }

    fileprivate func dayBeforeLookup(latest: Snapshot?) -> SnapshotLookup? {
        guard let latest else { return nil }
        let range = tracking.visibleRange
        let end = latest.takenAt.addingTimeInterval(-Snapshot.dayBefore)
        guard end >= range.lowerBound else { return nil }
        return SnapshotLookup(videoID: video.id, range: range.lowerBound...end)
    }
}
