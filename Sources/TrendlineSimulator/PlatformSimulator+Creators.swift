import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TrendlineDomain

/// Creator endpoints in each platform's format: TikTok's profile page and post list, YouTube's
/// channels.list and playlistItems.list, Instagram's web_profile_info, X's users lookup and
/// user timeline. Behaviour switches match the username.
extension PlatformSimulator {
    func addCreatorRoutes(to router: Router<BasicRequestContext>) {
        router.get(":user") { request, context in try await self.tiktokProfile(context.parameters.get("user") ?? "", request) }
        router.get("api/creator/item_list") { request, _ in try await self.tiktokItemList(request) }
        router.get("api/post/item_list") { _, _ in
            // TikTok answers this list without its request signature with an empty 200.
            self.state.count("tiktok.post.item_list")
            return Self.raw("")
        }
        router.get("youtube/v3/channels") { request, _ in try await self.youtubeChannels(request) }
        router.get("youtube/v3/playlistItems") { request, _ in try await self.youtubePlaylistItems(request) }
        router.get("api/v1/users/web_profile_info") { request, _ in try await self.instagramProfile(request) }
        router.get("2/users/by/username/:name") { request, context in try await self.xUser(request, name: context.parameters.get("name") ?? "") }
        router.get("2/users/:id/tweets") { request, context in try await self.xUserTweets(request, id: context.parameters.get("id") ?? "") }
    }

    func creator(_ username: String, _ platform: Platform) -> SimulatedCreator {
        SimulatedCreator(username: username.lowercased(), platform: platform)
    }

    // MARK: TikTok

    func tiktokProfile(_ segment: String, _ request: Request) async throws -> Response {
        guard segment.hasPrefix("@") else { return Self.raw("not found", status: .notFound, contentType: "text/plain") }
        state.count("tiktok.profile")
        countChainToken(request, "tiktok.profile")
        let username = String(segment.dropFirst()).lowercased()
        if let failure = try await failure(for: username, endpoint: "tiktok.profile") { return failure }
        let detail: String
        switch state.behavior(for: username) {
        case .privateVideo: detail = #"{"statusCode":10222,"statusMsg":"user is private"}"#
        case .deleted: detail = #"{"statusCode":10221,"statusMsg":"user doesn't exist"}"#
        default:
            let c = creator(username, .tiktok)
            let now = clock()
            detail = """
                {"userInfo":{"user":{"id":"\(c.seed % 1_000_000_000_000)","uniqueId":"\(username)","nickname":\(Self.jsonString(c.fullName)),\
                "signature":\(Self.jsonString(c.bio)),"avatarLarger":"https://p16-sign.tiktokcdn.com/sim/\(username).jpeg",\
                "verified":\(c.isVerified),"secUid":"MS4wLjABAAAA\(username)","bioLink":{"link":"linktr.ee/\(username)","risk":0}},\
                "stats":{"followerCount":\(c.followers(at: now, epoch: epoch)),"followingCount":\(c.following),"heart":0,\
                "videoCount":\(c.uploads(at: now, epoch: epoch).count),"diggCount":0}},"statusCode":0,"statusMsg":""}
                """
        }
        let html = """
            <!DOCTYPE html><html><head><title>TikTok</title></head><body>\
            <script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{"__DEFAULT_SCOPE__":{"webapp.app-context":{"language":"en"},"webapp.user-detail":\(detail)}}</script>\
            </body></html>
            """
        return Self.raw(html, contentType: "text/html; charset=utf-8")
    }

    /// The creator post list: up to `count` (at most 35) uploads made before `cursor` (ms),
    /// newest first, and whether older ones exist.
    func tiktokItemList(_ request: Request) async throws -> Response {
        state.count("tiktok.item_list")
        countChainToken(request, "tiktok.item_list")
        let query = request.uri.queryParameters
        let secUid = query["secUid"].map(String.init) ?? ""
        guard secUid.hasPrefix("MS4wLjABAAAA") else { return Self.raw(#"{"statusCode":10201,"statusMsg":"invalid secUid"}"#) }
        let username = String(secUid.dropFirst("MS4wLjABAAAA".count))
        if let failure = try await failure(for: username, endpoint: "tiktok.item_list") { return failure }
        let count = min(35, max(1, query["count"].flatMap { Int($0) } ?? 15))
        let cursor = query["cursor"].flatMap { Int64($0) } ?? Int64(clock().timeIntervalSince1970 * 1000)
        let c = creator(username, .tiktok)
        let before = c.uploads(at: clock(), epoch: epoch).filter { Int64($0.at.timeIntervalSince1970 * 1000) < cursor }
        let items = before.prefix(count).map { upload in
            let n = counts(for: upload.id)
            return """
                {"id":"\(upload.id)","desc":"Upload \(upload.index) by \(username)","createTime":\(Int(upload.at.timeIntervalSince1970)),\
                "author":{"uniqueId":"\(username)"},"stats":{"playCount":\(n.views!),"diggCount":\(n.likes!),"commentCount":\(n.comments!),\
                "shareCount":\(n.shares!),"collectCount":\(n.saves!)}}
                """
        }
        return Self.raw(#"{"statusCode":0,"cursor":"\#(cursor)","hasMorePrevious":\#(before.count > count),"itemList":[\#(items.joined(separator: ","))]}"#)
    }

    // MARK: YouTube

    func youtubeChannels(_ request: Request) async throws -> Response {
        state.count("youtube.channels.list")
        let query = request.uri.queryParameters
        if let refusal = youtubeKeyRefusal(query["key"].map(String.init)) { return refusal }
        let parts = RequestedFields(request, "part")
        guard !parts.isEmpty else { return Self.missingPart }
        let handle: String
        if let forHandle = query["forHandle"] {
            handle = String(forHandle).lowercased().hasPrefix("@") ? String(forHandle).lowercased() : "@" + String(forHandle).lowercased()
        } else if let id = query["id"] {
            handle = state.youtubeHandle(channelID: String(id)) ?? String(id)
        } else {
            return Self.raw(#"{"error":{"code":400,"message":"No filter selected.","errors":[{"reason":"missingRequiredParameter"}]}}"#, status: .badRequest)
        }
        let username = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        if let failure = try await failure(for: username, endpoint: "youtube.channels") { return failure }
        if [.privateVideo, .deleted].contains(state.behavior(for: username)) {
            return Self.raw(#"{"kind":"youtube#channelListResponse","etag":"sim","pageInfo":{"totalResults":0,"resultsPerPage":5}}"#)
        }
        let c = creator(username, .youtube)
        let channelID = state.youtubeChannelID(handle: handle)
        let now = clock()
        let snippet = """
            {"title":\(Self.jsonString(c.fullName)),"description":\(Self.jsonString(c.bio)),"customUrl":"\(handle)",\
            "publishedAt":"2019-01-01T00:00:00Z","thumbnails":{"high":{"url":"https://yt3.ggpht.com/sim/\(username)=s800"}}}
            """
        let statistics = """
            {"viewCount":"0","subscriberCount":"\(c.followers(at: now, epoch: epoch))","hiddenSubscriberCount":false,\
            "videoCount":"\(c.uploads(at: now, epoch: epoch).count)"}
            """
        let contentDetails = #"{"relatedPlaylists":{"likes":"","uploads":"UU\#(channelID.dropFirst(2))"}}"#
        let item = #"{"kind":"youtube#channel","etag":"sim","id":"\#(channelID)""#
            + parts.member("snippet", snippet) + parts.member("statistics", statistics) + parts.member("contentDetails", contentDetails) + "}"
        return Self.raw(#"{"kind":"youtube#channelListResponse","etag":"sim","pageInfo":{"totalResults":1,"resultsPerPage":5},"items":[\#(item)]}"#)
    }

    func youtubePlaylistItems(_ request: Request) async throws -> Response {
        state.count("youtube.playlistItems.list")
        let query = request.uri.queryParameters
        if let refusal = youtubeKeyRefusal(query["key"].map(String.init)) { return refusal }
        let parts = RequestedFields(request, "part")
        guard !parts.isEmpty else { return Self.missingPart }
        let playlist = query["playlistId"].map(String.init) ?? ""
        guard playlist.hasPrefix("UU"), let handle = state.youtubeHandle(channelID: "UC" + playlist.dropFirst(2)) else {
            return Self.raw(#"{"error":{"code":404,"message":"The playlist identified with the request's playlistId parameter cannot be found.","errors":[{"reason":"playlistNotFound"}]}}"#, status: .notFound)
        }
        let username = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        let count = min(50, max(1, query["maxResults"].flatMap { Int($0) } ?? 5))
        let items = creator(username, .youtube).uploads(at: clock(), epoch: epoch).prefix(count).map { upload in
            #"{"kind":"youtube#playlistItem","etag":"sim","id":"sim\#(upload.index)""#
                + parts.member("contentDetails", #"{"videoId":"\#(upload.id)","videoPublishedAt":"\#(upload.at.formatted(Self.isoDate))"}"#) + "}"
        }
        return Self.raw(#"{"kind":"youtube#playlistItemListResponse","etag":"sim","items":[\#(items.joined(separator: ","))],"pageInfo":{"totalResults":\#(items.count),"resultsPerPage":\#(count)}}"#)
    }

    // MARK: Instagram

    func instagramProfile(_ request: Request) async throws -> Response {
        state.count("instagram.web_profile_info")
        let username = (request.uri.queryParameters["username"].map(String.init) ?? "").lowercased()
        if let failure = try await failure(for: username, endpoint: "instagram.profile") { return failure }
        if [.privateVideo, .deleted].contains(state.behavior(for: username)) || username.isEmpty {
            return Self.raw(#"{"data":{"user":null},"status":"ok"}"#, status: .notFound)
        }
        let c = creator(username, .instagram)
        let now = clock()
        let uploads = c.uploads(at: now, epoch: epoch)
        let edges = uploads.prefix(12).map { upload in
            let n = counts(for: upload.id)
            return """
                {"node":{"__typename":"GraphVideo","id":"\(upload.index)","shortcode":"\(upload.id)","is_video":true,"video_view_count":\(n.views!),\
                "edge_liked_by":{"count":\(n.likes!)},"edge_media_to_comment":{"count":\(n.comments!)},"taken_at_timestamp":\(Int(upload.at.timeIntervalSince1970)),\
                "edge_media_to_caption":{"edges":[{"node":{"text":"Reel \(upload.index) by \(username)"}}]}}}
                """
        }
        return Self.raw("""
            {"data":{"user":{"id":"\(c.seed % 10_000_000_000)","username":"\(username)","full_name":\(Self.jsonString(c.fullName)),\
            "biography":\(Self.jsonString(c.bio)),"profile_pic_url_hd":"https://scontent.cdninstagram.com/sim/\(username).jpg",\
            "external_url":"\(c.externalURL)","is_verified":\(c.isVerified),"is_private":false,"edge_followed_by":{"count":\(c.followers(at: now, epoch: epoch))},\
            "edge_follow":{"count":\(c.following)},"edge_owner_to_timeline_media":{"count":\(uploads.count),"edges":[\(edges.joined(separator: ","))]}}},"status":"ok"}
            """)
    }

    // MARK: X

    func xUser(_ request: Request, name: String) async throws -> Response {
        state.count("x.users.by.username")
        guard request.headers[.authorization]?.hasPrefix("Bearer ") == true else {
            return Self.raw(#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#, status: .unauthorized)
        }
        let username = name.lowercased()
        if let failure = try await failure(for: username, endpoint: "x.users") { return failure }
        if [.privateVideo, .deleted].contains(state.behavior(for: username)) {
            return Self.raw(#"{"errors":[{"value":"\#(username)","detail":"Could not find user with username: [\#(username)].","title":"Not Found Error","resource_type":"user","parameter":"username","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#)
        }
        let c = creator(username, .x)
        let now = clock()
        let fields = RequestedFields(request, "user.fields")
        let metrics = """
            {"followers_count":\(c.followers(at: now, epoch: epoch)),"following_count":\(c.following),\
            "tweet_count":\(c.uploads(at: now, epoch: epoch).count),"listed_count":0}
            """
        let user = #"{"id":"\#(state.xUserID(username: username))","name":\#(Self.jsonString(c.fullName)),"username":"\#(username)""#
            + fields.member("description", Self.jsonString(c.bio)) + fields.member("profile_image_url", #""https://pbs.twimg.com/sim/\#(username).jpg""#)
            + fields.member("url", #""\#(c.externalURL)""#) + fields.member("verified", "\(c.isVerified)") + fields.member("public_metrics", metrics) + "}"
        return Self.raw(#"{"data":\#(user)}"#)
    }

    func xUserTweets(_ request: Request, id: String) async throws -> Response {
        state.count("x.users.tweets")
        guard request.headers[.authorization]?.hasPrefix("Bearer ") == true else {
            return Self.raw(#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#, status: .unauthorized)
        }
        guard let username = state.xUsername(userID: id) else {
            return Self.raw(#"{"errors":[{"detail":"Could not find user with id: [\#(id)].","title":"Not Found Error","type":"https://api.twitter.com/2/problems/resource-not-found"}]}"#)
        }
        let count = min(100, max(5, request.uri.queryParameters["max_results"].flatMap { Int($0) } ?? 10))
        let fields = RequestedFields(request, "tweet.fields")
        let expansions = RequestedFields(request, "expansions")
        let tweets = creator(username, .x).uploads(at: clock(), epoch: epoch).prefix(count).map { upload in
            xTweet(
                id: upload.id, text: "Post \(upload.index) by \(username)", createdAt: upload.at, authorID: id, counts: counts(for: upload.id),
                fields: fields, expansions: expansions)
        }
        // X leaves `data` out, rather than sending an empty list, when there is no post.
        guard !tweets.isEmpty else { return Self.raw(#"{"meta":{"result_count":0}}"#) }
        return Self.raw(#"{"data":[\#(tweets.joined(separator: ","))],"meta":{"result_count":\#(tweets.count)}}"#)
    }

    /// YouTube's answer to a list request without `part`.
    static var missingPart: Response {
        raw(#"{"error":{"code":400,"message":"Required parameter: part","errors":[{"reason":"required","location":"part","locationType":"parameter"}]}}"#, status: .badRequest)
    }

    static func jsonString(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
