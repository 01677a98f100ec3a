import Foundation
import Synchronization
import TrendlineDomain

/// Encoded snapshot lists of video details, kept for a short while. Snapshots never change once
/// written, and a video's history only grows when its newest snapshot moves, so an entry is
/// keyed by the video, the visible range and the newest snapshot's time. Entries also expire
/// after `timeToLive`, which bounds how long an out-of-order snapshot (older than the newest) can
/// be missing from a detail.
///
/// A history is loaded by one request at a time. When an entry has expired, the first request
/// to find it so reloads it and the others get the expired entry until the reload is stored
/// (or, if it never is, for another `timeToLive`). When there is no entry (a new snapshot moved
/// the key, or the video was not read lately), the first request loads it and the others wait
/// for that load rather than each reading and encoding the same history. When every connection
/// reloaded at once, 64 connections each read and encoded 720 snapshots on two cores, and the
/// detail's p99 rose from 16 to 30-45 ms (docs/benchmarks.md, tenth round).
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
        /// What the day's gain is counted from (``TrendlineRepository/visibleDayBefore(_:latest:)``).
        let dayBefore: Snapshot?
        let hasMore: Bool
        let storedAt: Date
        /// Detail envelopes rendered around `json`, by tracking.
        let renderings = DetailRenderings()
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        /// Histories being loaded, and since when.
        var loading: [Key: Load] = [:]
    }

    private struct Load {
        let since: Date
        let task: Task<Entry, any Error>
    }

    private enum Step {
        case kept(Entry)
        case wait(Task<Entry, any Error>)
    }

    private let state = Mutex(State())
    let timeToLive: TimeInterval
    /// The most encoded bytes kept; the oldest entries go first beyond it.
    let maximumBytes: Int

    init(timeToLive: TimeInterval = 30, maximumBytes: Int = 32 << 20) {
        self.timeToLive = timeToLive
        self.maximumBytes = maximumBytes
    }

    /// The entry for `key`: the one kept, or the one `load` makes (and the cache keeps). A caller
    /// that misses while another caller's load of the same key runs waits for that load; one
    /// that finds the entry expired while it is being reloaded gets the expired entry. A load
    /// that fails fails its waiters too, and the next caller loads again.
    func entry(_ key: Key, now: Date, load: @escaping @Sendable () async throws -> Entry) async throws -> Entry {
        let step = state.withLock { state -> Step in
            let kept = state.entries[key]
            if let kept, isLive(since: kept.storedAt, now: now) { return .kept(kept) }
            if let running = state.loading[key], isLive(since: running.since, now: now) {
                if let kept { return .kept(kept) }
                return .wait(running.task)
            }
            let task = Task { [weak self] in
                do {
                    let entry = try await load()
                    self?.store(entry, for: key)
                    return entry
                } catch {
                    self?.state.withLock { state in
                        if state.loading[key]?.since == now { state.loading[key] = nil }
                    }
                    throw error
                }
            }
            state.loading[key] = Load(since: now, task: task)
            return .wait(task)
        }
        switch step {
        case .kept(let entry): return entry
        case .wait(let task): return try await task.value
        }
    }

    /// The entry for `key` when one is kept and still live at `now`; never loads.
    func kept(_ key: Key, now: Date) -> Entry? {
        state.withLock { state in
            guard let kept = state.entries[key], isLive(since: kept.storedAt, now: now) else { return nil }
            return kept
        }
    }

    /// Less than `timeToLive` has passed since `since` (a clock moved back counts as expired).
    private func isLive(since: Date, now: Date) -> Bool {
        now.timeIntervalSince(since) < timeToLive && now >= since
    }

    func store(_ entry: Entry, for key: Key) {
        state.withLock { state in
            state.loading[key] = nil
            guard entry.json.count <= maximumBytes else { return }
            if let replaced = state.entries.updateValue(entry, forKey: key) { state.bytes -= replaced.json.count }
            state.bytes += entry.json.count
            while state.bytes > maximumBytes, let oldest = state.entries.min(by: { $0.value.storedAt < $1.value.storedAt }) {
                state.entries[oldest.key] = nil
                state.loading[oldest.key] = nil
                state.bytes -= oldest.value.json.count
            }
        }
    }

    /// Encoded bytes held now.
    var bytes: Int { state.withLock { $0.bytes } }
}
