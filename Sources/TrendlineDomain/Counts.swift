/// The public counters of a video at one moment.
///
/// Each counter is optional: `nil` means the platform did not report it, which is different
/// from a reported zero.
public struct Counts: Sendable, Hashable, Codable {
    public var views: Int64?
    public var likes: Int64?
    public var comments: Int64?
    public var shares: Int64?
    public var saves: Int64?

    public init(views: Int64? = nil, likes: Int64? = nil, comments: Int64? = nil, shares: Int64? = nil, saves: Int64? = nil) {
        self.views = views
        self.likes = likes
        self.comments = comments
        self.shares = shares
        self.saves = saves
    }

    /// Interactions (likes, comments, shares, saves: those reported) per view; `nil` without
    /// views, so a platform that hides views shows no rate rather than an infinite one.
    public var engagementRate: Double? {
        guard let views, views > 0 else { return nil }
        let interactions = [likes, comments, shares, saves].reduce(0.0) { $0 + Double($1 ?? 0) }
        return interactions / Double(views)
    }
}

/// A counter a platform can report.
public enum Metric: String, CaseIterable, Sendable, Codable {
    case views, likes, comments, shares, saves
}
