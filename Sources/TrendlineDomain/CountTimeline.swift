import Foundation

/// The summed counts of several videos at each of a list of times, each video counted as it
/// stood then (its newest snapshot taken at or before the time): a campaign's growth curve.
public struct CountTimeline: Sendable {
    /// Ascending.
    public let times: [Date]
    /// One total per time.
    public private(set) var totals: [CountTotals]

    public init(times: [Date]) {
        self.times = times.sorted()
        totals = Array(repeating: CountTotals(), count: times.count)
    }

    /// Adds one video from its snapshots, oldest first, at the times from `since` on (when it
    /// began to be tracked): before that it is not counted at all. Before its first snapshot it
    /// counts in `videos` but not in `withSnapshot`.
    public mutating func add(_ snapshots: [Snapshot], since: Date = .distantPast) {
        var next = 0
        var latest: Counts?
        for (index, time) in times.enumerated() where time >= since {
            while next < snapshots.count, snapshots[next].takenAt <= time {
                latest = snapshots[next].counts
                next += 1
            }
            totals[index].add(latest)
        }
    }

    /// Each point's views less the point before's: `nil` for the first point, or where either
    /// has none. What a history's `views_gained` is.
    public static func gains(_ views: [Int64?]) -> [Int64?] {
        views.indices.map { index in
            guard index > 0, let now = views[index], let before = views[index - 1] else { return nil }
            return now - before
        }
    }

    /// ``times(from:to:step:limit:)`` from `from` when one was asked, else from `start` (when
    /// the video or the campaign began), or from `to` when that is earlier: the grid of every
    /// history, the API's and the CLI's.
    public static func times(from: Date?, startingAt start: Date, to: Date, step: TimeInterval, limit: Int) -> [Date]? {
        times(from: from ?? min(start, to), to: to, step: step, limit: limit)
    }

    /// The times from `from` to `to` every `step` seconds, on whole steps since 1970 (UTC hours
    /// or days), ending with `to` itself; `nil` when there would be more than `limit`.
    public static func times(from: Date, to: Date, step: TimeInterval, limit: Int) -> [Date]? {
        guard step > 0, from <= to else { return [to] }
        let first = (from.timeIntervalSince1970 / step).rounded(.up) * step
        let whole = first > to.timeIntervalSince1970 ? 0 : Int(((to.timeIntervalSince1970 - first) / step).rounded(.down)) + 1
        guard whole < limit else { return nil }
        var times = (0..<whole).map { Date(timeIntervalSince1970: first + Double($0) * step) }
        if times.last != to { times.append(to) }
        return times
    }
}
