import Foundation
import TrendlineDomain

/// Turns a ``ShortLink`` into the video it points at. Needs the network, so it sits outside the
/// pure domain; the redirect rules themselves are ``RedirectPolicy``.
public protocol ShortLinkResolver: Sendable {
    func resolve(_ link: ShortLink) async -> Result<VideoURL, VideoURLError>
}

/// One HTTP hop: asks `url` and reports where it redirects, without following.
public protocol RedirectHopFetcher: Sendable {
    /// The `Location` of a 3xx answer, `nil` for a non-redirect answer; throws on network errors.
    func location(of url: String) async throws -> String?
}

/// Follows a short link hop by hop under a ``RedirectPolicy`` and stops at the first URL that
/// parses to a video (so the video page itself is never fetched).
public struct RedirectFollowingResolver<Fetcher: RedirectHopFetcher>: ShortLinkResolver {
    public let fetcher: Fetcher
    public let policy: RedirectPolicy

    public init(fetcher: Fetcher, policy: RedirectPolicy = RedirectPolicy()) {
        self.fetcher = fetcher
        self.policy = policy
    }

    public func resolve(_ link: ShortLink) async -> Result<VideoURL, VideoURLError> {
        var current = link.url
        var hop = 0
        while true {
            let location: String?
            do {
                location = try await fetcher.location(of: current)
            } catch {
                return .failure(.unresolvable(link.platform, reason: "\(error)"))
            }
            guard let location else {
                return .failure(.unresolvable(link.platform, reason: "'\(current)' does not lead to a video"))
            }
            hop += 1
            let next: String
            switch policy.check(location: location, from: current, hop: hop, link: link) {
            case .failure(let error): return .failure(error)
            case .success(let url): next = url
            }
            switch VideoURLParser.parse(next) {
            case .success(.video(let video)):
                guard video.platform == link.platform else {
                    return .failure(.unresolvable(link.platform, reason: "it leads to \(video.platform.displayName)"))
                }
                return .success(video)
            case .success(.shortLink), .failure:
                current = next
            }
        }
    }
}

/// A ``RedirectHopFetcher`` that answers from a fixed table instead of the network: the test
/// double for resolution, and what runs until an HTTP fetcher is configured.
public struct ScriptedRedirects: RedirectHopFetcher {
    /// `url -> Location`; URLs not in the table answer without a redirect.
    public let table: [String: String]
    /// URLs that fail as if the network timed out.
    public let failing: Set<String>

    public init(_ table: [String: String] = [:], failing: Set<String> = []) {
        self.table = table
        self.failing = failing
    }

    public func location(of url: String) async throws -> String? {
        if failing.contains(url) { throw ScriptedRedirectError(url: url) }
        return table[url]
    }
}

/// The failure a ``ScriptedRedirects`` gives for a URL listed as failing.
public struct ScriptedRedirectError: Error, CustomStringConvertible {
    public let url: String
    public var description: String { "timed out fetching \(url)" }
}

/// The resolver used when no network resolver is configured: every short link fails with a
/// message saying so, instead of being dropped silently.
public struct UnconfiguredShortLinkResolver: ShortLinkResolver {
    public init() {}
    public func resolve(_ link: ShortLink) async -> Result<VideoURL, VideoURLError> {
        .failure(.unresolvable(link.platform, reason: "short-link resolution is not enabled on this server; paste the full video URL"))
    }
}
