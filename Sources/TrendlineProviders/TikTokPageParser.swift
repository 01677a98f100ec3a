import Foundation
import TrendlineCore
import TrendlineDomain

/// Reads a TikTok video page: the JSON in `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">`,
/// `__DEFAULT_SCOPE__["webapp.video-detail"]`. `statusCode` 0 is a visible video; 10216 and 10222
/// mean private; 10204 and others mean it is gone.
public enum TikTokPageParser {
    static let scriptOpen = Array(#"<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__""#.utf8)
    static let scriptClose = Array("</script>".utf8)
    public static let privateStatusCodes: Set<Int> = [10216, 10222]

    /// Whether the page has no rehydration script at all: the shell TikTok serves a visitor
    /// without its cookies (a video that is private or gone still has the script).
    public static func lacksVideoData(_ page: some Collection<UInt8>) -> Bool {
        scriptBody(Array(page)) == nil
    }

    public static func parse(_ page: some Collection<UInt8>, expectedID: String? = nil) -> Result<VideoStats, ProviderFailure> {
        let bytes = Array(page)
        guard let json = scriptBody(bytes) else {
            return .failure(.malformed("no __UNIVERSAL_DATA_FOR_REHYDRATION__ script in the page"))
        }
        let found: VideoDetail?
        do {
            found = try videoDetail(json)
        } catch {
            return .failure(.malformed("the rehydration JSON could not be read: \(error)"))
        }
        guard let detail = found else {
            return .failure(.malformed("no webapp.video-detail in the page"))
        }
        let status = detail.statusCode ?? 0
        if privateStatusCodes.contains(status) {
            return .failure(.privateVideo("TikTok statusCode \(status) \(detail.statusMsg ?? "")"))
        }
        guard status == 0, let item = detail.itemInfo?.itemStruct else {
            return .failure(.notFound("TikTok statusCode \(status) \(detail.statusMsg ?? "")"))
        }
        if let expectedID, item.id != expectedID {
            return .failure(.malformed("the page is for video \(item.id), not \(expectedID)"))
        }
        let v2 = item.statsV2
        let v1 = item.stats
        let counts = Counts(
            views: (v2?.playCount ?? v1?.playCount)?.value,
            likes: (v2?.diggCount ?? v1?.diggCount)?.value,
            comments: (v2?.commentCount ?? v1?.commentCount)?.value,
            shares: (v2?.shareCount ?? v1?.shareCount)?.value,
            saves: (v2?.collectCount ?? v1?.collectCount)?.value)
        return .success(VideoStats(
            externalID: item.id, counts: counts, title: item.desc, author: item.author?.uniqueId,
            publishedAt: item.createTime.map { Date(timeIntervalSince1970: TimeInterval($0.value)) },
            thumbnailURL: item.video?.cover, durationSeconds: item.video?.duration?.value))
    }

    /// The author's follower count from the same page (used by creator features).
    public static func authorFollowers(_ page: some Collection<UInt8>) -> Int64? {
        guard let json = scriptBody(Array(page)), let detail = try? videoDetail(json) else { return nil }
        return detail.itemInfo?.itemStruct?.authorStats?.followerCount?.value
    }

    /// The bytes between the rehydration script's `>` and its `</script>`.
    static func scriptBody(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let page = bytes[...]
        guard let open = ByteSearch.firstIndex(of: scriptOpen, in: page, from: 0),
              let tagEnd = page[(open + scriptOpen.count)...].firstIndex(of: UInt8(ascii: ">")),
              let close = ByteSearch.firstIndex(of: scriptClose, in: page, from: tagEnd + 1)
        else { return nil }
        return page[(tagEnd + 1)..<close]
    }

    /// `webapp.video-detail` from the rehydration JSON: cut out alone when it can be, else from
    /// decoding the whole JSON (which throws when that is malformed).
    static func videoDetail(_ json: ArraySlice<UInt8>) throws -> VideoDetail? {
        if let narrowed = narrowedDetail(json) { return narrowed }
        return try JSONDecoder().decode(Root.self, from: Data(json)).scope.videoDetail
    }

    static let detailKey = Array(#""webapp.video-detail":"#.utf8)

    /// Only `webapp.video-detail`, cut out of the rehydration JSON and decoded alone. The page's
    /// JSON is about 300 KB, mostly translations and app context; the detail is about 30 KB, so
    /// this is several times faster than decoding the whole (docs/benchmarks.md). `nil` when the
    /// key is not found or is not directly followed by a well-formed object: the caller then
    /// decodes everything.
    static func narrowedDetail(_ json: ArraySlice<UInt8>) -> VideoDetail? {
        guard let key = ByteSearch.firstIndex(of: detailKey, in: json, from: json.startIndex),
              let object = EmbeddedJSON.object(in: json, from: key + detailKey.count),
              EmbeddedJSON.isBlank(json, (key + detailKey.count)..<object.lowerBound)
        else { return nil }
        return try? JSONDecoder().decode(VideoDetail.self, from: Data(json[object]))
    }

    struct Root: Decodable {
        let scope: Scope
        enum CodingKeys: String, CodingKey { case scope = "__DEFAULT_SCOPE__" }
    }

    struct Scope: Decodable {
        let videoDetail: VideoDetail?
        enum CodingKeys: String, CodingKey { case videoDetail = "webapp.video-detail" }
    }

    struct VideoDetail: Decodable {
        let statusCode: Int?
        let statusMsg: String?
        let itemInfo: ItemInfo?
    }

    struct ItemInfo: Decodable { let itemStruct: Item? }

    struct Item: Decodable {
        let id: String
        let desc: String?
        let createTime: FlexibleInt64?
        let author: Author?
        let stats: Stats?
        let statsV2: Stats?
        let authorStats: AuthorStats?
        let video: VideoInfo?
    }

    struct Author: Decodable { let uniqueId: String? }
    struct AuthorStats: Decodable { let followerCount: FlexibleInt64? }
    struct VideoInfo: Decodable {
        let cover: String?
        let duration: FlexibleInt64?
    }

    struct Stats: Decodable {
        let playCount: FlexibleInt64?
        let diggCount: FlexibleInt64?
        let commentCount: FlexibleInt64?
        let shareCount: FlexibleInt64?
        let collectCount: FlexibleInt64?
    }
}
