import Foundation
import Synchronization
import Testing
import TrendlineDomain
@testable import TrendlineProviders

/// The YouTube provider asks videos.list for a partial response holding only what its parser
/// reads, and reads such an answer whole.
struct YouTubePartialResponseTests {
    /// Answers every call with `body` and keeps the URLs it was asked for.
    final class CapturingClient: UpstreamClient {
        let body: String
        let urls = Mutex<[String]>([])

        init(body: String) {
            self.body = body
        }

        func get(_ url: String, headers: [(String, String)]) async throws -> UpstreamResponse {
            urls.withLock { $0.append(url) }
            return UpstreamResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        }
    }

    @Test func asksOnlyForTheFieldsItReadsAndReadsThem() async throws {
        // What videos.list answers for these fields: no kind, etag, pageInfo, description or tags.
        let partial = #"""
        {"items": [{"id": "dQw4w9WgXcQ",
                    "snippet": {"publishedAt": "2009-10-25T06:57:33Z", "title": "Never Gonna Give You Up", "channelTitle": "Rick Astley",
                                "thumbnails": {"high": {"url": "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg", "width": 480, "height": 360}}},
                    "statistics": {"viewCount": "1600000000", "likeCount": "18000000", "commentCount": "2400000"}}]}
        """#
        let client = CapturingClient(body: partial)
        let provider = YouTubeDataAPIProvider(client: client, endpoints: .all(at: "http://127.0.0.1:9"), apiKeys: ["k"])
        let video = VideoURL(platform: .youtube, externalID: "dQw4w9WgXcQ", canonicalURL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        let results = await provider.fetch([video])

        let stats = try #require(try results["dQw4w9WgXcQ"]?.get())
        #expect(stats.counts == Counts(views: 1_600_000_000, likes: 18_000_000, comments: 2_400_000, shares: nil, saves: nil))
        #expect(stats.title == "Never Gonna Give You Up" && stats.author == "Rick Astley")
        #expect(stats.thumbnailURL == "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg")
        #expect(stats.publishedAt == Date(timeIntervalSince1970: 1_256_453_853))

        let url = try #require(client.urls.withLock { $0 }.first)
        let query = try #require(URLComponents(string: url)?.queryItems)
        let asked = Dictionary(query.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(asked["part"] == "statistics,snippet")
        #expect(asked["fields"] == "items(id,snippet(publishedAt,title,channelTitle,thumbnails),statistics(viewCount,likeCount,commentCount))")
        #expect(asked["id"] == "dQw4w9WgXcQ")
    }
}
