import Foundation
import TrendlineDomain

/// Reads a TikTok video page: the JSON in `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">`,
/// `__DEFAULT_SCOPE__["webapp.video-detail"]`. `statusCode` 0 is a visible video; 10216 and 10222
/// mean private; 10204 and others mean it is gone.
public enum TikTokPageParser {
    static let scriptOpen = Array(#"<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__""#.utf8)
    static let scriptClose = Array("</script>".utf8)
    public static let privateStatusCodes: Set<Int> = [10216, 10222]

    public static func parse(_ page: some Collection<UInt8>, expectedID: String? = nil) -> Result<VideoStats, ProviderFailure> {
        let bytes = Array(page)
        guard let json = scriptBody(bytes) else {
            return .failure(.malformed("no __UNIVERSAL_DATA_FOR_REHYDRATION__ script in the page"))
        }
        let root: Root
        do {
            root = try JSONDecoder().decode(Root.self, from: Data(json))
        } catch {
            return .failure(.malformed("the rehydration JSON could not be read: \(error)"))
        }
        guard let detail = root.scope.videoDetail else {
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
        guard let json = scriptBody(Array(page)), let root = try? JSONDecoder().decode(Root.self, from: Data(json)) else { return nil }
        return root.scope.videoDetail?.itemInfo?.itemStruct?.authorStats?.followerCount?.value
    }

    /// The bytes between the rehydration script's `>` and its `</script>`.
    static func scriptBody(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        guard let open = firstIndex(of: scriptOpen, in: bytes, from: 0),
              let tagEnd = bytes[(open + scriptOpen.count)...].firstIndex(of: UInt8(ascii: ">")),
              let close = firstIndex(of: scriptClose, in: bytes, from: tagEnd + 1)
        else { return nil }
        return bytes[(tagEnd + 1)..<close]
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                while index <= last {
                    if hay[index] == first && memcmp(hay.baseAddress! + index, pin.baseAddress!, needle.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
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
