import Foundation
import TrendlineDomain

/// What a provider read about one video: its counters and whatever metadata came with them.
public struct VideoStats: Sendable, Hashable {
    public var externalID: String
    public var counts: Counts
    public var title: String?
    public var author: String?
    public var publishedAt: Date?
    public var thumbnailURL: String?
    public var durationSeconds: Int64?

    public init(externalID: String, counts: Counts, title: String? = nil, author: String? = nil, publishedAt: Date? = nil, thumbnailURL: String? = nil, durationSeconds: Int64? = nil) {
        self.durationSeconds = durationSeconds
        self.externalID = externalID
        self.counts = counts
        self.title = title
        self.author = author
        self.publishedAt = publishedAt
        self.thumbnailURL = thumbnailURL
    }
}

/// Why a provider could not report a video.
public enum ProviderFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The platform says the video is private (or otherwise not visible to the public).
    case privateVideo(String)
    /// The platform says the video does not exist (deleted or never existed).
    case notFound(String)
    /// The platform throttled us; `retryAfter` seconds when it said.
    case rateLimited(retryAfter: TimeInterval?)
    /// The platform answered with an error status or could not be reached.
    case upstream(String)
    /// The answer did not have the expected format.
    case malformed(String)
    /// The provider cannot run here (no credentials, no executable...).
    case unavailable(String)

    public var description: String {
        switch self {
        case .privateVideo(let why): return "private: \(why)"
        case .notFound(let why): return "not found: \(why)"
        case .rateLimited(let after): return after.map { "rate limited (retry after \(Int($0)) s)" } ?? "rate limited"
        case .upstream(let why): return "upstream error: \(why)"
        case .malformed(let why): return "unexpected answer: \(why)"
        case .unavailable(let why): return "unavailable: \(why)"
        }
    }

    /// The failure a non-2xx answer means: 429 keeps its Retry-After, 404 and 410 are "not
    /// found", anything else an upstream error naming the status.
    public init(response: UpstreamResponse, what: String) {
        switch response.status {
        case 429: self = .rateLimited(retryAfter: response.retryAfter)
        case 404, 410: self = .notFound("\(what) answered \(response.status)")
        default: self = .upstream("\(what) answered HTTP \(response.status)")
        }
    }

    /// Whether the video itself is gone (as opposed to a failure of the fetch).
    public var meansVideoUnavailable: Bool {
        switch self {
        case .privateVideo, .notFound: return true
        default: return false
        }
    }
}

/// A JSON number that some platforms send as a string ("3649") and others as a number. A
/// fraction is truncated; a value past `Int64` is not a count (it would trap on conversion).
struct FlexibleInt64: Decodable, Sendable, Hashable {
    let value: Int64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int64(text) {
            value = number
        } else if let double = try? container.decode(Double.self), double.isFinite, double >= 0, double < 9.2e18 {
            value = Int64(double)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a count")
        }
    }
}
