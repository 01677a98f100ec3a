import Foundation
import TrendlineCore
import TrendlineDomain

/// Reads a YouTube watch page without an API key: the `ytInitialPlayerResponse` object embedded
/// in the page (`videoDetails.viewCount`, title, author; `playabilityStatus` says when the video
/// is private or gone). Likes and comments are not in it, so they are `nil`.
public enum YouTubeWatchPageParser {
    static let marker = Array("ytInitialPlayerResponse = ".utf8)

    public static func parse(_ page: some Collection<UInt8>, expectedID: String) -> Result<VideoStats, ProviderFailure> {
        let bytes = Array(page)
        guard let start = ByteSearch.firstIndex(of: marker, in: bytes[...], from: 0),
              let object = EmbeddedJSON.object(in: bytes[...], from: start + marker.count)
        else { return .failure(.malformed("no ytInitialPlayerResponse in the watch page")) }
        let response: PlayerResponse
        do {
            response = try JSONDecoder().decode(PlayerResponse.self, from: Data(bytes[object]))
        } catch {
            return .failure(.malformed("ytInitialPlayerResponse could not be read: \(error)"))
        }
        let status = response.playabilityStatus?.status ?? "OK"
        let reason = response.playabilityStatus?.reason ?? status
        if status != "OK" {
            if reason.lowercased().contains("private") { return .failure(.privateVideo(reason)) }
            if status == "ERROR" { return .failure(.notFound(reason)) }
            return .failure(.upstream("YouTube says \(status): \(reason)"))
        }
        guard let details = response.videoDetails else { return .failure(.malformed("no videoDetails")) }
        if details.videoId != expectedID { return .failure(.malformed("the page is for \(details.videoId), not \(expectedID)")) }
        let published = response.microformat?.playerMicroformatRenderer?.publishDate.flatMap(parseDate)
        return .success(VideoStats(
            externalID: details.videoId, counts: Counts(views: details.viewCount?.value),
            title: details.title, author: details.author, publishedAt: published,
            thumbnailURL: details.thumbnail?.thumbnails?.last?.url, durationSeconds: details.lengthSeconds?.value))
    }

    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(String(text.prefix(10)) + "T00:00:00Z")
    }

    struct PlayerResponse: Decodable {
        let playabilityStatus: Playability?
        let videoDetails: Details?
        let microformat: Microformat?
    }

    struct Playability: Decodable {
        let status: String?
        let reason: String?
    }

    struct Details: Decodable {
        let videoId: String
        let title: String?
        let author: String?
        let viewCount: FlexibleInt64?
        let lengthSeconds: FlexibleInt64?
        let thumbnail: Thumbnails?
    }

    struct Thumbnails: Decodable { let thumbnails: [Thumbnail]? }
    struct Thumbnail: Decodable { let url: String? }
    struct Microformat: Decodable { let playerMicroformatRenderer: Renderer? }
    struct Renderer: Decodable { let publishDate: String? }
}
