import Foundation

/// A view count a user wants to hear about (`milestone.reached`), and when a snapshot first
/// showed the video at or above it.
public struct Milestone: Sendable, Hashable {
    public var views: Int64
    public var reachedAt: Date?

    public init(views: Int64, reachedAt: Date? = nil) {
        self.views = views
        self.reachedAt = reachedAt?.truncatedToMilliseconds
    }
}

/// The milestones of one tracking, and how they are stored (one text column:
/// `100000,1000000@1767225600000` where `@ms` marks a reached one).
public enum MilestoneList {
    /// At most this many thresholds per tracking.
    public static let maximumCount = 20

    /// Validates what a user asked for: positive, at most ``maximumCount``; sorted,
    /// deduplicated. `nil` with the reason when it is not acceptable.
    public static func validated(_ views: [Int64]) -> (values: [Int64]?, problem: String?) {
        guard views.count <= maximumCount else { return (nil, "at most \(maximumCount) milestones per video") }
        guard views.allSatisfy({ $0 > 0 }) else { return (nil, "milestones are view counts above zero") }
        return (Array(Set(views)).sorted(), nil)
    }

    /// Reads thresholds typed as text (`50000,500000`; commas or spaces between them) and
    /// validates them; `nil` with the reason when they are not view counts or not acceptable.
    public static func parsed(_ text: String) -> (values: [Int64]?, problem: String?) {
        let words = text.split(whereSeparator: { $0 == "," || $0.isWhitespace })
        let values = words.map { Int64($0) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
            return (nil, "milestones are view counts separated by commas (e.g. 50000,500000), got '\(text)'")
        }
        return validated(values.compactMap { $0 })
    }

    /// Replaces the thresholds, keeping when the ones still listed were reached.
    public static func replacing(_ current: [Milestone], with views: [Int64]) -> [Milestone] {
        views.map { value in Milestone(views: value, reachedAt: current.first { $0.views == value }?.reachedAt) }
    }

    /// The thresholds a reading of `views` reaches for the first time.
    public static func newlyReached(_ milestones: [Milestone], views: Int64?) -> [Int64] {
        guard let views else { return [] }
        return milestones.filter { $0.reachedAt == nil && views >= $0.views }.map(\.views)
    }

    /// Marks `reached` as reached at `date`.
    public static func marking(_ milestones: [Milestone], reached: [Int64], at date: Date) -> [Milestone] {
        milestones.map { reached.contains($0.views) && $0.reachedAt == nil ? Milestone(views: $0.views, reachedAt: date) : $0 }
    }

    /// For a stored list and a new reading: the list to store and the thresholds reached for the
    /// first time, or `nil` when none is.
    public static func reach(stored: String?, views: Int64, at date: Date) -> (stored: String?, reached: [Int64])? {
        let milestones = decode(stored)
        let reached = newlyReached(milestones, views: views)
        guard !reached.isEmpty else { return nil }
        return (encode(marking(milestones, reached: reached, at: date)), reached)
    }

    public static func encode(_ milestones: [Milestone]) -> String? {
        guard !milestones.isEmpty else { return nil }
        return milestones.map { item in item.reachedAt.map { "\(item.views)@\($0.millisecondsSince1970)" } ?? "\(item.views)" }
            .joined(separator: ",")
    }

    public static func decode(_ text: String?) -> [Milestone] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").compactMap { part in
            let pieces = part.split(separator: "@")
            guard let views = Int64(pieces[0]) else { return nil }
            let reached = pieces.count > 1 ? Int64(pieces[1]).map(Date.init(millisecondsSince1970:)) : nil
            return Milestone(views: views, reachedAt: reached)
        }
    }
}
