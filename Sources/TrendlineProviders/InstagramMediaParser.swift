import Foundation
import TrendlineDomain

/// Instagram: shortcode <-> media id (pk) conversion, and the `api/v1/media/{pk}/info/` answer
/// (`like_count`, `comment_count`, `play_count` or `view_count`).
public enum InstagramMediaParser {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let values: [UInt8: UInt64] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, UInt64($0)) })

    /// The media id of a shortcode: the code is the id in base 64 (URL alphabet). Codes of
    /// private posts are longer; their first 11 characters are the id.
    public static func mediaID(shortcode: String) -> UInt64? {
        let code = shortcode.utf8.count > 11 ? String(shortcode.prefix(11)) : shortcode
        var id: UInt64 = 0
        for byte in code.utf8 {
            guard let value = values[byte] else { return nil }
            let (shifted, overflow) = id.multipliedReportingOverflow(by: 64)
            guard !overflow else { return nil }
            id = shifted + value
        }
        return id
    }

    /// The shortcode of a media id.
    public static func shortcode(mediaID: UInt64) -> String {
        guard mediaID > 0 else { return "A" }
        var id = mediaID
        var bytes: [UInt8] = []
        while id > 0 {
            bytes.append(alphabet[Int(id % 64)])
            id /= 64
        }
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }

    public static func parse(_ body: Data, shortcode: String) -> Result<VideoStats, ProviderFailure> {
        let response: Response
        do {
            response = try JSONDecoder().decode(Response.self, from: body)
        } catch {
            return .failure(.malformed("media info answer could not be read: \(error)"))
        }
        guard let item = response.items?.first else {
            let message = response.message ?? "no items"
            if message.lowercased().contains("login") { return .failure(.unavailable("Instagram asks to log in: set the session cookie")) }
            return .failure(.notFound(message))
        }
        let counts = Counts(
            views: (item.play_count ?? item.view_count ?? item.video_view_count)?.value,
            likes: item.like_count?.value, comments: item.comment_count?.value, shares: nil, saves: nil)
        return .success(VideoStats(
            externalID: shortcode, counts: counts, title: item.caption?.text, author: item.user?.username,
            publishedAt: item.taken_at.map { Date(timeIntervalSince1970: TimeInterval($0.value)) },
            thumbnailURL: item.image_versions2?.candidates?.first?.url))
    }

    struct Response: Decodable {
        let items: [Item]?
        let message: String?
        let status: String?
    }

    struct Item: Decodable {
        let code: String?
        let like_count: FlexibleInt64?
        let comment_count: FlexibleInt64?
        let play_count: FlexibleInt64?
        let view_count: FlexibleInt64?
        let video_view_count: FlexibleInt64?
        let taken_at: FlexibleInt64?
        let caption: Caption?
        let user: User?
        let image_versions2: Images?
    }

    struct Caption: Decodable { let text: String? }
    struct User: Decodable { let username: String? }
    struct Images: Decodable { let candidates: [Candidate]? }
    struct Candidate: Decodable { let url: String? }
}
