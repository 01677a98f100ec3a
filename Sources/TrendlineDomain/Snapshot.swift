import Foundation

/// One observation of a video's counters, as a provider reported them. Append-only.
public struct Snapshot: Sendable, Hashable {
    /// The internal id of the ``Video`` the snapshot belongs to.
    public var videoID: Int64
    /// When the counters were read (millisecond precision).
    public var takenAt: Date
    public var counts: Counts
    /// The name of the provider that answered, e.g. "youtube-data-api".
    public var provider: String

    public init(videoID: Int64, takenAt: Date, counts: Counts, provider: String) {
        self.videoID = videoID
        self.takenAt = takenAt.truncatedToMilliseconds
        self.counts = counts
        self.provider = provider
    }
}

extension Snapshot {
    /// How long before the newest snapshot the one a day's gain is counted from must be.
    public static let dayBefore: TimeInterval = 86_400

    /// The views gained since `earlier` (the newest snapshot at least ``dayBefore`` older: see
    /// `visibleDayBefore`); `nil` without it or when either did not report views. Negative
    /// when the platform's count went down.
    public func viewsGained(since earlier: Snapshot?) -> Int64? {
        guard let earlier, let now = counts.views, let then = earlier.counts.views else { return nil }
        return now - then
    }
}
