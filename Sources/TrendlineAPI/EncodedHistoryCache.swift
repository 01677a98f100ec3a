import Foundation
import Synchronization
import TrendlineDomain

/// Encoded snapshot lists of video details, kept for a short while. Snapshots never change once
/// written, and a video's history only grows when its newest snapshot moves, so an entry is
/// keyed by the video, the visible range and the newest snapshot's time. Entries also expire
/// after `timeToLive`, which bounds how long an out-of-order snapshot (older than the newest) can
/// be missing from a detail.
///
/// An expired entry is reloaded by one request only: the first to find it expired gets `nil`
/// and reloads, and the others get the expired entry until the reload is stored (or, if it never
/// is, for another `timeToLive`). When every connection reloaded at once, 64 connections each
/// read and encoded 720 snapshots on two cores, and the detail's p99 rose from 16 to 30-45 ms
/// (docs/benchmarks.md, tenth round).
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
        /// Detail envelopes rendered around `json`, by tracking.
        let renderings = DetailRenderings()
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        /// Expired entries being reloaded, and since when.
        var reloading: [Key: Date] = [:]
    }

    private let state = Mutex(State())
    let timeToLive: TimeInterval
    /// The most encoded bytes kept; the oldest entries go first beyond it.
    let maximumBytes: Int

    init(timeToLive: TimeInterval = 30, maximumBytes: Int = 32 << 20) {
        self.timeToLive = timeToLive
        self.maximumBytes = maximumBytes
    }

    /// The entry for `key`, or `nil` when the caller is to load it and ``store(_:for:)`` it.
    func entry(_ key: Key, now: Date) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            if isLive(since: entry.storedAt, now: now) { return entry }
            if let since = state.reloading[key], isLive(since: since, now: now) { return entry }
            state.reloading[key] = now
            return nil
        }
    }

    /// Less than `timeToLive` has passed since `since` (a clock moved back counts as expired).
    private func isLive(since: Date, now: Date) -> Bool {
        now.timeIntervalSince(since) < timeToLive && now >= since
    }

    func store(_ entry: Entry, for key: Key) {
        guard entry.json.count <= maximumBytes else { return }
        state.withLock { state in
            state.reloading[key] = nil
            if let replaced = state.entries.updateValue(entry, forKey: key) { state.bytes -= replaced.json.count }
            state.bytes += entry.json.count
            while state.bytes > maximumBytes, let oldest = state.entries.min(by: { $0.value.storedAt < $1.value.storedAt }) {
                state.entries[oldest.key] = nil
                state.reloading[oldest.key] = nil
                state.bytes -= oldest.value.json.count
            }
        }
    }

    /// Encoded bytes held now.
    var bytes: Int { state.withLock { $0.bytes } }
}
