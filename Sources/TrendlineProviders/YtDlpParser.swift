import Foundation
import TrendlineDomain

/// Reads the JSON `yt-dlp -J --skip-download URL` prints: `view_count`, `like_count`,
/// `comment_count`, `repost_count`, `save_count` (TikTok's saves), and metadata.
public enum YtDlpParser {
    public static func parse(_ body: Data, externalID: String) -> Result<VideoStats, ProviderFailure> {
        let info: Info
        do {
            info = try JSONDecoder().decode(Info.self, from: body)
        } catch {
            return .failure(.malformed("yt-dlp output could not be read: \(error)"))
        }
        let counts = Counts(
            views: info.view_count?.value, likes: info.like_count?.value, comments: info.comment_count?.value,
            shares: info.repost_count?.value, saves: info.save_count?.value)
        var published = info.timestamp.map { Date(timeIntervalSince1970: TimeInterval($0.value)) }
        if published == nil, let day = info.upload_date, day.count == 8 {
            published = try? Date.ISO8601FormatStyle().parse("\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))T00:00:00Z")
        }
        return .success(VideoStats(
            externalID: externalID, counts: counts, title: info.title, author: info.uploader ?? info.channel,
            publishedAt: published, thumbnailURL: info.thumbnail, durationSeconds: info.duration?.value))
    }

    /// Maps yt-dlp's error text (stderr) to a failure.
    public static func failure(fromStderr text: String) -> ProviderFailure {
        let lower = text.lowercased()
        if lower.contains("http error 429") || lower.contains("too many requests") || lower.contains("rate-limit") {
            return .rateLimited(retryAfter: nil)
        }
        // Server errors first: "HTTP Error 503: Service Unavailable" says nothing about the video.
        if lower.range(of: #"http error 5\d\d"#, options: .regularExpression) != nil { return .upstream(lastLine(text)) }
        if lower.contains("private") { return .privateVideo(lastLine(text)) }
        if lower.contains("http error 404") || lower.contains("not found") || lower.contains("video unavailable")
            || lower.contains("has been removed") || lower.contains("deleted") || lower.contains("does not exist") {
            return .notFound(lastLine(text))
        }
        return .upstream(lastLine(text))
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? text
    }

    struct Info: Decodable {
        let id: String?
        let title: String?
        let uploader: String?
        let channel: String?
        let timestamp: FlexibleInt64?
        let upload_date: String?
        let thumbnail: String?
        let duration: FlexibleInt64?
        let view_count: FlexibleInt64?
        let like_count: FlexibleInt64?
        let comment_count: FlexibleInt64?
        let repost_count: FlexibleInt64?
        let save_count: FlexibleInt64?
    }
}
