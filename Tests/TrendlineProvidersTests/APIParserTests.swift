import Foundation
import Testing
import TrendlineDomain
@testable import TrendlineProviders

/// YouTube Data API v3, X API v2, Instagram media info and yt-dlp answers, in their real shapes.
struct APIParserTests {
    @Test func youtubeStatisticsAreStringsAndHiddenCountsAreNull() throws {
        let body = #"""
        {"kind": "youtube#videoListResponse", "etag": "x", "items": [
          {"kind": "youtube#video", "id": "dQw4w9WgXcQ",
           "snippet": {"publishedAt": "2009-10-25T06:57:33Z", "channelId": "UCuAXFkgsw1L7xaCfnd5JJOw", "title": "Never Gonna Give You Up",
                       "thumbnails": {"default": {"url": "https://i.ytimg.com/vi/dQw4w9WgXcQ/default.jpg"}, "high": {"url": "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"}},
                       "channelTitle": "Rick Astley"},
           "statistics": {"viewCount": "1600000000", "likeCount": "18000000", "favoriteCount": "0", "commentCount": "2400000"}},
          {"kind": "youtube#video", "id": "aaaaaaaaaaa", "statistics": {"viewCount": "5", "favoriteCount": "0"}}],
         "pageInfo": {"totalResults": 2, "resultsPerPage": 2}}
        """#
        let results = try YouTubeDataAPIParser.parse(Data(body.utf8), requestedIDs: ["dQw4w9WgXcQ", "aaaaaaaaaaa", "bbbbbbbbbbb"]).get()
        let rick = try results["dQw4w9WgXcQ"]!.get()
        #expect(rick.counts == Counts(views: 1_600_000_000, likes: 18_000_000, comments: 2_400_000, shares: nil, saves: nil))
        #expect(rick.title == "Never Gonna Give You Up")
        #expect(rick.author == "Rick Astley")
        #expect(rick.thumbnailURL == "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg")
        #expect(rick.publishedAt == Date(timeIntervalSince1970: 1_256_453_853))
        let hidden = try results["aaaaaaaaaaa"]!.get()
        #expect(hidden.counts.likes == nil && hidden.counts.comments == nil && hidden.counts.views == 5)
        #expect(results["bbbbbbbbbbb"]?.failure?.meansVideoUnavailable == true)
    }

    @Test func youtubeCountsAsNumbersAndTheLargestThumbnailAreRead() throws {
        // Counts are read string-first (YouTube's documented form); a number must still be read,
        // and an unreadable count still fails the answer rather than reading as zero.
        let body = #"""
        {"items": [{"id": "ccccccccccc", "snippet": {"thumbnails": {"medium": {"url": "m"}, "maxres": {"url": "x"}, "default": {"url": "d"}}},
                    "statistics": {"viewCount": 42, "likeCount": "7", "commentCount": 3.0}}]}
        """#
        let stats = try YouTubeDataAPIParser.parse(Data(body.utf8), requestedIDs: ["ccccccccccc"]).get()["ccccccccccc"]!.get()
        #expect(stats.counts == Counts(views: 42, likes: 7, comments: 3, shares: nil, saves: nil))
        #expect(stats.thumbnailURL == "x")
        let broken = #"{"items": [{"id": "ccccccccccc", "statistics": {"viewCount": "many"}}]}"#
        guard case .failure(.malformed) = YouTubeDataAPIParser.parse(Data(broken.utf8), requestedIDs: ["ccccccccccc"]) else {
            Issue.record("a count that is not a number should make the answer malformed")
            return
        }
    }

    @Test func youtubeQuotaIsThrottling() {
        let body = #"{"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your quota.", "errors": [{"message": "quota", "domain": "youtube.quota", "reason": "quotaExceeded"}]}}"#
        guard case .failure(.rateLimited) = YouTubeDataAPIParser.parse(Data(body.utf8), requestedIDs: ["dQw4w9WgXcQ"]) else {
            Issue.record("quotaExceeded should be rate limiting")
            return
        }
    }

    @Test func xPublicMetricsMapToCounters() throws {
        let body = #"""
        {"data": [{"id": "1460323737035677698", "text": "Introducing a new era", "created_at": "2021-11-15T19:08:05.000Z", "author_id": "2244994945",
                   "edit_history_tweet_ids": ["1460323737035677698"],
                   "public_metrics": {"retweet_count": 30, "reply_count": 12, "like_count": 200, "quote_count": 5, "bookmark_count": 7, "impression_count": 9000}}],
         "includes": {"users": [{"id": "2244994945", "name": "Developers", "username": "XDevelopers"}]},
         "errors": [{"value": "20", "detail": "Could not find tweet with ids: [20].", "title": "Not Found Error", "resource_type": "tweet", "parameter": "ids", "resource_id": "20", "type": "https://api.twitter.com/2/problems/resource-not-found"},
                    {"value": "21", "detail": "Sorry, you are not authorized to see the Tweet with ids: [21].", "title": "Authorization Error", "resource_type": "tweet", "parameter": "ids", "resource_id": "21", "type": "https://api.twitter.com/2/problems/not-authorized-for-resource"}]}
        """#
        let results = try XAPIParser.parse(Data(body.utf8), requestedIDs: ["1460323737035677698", "20", "21"]).get()
        let post = try results["1460323737035677698"]!.get()
        #expect(post.counts == Counts(views: 9000, likes: 200, comments: 12, shares: 35, saves: 7))
        #expect(post.author == "XDevelopers")
        guard case .notFound = results["20"]?.failure, case .privateVideo = results["21"]?.failure else {
            Issue.record("errors should map to not found / private: \(results)")
            return
        }
    }

    /// X sends only `meta` for an empty timeline (a user without posts): that is no posts, not
    /// an error; an answer with neither data, errors nor an empty count still is one.
    @Test func xEmptyTimelineIsNoPostsNotAnError() throws {
        let empty = try XAPIParser.parse(Data(#"{"meta":{"result_count":0}}"#.utf8), requestedIDs: []).get()
        #expect(empty.isEmpty)
        let asked = try XAPIParser.parse(Data(#"{"meta":{"result_count":0}}"#.utf8), requestedIDs: ["5"]).get()
        guard case .notFound = asked["5"]?.failure else { Issue.record("an id asked for and not answered is not found: \(asked)"); return }
        guard case .failure(.upstream(let detail)) = XAPIParser.parse(Data(#"{"title":"Unauthorized","detail":"Unauthorized"}"#.utf8), requestedIDs: []) else {
            Issue.record("an answer without data or errors is an upstream failure")
            return
        }
        #expect(detail == "Unauthorized")
        guard case .failure = XAPIParser.parse(Data(#"{"meta":{"result_count":3}}"#.utf8), requestedIDs: []) else {
            Issue.record("a count without data is not an empty timeline")
            return
        }
    }

    @Test func instagramShortcodeAndMediaIDRoundTrip() {
        #expect(InstagramMediaParser.mediaID(shortcode: "B") == 1)
        #expect(InstagramMediaParser.mediaID(shortcode: "BA") == 64)
        for code in ["CAbCdEfGhIj", "C_x-Y1z2AbC", "DBj8mn2tYk9", "B"] {
            let id = InstagramMediaParser.mediaID(shortcode: code)!
            #expect(InstagramMediaParser.shortcode(mediaID: id) == code)
        }
        #expect(InstagramMediaParser.mediaID(shortcode: "a.b") == nil)
        #expect(InstagramMediaParser.mediaID(shortcode: "CAbCdEfGhIjPRIVATEtail") == InstagramMediaParser.mediaID(shortcode: "CAbCdEfGhIj"))
    }

    @Test func instagramMediaInfo() throws {
        let body = #"{"items": [{"pk": "3123", "code": "CAbCdEfGhIj", "taken_at": 1700000000, "like_count": 1500, "comment_count": 0, "play_count": 120000, "caption": {"text": "hello"}, "user": {"username": "someone"}, "image_versions2": {"candidates": [{"url": "https://scontent.cdninstagram.com/x.jpg"}]}}], "num_results": 1, "status": "ok"}"#
        let stats = try InstagramMediaParser.parse(Data(body.utf8), shortcode: "CAbCdEfGhIj").get()
        #expect(stats.counts == Counts(views: 120_000, likes: 1500, comments: 0, shares: nil, saves: nil))
        #expect(stats.author == "someone")
        let gone = InstagramMediaParser.parse(Data(#"{"message": "Media not found or unavailable", "status": "fail"}"#.utf8), shortcode: "x")
        #expect(gone.failure?.meansVideoUnavailable == true)
    }

    @Test func ytDlpJSONAndErrors() throws {
        let body = #"{"id": "1234567890123456", "title": "A reel", "uploader": "Some Page", "timestamp": 1700000000, "duration": 31.5, "view_count": 4400, "like_count": 120, "comment_count": null, "repost_count": 9, "thumbnail": "https://x/y.jpg", "extractor": "facebook"}"#
        let stats = try YtDlpParser.parse(Data(body.utf8), externalID: "1234567890123456").get()
        #expect(stats.counts == Counts(views: 4400, likes: 120, comments: nil, shares: 9, saves: nil))
        #expect(stats.durationSeconds == 31)
        guard case .privateVideo = YtDlpParser.failure(fromStderr: "ERROR: [facebook] 123: This video is private"),
              case .notFound = YtDlpParser.failure(fromStderr: "ERROR: [linkedin] x: HTTP Error 404: Not Found"),
              case .rateLimited = YtDlpParser.failure(fromStderr: "ERROR: HTTP Error 429: Too Many Requests"),
              case .upstream = YtDlpParser.failure(fromStderr: "ERROR: HTTP Error 503: Service Unavailable"),
              case .notFound = YtDlpParser.failure(fromStderr: "ERROR: [youtube] abc: Video unavailable") else {
            Issue.record("yt-dlp errors not classified")
            return
        }
    }
}

/// Counts some platforms send as numbers or strings.
struct FlexibleCountTests {
    struct Box: Decodable { let n: FlexibleInt64 }

    @Test func aCountPastInt64IsRefusedRatherThanTrapping() throws {
        #expect(try JSONDecoder().decode(Box.self, from: Data(#"{"n": "3649"}"#.utf8)).n.value == 3649)
        #expect(try JSONDecoder().decode(Box.self, from: Data(#"{"n": 12.7}"#.utf8)).n.value == 12)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"n": 1e30}"#.utf8)) }
    }
}
