import Foundation
import Synchronization
import TrendlineDomain

/// Encoded snapshot lists of video details, kept for a short while. Snapshots never change once
/// written, and a video's history only grows when its newest snapshot moves, so an entry is
/// keyed by the video, the visible range and the newest snapshot's time. Entries also expire
/// after `timeToLive`, which bounds how long an out-of-order snapshot (older than the newest) can
/// be missing from a detail.
final class EncodedHistoryCache: Sendable {
    struct Key: Hashable, Sendable {
        let videoID: Int64
        let videoCreatedAt: Date
        let lower: Date
        let upper: Date
        let lastSnapshotAt: Date?
        let limit: Int
    }

    struct Entry: Sendable {
        let json: [UInt8]
        let latest: Snapshot?
        let hasMore: Bool
        let storedAt: Date
    }

    private let entries = Mutex<[Key: Entry]>([:])
    let timeToLive: TimeInterval
    let maximumEntries: Int

    init(timeToLive: TimeInterval = 30, maximumEntries: Int = 2_000) {
        self.timeToLive = timeToLive
        self.maximumEntries = maximumEntries
    }

    func entry(_ key: Key, now: Date) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard now.timeIntervalSince(entry.storedAt) < timeToLive && now >= entry.storedAt else {
                entries[key] = nil
                return nil
            }
            return entry
        }
    }

    func store(_ entry: Entry, for key: Key) {
        entries.withLock { entries in
            if entries.count >= maximumEntries {
                // Drop the expired first; if none, the oldest.
                let oldest = entries.min { $0.value.storedAt < $1.value.storedAt }
                if let oldest { entries[oldest.key] = nil }
            }
            entries[key] = entry
        }
    }
}
