import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TrendlineDomain
import TrendlineProviders

extension PlatformSimulator {
    static let isoDate = Date.ISO8601FormatStyle()

    // MARK: TikTok: the video page with its rehydration script, as the real page has it

    /// The `tt_chain_token` a ``SimulatedBehavior/cookieWall`` page sets and then asks for.
    static let chainToken = "simChain+Token/1=="

    /// A cookie's `Expires`, `days` from now in real time (`Wed, 31 Mar 2027 14:29:07 GMT`).
    static func cookieDate(days: Double) -> String {
        Date().addingTimeInterval(days * 86_400).formatted(
            Date.VerbatimFormatStyle(format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
                                     locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }

    /// Counts `endpoint.with_chain_token` when the request sends back the token a cookie wall
    /// set: how a test sees that one reader's cookies reach another's requests.
    func countChainToken(_ request: Request, _ endpoint: String) {
        if (request.headers[.cookie] ?? "").contains("tt_chain_token=\(Self.chainToken)") { state.count(endpoint + ".with_chain_token") }
    }

    func tiktokPage(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        state.count("tiktok.page")
        let user = String((context.parameters.get("user") ?? "@").dropFirst())
        let id = context.parameters.get("id") ?? ""
        if let failure = try await failure(for: id, endpoint: "tiktok.page") { return failure }
        if state.behavior(for: id) == .cookieWall, !(request.headers[.cookie] ?? "").contains("tt_chain_token=\(Self.chainToken)") {
            var shell = Self.raw(#"<!DOCTYPE html><html lang="en"><head><title>TikTok - Make Your Day</title></head><body><div id="app"></div></body></html>"#, contentType: "text/html; charset=utf-8")
            // As TikTok sets them, expiring (in real time, as cookies do) half a year and a year on.
            shell.headers.append(HTTPField(name: .setCookie, value: "tt_chain_token=\(Self.chainToken); path=/; expires=\(Self.cookieDate(days: 180)); domain=.tiktok.com; secure; httponly"))
            shell.headers.append(HTTPField(name: .setCookie, value: "ttwid=1%7Csim; Domain=.tiktok.com; Path=/; Expires=\(Self.cookieDate(days: 365)); HttpOnly; Secure"))
            return shell
        }
        let detail: String
        switch state.behavior(for: id) {
        case .privateVideo:
            detail = #"{"statusCode":10222,"statusMsg":"author_secret"}"#
        case .deleted:
            detail = #"{"statusCode":10204,"statusMsg":"item doesn't exist"}"#
        default:
            let c = counts(for: id)
            let created = Int(publishedAt(id).timeIntervalSince1970)
            let author = user.isEmpty ? "sim_creator" : user
            detail = """
                {"itemInfo":{"itemStruct":{"id":"\(id)","desc":"Simulated video \(id)","createTime":"\(created)",\
                "video":{"duration":\(15 + SimulatedCounts.seed(id) % 120),"cover":"https://p16-sign.tiktokcdn.com/sim/\(id).jpeg"},\
                "author":{"uniqueId":"\(author)"},\
                "stats":{"diggCount":\(c.likes!),"shareCount":\(c.shares!),"commentCount":\(c.comments!),"playCount":\(c.views!),"collectCount":"\(c.saves!)"},\
                "statsV2":{"diggCount":"\(c.likes!)","shareCount":"\(c.shares!)","commentCount":"\(c.comments!)","playCount":"\(c.views!)","collectCount":"\(c.saves!)","repostCount":"0"},\
                "authorStats":{"followerCount":\(10_000 + SimulatedCounts.seed(author) % 5_000_000)}}},"statusCode":0,"statusMsg":""}
                """
        }
        let html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>TikTok</title></head><body>\
            <script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{"__DEFAULT_SCOPE__":{"webapp.app-context":{"language":"en"},"webapp.video-detail":\(detail)},"__REMIX_DATA__":{}}</script>\
            </body></html>
            """
        return Self.raw(html, contentType: "text/html; charset=utf-8")
    }

    // MARK: YouTube Data API v3 videos.list

    /// YouTube's answer to a Data API call without a key, or with one whose daily quota is spent
    /// (``SimulatedBehavior/quotaExceeded``, matched against the key); `nil` for a usable key.
    func youtubeKeyRefusal(_ key: String?) -> Response? {
        guard let key, !key.isEmpty else {
            return Self.raw(#"{"error":{"code":403,"message":"The request is missing a valid API key.","errors":[{"reason":"forbidden"}]}}"#, status: .forbidden)
        }
        guard state.behavior(for: key) == .quotaExceeded else { return nil }
        return Self.raw(
            #"{"error":{"code":403,"message":"The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.","errors":[{"message":"The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.","domain":"youtube.quota","reason":"quotaExceeded"}]}}"#,
            status: .forbidden)
    }

    func youtubeVideosList(_ request: Request) async throws -> Response {
        state.count("youtube.videos.list")
        let query = request.uri.queryParameters
        if let refusal = youtubeKeyRefusal(query["key"].map(String.init)) { return refusal }
        let parts = RequestedFields(request, "part")
        guard !parts.isEmpty else { return Self.missingPart }
        let ids = (query["id"].map(String.init) ?? "").split(separator: ",").map(String.init)
        guard ids.count <= 50 else {
            return Self.raw(#"{"error":{"code":400,"message":"too many ids","errors":[{"reason":"badRequest"}]}}"#, status: .badRequest)
        }
        for id in ids { if let failure = try await failure(for: id, endpoint: "youtube") { return failure } }
        var items: [String] = []
        for id in ids where ![.privateVideo, .deleted].contains(state.behavior(for: id)) {
            let c = counts(for: id)
            let hideLikes = SimulatedCounts.seed(id) % 7 == 0
            let likes = hideLikes ? "" : #""likeCount":"\#(c.likes!)","#
            let snippet = """
                {"publishedAt":"\(publishedAt(id).formatted(Self.isoDate))","channelId":"UCsim","title":"Simulated video \(id)",\
                "channelTitle":"Sim Channel","thumbnails":{"high":{"url":"https://i.ytimg.com/vi/\(id)/hqdefault.jpg","width":480,"height":360}}}
                """
            let statistics = #"{"viewCount":"\#(c.views!)",\#(likes)"favoriteCount":"0","commentCount":"\#(c.comments!)"}"#
            items.append(#"{"kind":"youtube#video","etag":"sim","id":"\#(id)""# + parts.member("snippet", snippet) + parts.member("statistics", statistics) + "}")
        }
        return Self.raw(#"{"kind":"youtube#videoListResponse","etag":"sim","items":[\#(items.joined(separator: ","))],"pageInfo":{"totalResults":\#(items.count),"resultsPerPage":\#(items.count)}}"#)
    }

    // MARK: YouTube watch page (no API key)

    func youtubeWatchPage(_ request: Request) async throws -> Response {
        state.count("youtube.watch")
        let id = request.uri.queryParameters["v"].map(String.init) ?? ""
        if let failure = try await failure(for: id, endpoint: "youtube.watch") { return failure }
        let player: String
        switch state.behavior(for: id) {
        case .privateVideo:
            player = #"{"playabilityStatus":{"status":"LOGIN_REQUIRED","reason":"This video is private"}}"#
        case .deleted:
            player = #"{"playabilityStatus":{"status":"ERROR","reason":"Video unavailable"}}"#
        default:
            let c = counts(for: id)
            player = """
                {"responseContext":{"serviceTrackingParams":[]},"playabilityStatus":{"status":"OK","playableInEmbed":true},"videoDetails":{"videoId":"\(id)","title":"Simulated video \(id) {with braces} \\"quoted\\"","lengthSeconds":"212","channelId":"UCsim","viewCount":"\(c.views!)","author":"Sim Channel","thumbnail":{"thumbnails":[{"url":"https://i.ytimg.com/vi/\(id)/hqdefault.jpg"}]}},"microformat":{"playerMicroformatRenderer":{"publishDate":"\(publishedAt(id).formatted(Self.isoDate))"}}}
                """
        }
        let html = """
            <!DOCTYPE html><html><head><title>YouTube</title></head><body><script nonce="sim">var ytInitialPlayerResponse = \(player);var meta = document.createElement('meta');</script><script nonce="sim">var ytInitialData = {"contents":{}};</script></body></html>
            """
        return Self.raw(html, contentType: "text/html; charset=utf-8")
    }

    // MARK: X API v2 tweets lookup

    func xTweets(_ request: Request) async throws -> Response {
        state.count("x.tweets")
        guard request.headers[.authorization]?.hasPrefix("Bearer ") == true else {
            return Self.raw(#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#, status: .unauthorized)
        }
        let fields = RequestedFields(request, "tweet.fields")
        let expansions = RequestedFields(request, "expansions")
        let ids = (request.uri.queryParameters["ids"].map(String.init) ?? "").split(separator: ",").map(String.init)
        guard ids.count <= 100 else { return Self.raw(#"{"title":"Invalid Request","detail":"too many ids"}"#, status: .badRequest) }
        for id in ids { if let failure = try await failure(for: id, endpoint: "x") { return failure } }
        var data: [String] = []
        var errors: [String] = []
        for id in ids {
            switch state.behavior(for: id) {
            case .deleted:
                errors.append(#"{"value":"\#(id)","detail":"Could not find tweet with ids: [\#(id)].","title":"Not Found Error","resource_type":"tweet","parameter":"ids","resource_id":"\#(id)","type":"https://api.twitter.com/2/problems/resource-not-found"}"#)
            case .privateVideo:
                errors.append(#"{"value":"\#(id)","detail":"Sorry, you are not authorized to see the Tweet with ids: [\#(id)].","title":"Authorization Error","resource_type":"tweet","parameter":"ids","resource_id":"\#(id)","type":"https://api.twitter.com/2/problems/not-authorized-for-resource"}"#)
            default:
                data.append(xTweet(
                    id: id, text: "Simulated post \(id)", createdAt: publishedAt(id), authorID: "99", counts: counts(for: id),
                    fields: fields, expansions: expansions))
            }
        }
        var body = "{"
        if !data.isEmpty {
            body += #""data":[\#(data.joined(separator: ","))]"#
            if expansions.contains("author_id") { body += #","includes":{"users":[{"id":"99","name":"Sim","username":"sim_creator"}]}"# }
        }
        if !errors.isEmpty { body += (data.isEmpty ? "" : ",") + #""errors":[\#(errors.joined(separator: ","))]"# }
        return Self.raw(body + "}")
    }

    /// One post of X API v2: `id`, `text` and `edit_history_tweet_ids` always, the rest only
    /// when `tweet.fields` (or, for `author_id`, `expansions`) asks for it.
    func xTweet(id: String, text: String, createdAt: Date, authorID: String, counts c: Counts, fields: RequestedFields, expansions: RequestedFields) -> String {
        let created = createdAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        let metrics = #"{"retweet_count":\#(c.shares! / 2),"reply_count":\#(c.comments!),"like_count":\#(c.likes!),"quote_count":\#(c.shares! - c.shares! / 2),"bookmark_count":\#(c.saves!),"impression_count":\#(c.views!)}"#
        let author = fields.contains("author_id") || expansions.contains("author_id") ? #","author_id":"\#(authorID)""# : ""
        return #"{"id":"\#(id)","text":\#(Self.jsonString(text)),"edit_history_tweet_ids":["\#(id)"]"#
            + fields.member("created_at", #""\#(created)""#) + author + fields.member("public_metrics", metrics) + "}"
    }

    // MARK: Instagram media info

    func instagramMediaInfo(_ pkText: String) async throws -> Response {
        state.count("instagram.media.info")
        guard let pk = UInt64(pkText) else { return Self.raw(#"{"message":"Invalid media_id","status":"fail"}"#, status: .badRequest) }
        let code = InstagramMediaParser.shortcode(mediaID: pk)
        if let failure = try await failure(for: code, endpoint: "instagram") { return failure }
        switch state.behavior(for: code) {
        case .privateVideo, .deleted:
            return Self.raw(#"{"message":"Media not found or unavailable","status":"fail"}"#, status: .notFound)
        default:
            let c = counts(for: code)
            return Self.raw(#"{"items":[{"pk":"\#(pk)","id":"\#(pk)_99","code":"\#(code)","taken_at":\#(Int(publishedAt(code).timeIntervalSince1970)),"media_type":2,"like_count":\#(c.likes!),"comment_count":\#(c.comments!),"play_count":\#(c.views!),"caption":{"text":"Simulated reel \#(code)"},"user":{"username":"sim_creator"},"image_versions2":{"candidates":[{"url":"https://scontent.cdninstagram.com/sim/\#(code).jpg","width":640,"height":1136}]}}],"num_results":1,"more_available":false,"status":"ok"}"#)
        }
    }

    // MARK: yt-dlp JSON (for scripts/fake-yt-dlp)

    func ytDlp(_ request: Request) async throws -> Response {
        state.count("ytdlp")
        let url = request.uri.queryParameters["url"].map(String.init) ?? ""
        if case .success(let handle) = CreatorHandle.from(url: url.hasSuffix("/videos") ? String(url.dropLast("/videos".count)) : url) {
            let end = request.uri.queryParameters["playlist_end"].flatMap { Int($0) } ?? Int.max
            return try await ytDlpListing(handle, entries: max(1, end))
        }
        guard case .success(.video(let video)) = VideoURLParser.parse(url) else {
            return Self.raw("ERROR: Unsupported URL: \(url)", status: .badRequest, contentType: "text/plain")
        }
        let id = video.externalID
        switch state.behavior(for: id) {
        case .privateVideo: return Self.raw("ERROR: [\(video.platform.rawValue)] \(id): This video is private", status: .forbidden, contentType: "text/plain")
        case .deleted: return Self.raw("ERROR: [\(video.platform.rawValue)] \(id): HTTP Error 404: Not Found", status: .notFound, contentType: "text/plain")
        case .rateLimited: return Self.raw("ERROR: HTTP Error 429: Too Many Requests", status: .tooManyRequests, contentType: "text/plain")
        case .serverError: return Self.raw("ERROR: HTTP Error 503: Service Unavailable", status: .serviceUnavailable, contentType: "text/plain")
        case .malformed: return Self.raw("{\"id\": ")
        case .slow: try await Task.sleep(for: slowDelay)
        case .normal, .empty, .cookieWall, .quotaExceeded: break
        }
        let c = counts(for: id)
        return Self.raw(#"{"id":"\#(id)","title":"Simulated \#(video.platform.rawValue) video \#(id)","uploader":"Sim Page","timestamp":\#(Int(publishedAt(id).timeIntervalSince1970)),"duration":42.0,"view_count":\#(c.views!),"like_count":\#(c.likes!),"comment_count":\#(c.comments!),"repost_count":\#(c.shares!),"thumbnail":"https://sim.example/\#(id).jpg","webpage_url":"\#(video.canonicalURL)","extractor":"\#(video.platform.rawValue)"}"#)
    }
}
