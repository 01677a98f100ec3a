/// YouTube: `watch?v=ID`, `youtu.be/ID`, `/shorts/ID`, `/live/ID`, `/embed/ID`, `/v/ID` on
/// www., m., music. and youtube-nocookie.com. Ids are 11 characters of [A-Za-z0-9_-].
public struct YouTubeDescriptor: PlatformDescriptor {
    public init() {}
    public let platform = Platform.youtube
    public let displayName = "YouTube"
    public let domains = ["youtube.com", "youtu.be", "youtube-nocookie.com"]
    public let reportedMetrics: [Metric] = [.views, .likes, .comments]
    public let exampleURLs = [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ]

    public func recognize(_ url: URLParts) -> Result<ParsedVideoURL, VideoURLError> {
        let s = url.segments
        if url.hostIs(inDomain: "youtu.be") {
            guard let id = s.first, s.count == 1 else { return notAVideo("a youtu.be link has exactly one path part") }
            return video(id: id)
        }
        guard let first = s.first else {
            if let id = url.query["v"] { return video(id: id) }
            return notAVideo("no video id in the URL")
        }
        switch first {
        case "watch":
            guard let id = url.query["v"] else { return notAVideo("the watch URL has no v= parameter") }
            return video(id: id)
        case "shorts", "live", "embed", "v", "e":
            guard s.count >= 2 else { return notAVideo("'/\(first)/' needs a video id after it") }
            return video(id: s[1])
        case "playlist":
            return notAVideo("a playlist is not a single video")
        case "channel", "c", "user":
            return notAVideo("a channel is not a single video")
        default:
            if first.hasPrefix("@") { return notAVideo("'/\(first)' is a channel; paste the URL of one of its videos") }
            return notAVideo("no video id in the path '/\(s.joined(separator: "/"))'")
        }
    }

    private func video(id: String) -> Result<ParsedVideoURL, VideoURLError> {
        guard IDFormat.isBase64URL(id, lengths: 11...11) else {
            return invalidID(id, "YouTube ids are exactly 11 characters of A-Z, a-z, 0-9, _ and -")
        }
        return .success(.video(VideoURL(platform: .youtube, externalID: id, canonicalURL: "https://www.youtube.com/watch?v=\(id)")))
    }
}
