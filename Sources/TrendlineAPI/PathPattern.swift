/// A route's path as its segments, each a constant or a parameter (`:id`, `{id}`, `*`), matched
/// against request paths as the router matches them: a path resolves to its most specific
/// pattern (`/v1/videos/track` is the track route, not `/v1/videos/{id}`).
struct PathPattern: Hashable, Sendable {
    /// The constant segments; `nil` where a parameter stands.
    let segments: [String?]

    init(_ path: String) {
        segments = path.split(separator: "/").map { Self.isParameter($0) ? nil : String($0) }
    }

    /// A segment that matches any one segment of a path.
    static func isParameter(_ segment: Substring) -> Bool {
        segment.hasPrefix(":") || segment.hasPrefix("{") || segment == "*"
    }

    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == segments.count else { return false }
        return zip(segments, parts).allSatisfy { expected, part in expected.map { $0 == part } ?? true }
    }

    /// Whether `self` is less specific than `other`: at the first segment where one is a
    /// constant and the other a parameter, the constant wins.
    func isLessSpecific(than other: PathPattern) -> Bool {
        for (x, y) in zip(segments, other.segments) where (x == nil) != (y == nil) { return x == nil }
        return false
    }

    /// The most specific of `patterns` that matches `path`.
    static func best(of patterns: some Sequence<PathPattern>, for path: String) -> PathPattern? {
        patterns.filter { $0.matches(path) }.max { $0.isLessSpecific(than: $1) }
    }
}
