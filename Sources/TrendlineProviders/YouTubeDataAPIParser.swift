import Foundation
import TrendlineDomain

/// Reads a YouTube Data API v3 `videos.list` answer (`part=statistics,snippet`). Statistics
/// come as strings; `likeCount` and `commentCount` may be absent (hidden), which is `nil`.
/// Ids missing from `items` are private or deleted videos.
///
/// Read with ``JSONReader``, member by member: only the fields below are built, everything
/// else (descriptions, tags, localizations, other thumbnail sizes) is skipped.
public enum YouTubeDataAPIParser {
    public static func parse(_ body: Data, requestedIDs: [String]) -> Result<[String: Result<VideoStats, ProviderFailure>], ProviderFailure> {
        switch answer(body, requestedIDs: requestedIDs) {
        case .videos(let results): .success(results)
        case .quotaSpent: .failure(.rateLimited(retryAfter: nil))
        case .failure(let failure): .failure(failure)
        }
    }

    /// What a `videos.list` answer says.
    enum Answer {
        case videos([String: Result<VideoStats, ProviderFailure>])
        /// The key's daily quota is spent (`quotaExceeded`, `dailyLimitExceeded`): another key
        /// may still answer (``YouTubeAPIKeys``).
        case quotaSpent
        case failure(ProviderFailure)
    }

    /// The error reasons that mean the key's quota for the day is spent, as opposed to a
    /// per-second rate (`rateLimitExceeded`, `userRateLimitExceeded`) that waiting clears.
    static let quotaSpentReasons: Set<String> = ["quotaExceeded", "dailyLimitExceeded"]

    /// Whether `body`, any Data API answer, is the error of a key whose quota is spent.
    static func spendsQuota(_ body: Data) -> Bool {
        guard quotaSpentReasons.contains(where: { body.range(of: Data($0.utf8)) != nil }) else { return false }
        guard case .quotaSpent = answer(body, requestedIDs: []) else { return false }
        return true
    }

    static func answer(_ body: Data, requestedIDs: [String]) -> Answer {
        let response: Response
        do {
            response = try JSONReader.read(body) { try Response(&$0) }
        } catch {
            return .failure(.malformed("videos.list answer could not be read: \(error)"))
        }
        if let error = response.error {
            let reasons = error.reasons
            if reasons.contains(where: quotaSpentReasons.contains) { return .quotaSpent }
            if reasons.contains(where: { $0.contains("quota") || $0.contains("rateLimit") }) {
                return .failure(.rateLimited(retryAfter: nil))
            }
            return .failure(.upstream("YouTube API error \(error.code ?? 0): \(error.message ?? reasons.joined(separator: ", "))"))
        }
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for item in response.items {
            results[item.id] = .success(VideoStats(
                externalID: item.id, counts: Counts(views: item.views, likes: item.likes, comments: item.comments, shares: nil, saves: nil),
                title: item.title, author: item.channelTitle,
                publishedAt: item.publishedAt.flatMap { try? publishedAtStyle.parse($0) },
                thumbnailURL: item.thumbnails.largest))
        }
        for id in requestedIDs where results[id] == nil {
            results[id] = .failure(.notFound("videos.list did not return \(id) (private or deleted)"))
        }
        return .videos(results)
    }

    static let publishedAtStyle = Date.ISO8601FormatStyle()

    /// The answer: `items`, or an `error` (quota, bad key, bad request).
    struct Response {
        var items: [Item] = []
        var error: APIError?

        init(_ reader: inout JSONReader) throws {
            try reader.forEachMember { reader, key in
                if key.is("items") {
                    guard !reader.readNull() else { return }
                    items.reserveCapacity(50)
                    try reader.forEachElement { items.append(try Item(&$0)) }
                } else if key.is("error") {
                    guard !reader.readNull() else { return }
                    error = try APIError(&reader)
                }
            }
        }
    }

    struct APIError {
        var code: Int?
        var message: String?
        var reasons: [String] = []

        init(_ reader: inout JSONReader) throws {
            try reader.forEachMember { reader, key in
                if key.is("code") {
                    code = try reader.readInt()
                } else if key.is("message") {
                    message = try reader.readString()
                } else if key.is("errors") {
                    guard !reader.readNull() else { return }
                    try reader.forEachElement { reader in
                        try reader.forEachMember { reader, key in
                            if key.is("reason"), let reason = try reader.readString() { reasons.append(reason) }
                        }
                    }
                }
            }
        }
    }

    /// One video: its id (required), the snippet's fields and the statistics.
    struct Item {
        var id = ""
        var publishedAt: String?
        var title: String?
        var channelTitle: String?
        var thumbnails = Thumbnails()
        var views: Int64?
        var likes: Int64?
        var comments: Int64?

        init(_ reader: inout JSONReader) throws {
            var hasID = false
            try reader.forEachMember { reader, key in
                if key.is("id") {
                    guard let text = try reader.readString() else { throw reader.malformed("an item's id is null") }
                    id = text
                    hasID = true
                } else if key.is("snippet") {
                    guard !reader.readNull() else { return }
                    try readSnippet(&reader)
                } else if key.is("statistics") {
                    guard !reader.readNull() else { return }
                    try reader.forEachMember { reader, key in
                        if key.is("viewCount") {
                            views = try reader.readCount()
                        } else if key.is("likeCount") {
                            likes = try reader.readCount()
                        } else if key.is("commentCount") {
                            comments = try reader.readCount()
                        }
                    }
                }
            }
            guard hasID else { throw reader.malformed("an item without an id") }
        }

        mutating func readSnippet(_ reader: inout JSONReader) throws {
            try reader.forEachMember { reader, key in
                if key.is("publishedAt") {
                    publishedAt = try reader.readString()
                } else if key.is("title") {
                    title = try reader.readString()
                } else if key.is("channelTitle") {
                    channelTitle = try reader.readString()
                } else if key.is("thumbnails") {
                    guard !reader.readNull() else { return }
                    try thumbnails.read(&reader)
                }
            }
        }
    }

    /// The thumbnail sizes read, by name; the largest present is the video's thumbnail.
    struct Thumbnails {
        var maxres: String?
        var high: String?
        var medium: String?
        var `default`: String?

        var largest: String? { maxres ?? high ?? medium ?? `default` }

        mutating func read(_ reader: inout JSONReader) throws {
            try reader.forEachMember { reader, key in
                if key.is("maxres") {
                    maxres = try Self.url(&reader)
                } else if key.is("high") {
                    high = try Self.url(&reader)
                } else if key.is("medium") {
                    medium = try Self.url(&reader)
                } else if key.is("default") {
                    `default` = try Self.url(&reader)
                }
            }
        }

        static func url(_ reader: inout JSONReader) throws -> String? {
            guard !reader.readNull() else { return nil }
            var url: String?
            try reader.forEachMember { reader, key in
                if key.is("url") { url = try reader.readString() }
            }
            return url
        }
    }
}
