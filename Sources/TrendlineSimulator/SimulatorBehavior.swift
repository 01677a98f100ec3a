import Foundation
import Synchronization

/// How the simulator answers for a video: normally, or one of the failures real platforms show.
public enum SimulatedBehavior: String, Sendable, CaseIterable, Codable {
    case normal
    /// The platform's "private video" answer.
    case privateVideo = "private"
    /// The platform's "does not exist" answer.
    case deleted
    /// HTTP 429 with `Retry-After`.
    case rateLimited = "rate_limited"
    /// HTTP 503.
    case serverError = "server_error"
    /// Answers after a delay (see ``PlatformSimulator/slowDelay``).
    case slow
    /// HTTP 200 with a body that is not the expected format.
    case malformed
    /// HTTP 200 with an empty body: how TikTok's web API answers a call it refuses (an unsigned
    /// `/api/post/item_list/`, a flagged client). The fake yt-dlp still answers, standing for
    /// yt-dlp getting through where the web provider did not.
    case empty
    /// TikTok only: a visitor without the `tt_chain_token` cookie gets the page shell without
    /// its rehydration data, with `Set-Cookie` for `tt_chain_token` and `ttwid`; one who sends
    /// the cookie back gets the page. Other platforms answer normally.
    case cookieWall = "cookie_wall"
    /// YouTube only, matched against the API key: the key has spent its daily quota, and every
    /// Data API call with it is YouTube's 403 `quotaExceeded`.
    case quotaExceeded = "quota_exceeded"
}

/// Mutable switches and counters shared by the simulator's routes, safe across requests.
public final class SimulatorState: Sendable {
    struct Rule: Sendable {
        let pattern: String
        let behavior: SimulatedBehavior
    }

    private let rules = Mutex<[Rule]>([])
    private let counters = Mutex<[String: Int]>([:])
    private let shortLinks = Mutex<[String: String]>([:])
    /// Simulated YouTube channel ids by handle and X user ids by username, both ways.
    private let creatorIDs = Mutex<[String: String]>([:])

    public init() {}

    /// Every video whose id contains `pattern` behaves this way (later rules win).
    public func set(_ behavior: SimulatedBehavior, forIDsContaining pattern: String) {
        rules.withLock { $0.append(Rule(pattern: pattern, behavior: behavior)) }
    }

    public func clearBehaviors() {
        rules.withLock { $0.removeAll() }
    }

    public func behavior(for id: String) -> SimulatedBehavior {
        rules.withLock { rules in rules.last(where: { id.contains($0.pattern) })?.behavior ?? .normal }
    }

    /// A short link on `host` with `path` redirects to `location`.
    public func addShortLink(host: String, path: String, location: String) {
        shortLinks.withLock { $0["\(host)\(path)"] = location }
    }

    func shortLink(host: String, path: String) -> String? {
        shortLinks.withLock { $0["\(host)\(path)"] ?? $0["\(host)\(path)/"] }
    }

    /// The channel id of a YouTube handle (`@name`), made up and remembered on first use.
    func youtubeChannelID(handle: String) -> String {
        creatorIDs.withLock { ids in
            if let id = ids["yt:" + handle] { return id }
            let id = "UC" + SimulatedCounts.token(handle, length: 22)
            ids["yt:" + handle] = id
            ids["ytid:" + id] = handle
            return id
        }
    }

    func youtubeHandle(channelID: String) -> String? {
        creatorIDs.withLock { $0["ytid:" + channelID] }
    }

    /// The numeric user id of an X username, made up and remembered on first use.
    func xUserID(username: String) -> String {
        creatorIDs.withLock { ids in
            if let id = ids["x:" + username] { return id }
            let id = String(1_000_000 + SimulatedCounts.seed(username) % 1_000_000_000_000)
            ids["x:" + username] = id
            ids["xid:" + id] = username
            return id
        }
    }

    func xUsername(userID: String) -> String? {
        creatorIDs.withLock { $0["xid:" + userID] }
    }

    /// How many requests an endpoint served, e.g. `youtube.videos.list`.
    public func requests(_ endpoint: String) -> Int {
        counters.withLock { $0[endpoint] ?? 0 }
    }

    public func allRequestCounts() -> [String: Int] {
        counters.withLock { $0 }
    }

    func count(_ endpoint: String) {
        counters.withLock { $0[endpoint, default: 0] += 1 }
    }
}
