import Foundation
import TrendlineDomain

/// YouTube Data API v3 `videos.list?part=statistics,snippet&id=...`, up to 50 ids per call.
/// Several API keys rotate round-robin, a key whose daily quota is spent set aside until the
/// reset (``YouTubeAPIKeys``) and the call made again with the next; without a key the provider
/// is unavailable. The call asks for a partial response (``fields``): only what the parser
/// reads, where a full snippet also carries the description, tags and their localized copies,
/// several kilobytes per video.
public final class YouTubeDataAPIProvider: StatsProvider {
    public let name = "youtube-data-api"
    public let platform = Platform.youtube
    public let batchSize = 50
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints
    let keys: YouTubeAPIKeys
    /// The wall clock quota resets are counted on (YouTube's, not the service's test clock).
    let now: @Sendable () -> Date

    public convenience init(client: any UpstreamClient, endpoints: PlatformEndpoints, apiKeys: [String], now: @escaping @Sendable () -> Date = { Date() }) {
        self.init(client: client, endpoints: endpoints, keys: YouTubeAPIKeys(apiKeys), now: now)
    }

    /// `keys` may be shared with other readers of the same keys (``ProviderSessions``), so a
    /// key one finds spent is set aside for all.
    public init(client: any UpstreamClient, endpoints: PlatformEndpoints, keys: YouTubeAPIKeys, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.endpoints = endpoints
        self.keys = keys
        self.now = now
    }

    /// The parts of each item the parser reads (YouTube's partial-response syntax). Errors are
    /// answered whole whatever it asks.
    static let fields = "items(id,snippet(publishedAt,title,channelTitle,thumbnails),statistics(viewCount,likeCount,commentCount))"

    public func unavailableReason() -> String? {
        keys.isEmpty ? "no YouTube API key configured (TRENDLINE_YOUTUBE_API_KEYS)" : nil
    }

    /// The next key with quota left, or the failure to answer when every key's is spent.
    func nextKey() -> Result<String, ProviderFailure> {
        let now = now()
        guard let key = keys.next(at: now) else { return .failure(.rateLimited(retryAfter: keys.secondsUntilAKeyReturns(at: now))) }
        return .success(key)
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        if let reason = unavailableReason() { return failAll(videos, .unavailable(reason)) }
        return await fetchInChunks(videos) { chunk in
            let ids = chunk.map(\.externalID)
            return await withKeys { key in
                switch await call(ids: ids, key: key) {
                case .videos(let results): (.success(results), spent: false)
                case .failure(let failure): (.failure(failure), spent: false)
                case .quotaSpent: (.failure(.rateLimited(retryAfter: nil)), spent: true)
                }
            }
        }
    }

    /// `call` made with the next key that has quota left; a key whose quota the answer says is
    /// spent is set aside and the call made again with the next, at most once per key. With
    /// every key spent, the wait until the first comes back. The video and the channel calls
    /// both go through it.
    func withKeys<T>(_ call: (String) async -> (result: Result<T, ProviderFailure>, spent: Bool)) async -> Result<T, ProviderFailure> {
        for _ in keys.keys.indices {
            let key: String
            switch nextKey() {
            case .failure(let failure): return .failure(failure)
            case .success(let next): key = next
            }
            let (result, spent) = await call(key)
            guard spent else { return result }
            keys.markSpent(key, at: now())
        }
        return nextKey().flatMap { _ in .failure(.rateLimited(retryAfter: nil)) }
    }

    /// One `videos.list` call for `ids` with `key`.
    func call(ids: [String], key: String) async -> YouTubeDataAPIParser.Answer {
        var components = URLComponents(string: endpoints.base(.youtube) + "/youtube/v3/videos")!
        components.queryItems = [
            URLQueryItem(name: "part", value: "statistics,snippet"),
            URLQueryItem(name: "fields", value: Self.fields),
            URLQueryItem(name: "id", value: ids.joined(separator: ",")),
            URLQueryItem(name: "maxResults", value: "50"),
            URLQueryItem(name: "key", value: key),
        ]
        do {
            let response = try await client.get(components.string!, headers: [("Accept", "application/json")])
            // Quota and key errors come as 400/403 with a JSON error body the parser reads.
            guard [200, 400, 403].contains(response.status) else { return .failure(ProviderFailure(response: response, what: "videos.list")) }
            return YouTubeDataAPIParser.answer(response.body, requestedIDs: ids)
        } catch {
            return .failure(.upstream("videos.list: \(error)"))
        }
    }
}
