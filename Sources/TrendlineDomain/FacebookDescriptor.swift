/// Facebook: `/watch/?v=ID`, `/PAGE/videos/ID`, `/PAGE/videos/SLUG/ID`, `/reel/ID`,
/// `/video.php?v=ID`; `fb.watch/X` and `/share/v/X`, `/share/r/X` are short links.
public struct FacebookDescriptor: PlatformDescriptor {
    public init() {}
    public let platform = Platform.facebook
    public let displayName = "Facebook"
    public let domains = ["facebook.com", "fb.watch", "fb.com"]
    public let reportedMetrics: [Metric] = [.views, .likes, .comments, .shares]
    public let exampleURLs = [
        "https://www.facebook.com/watch/?v=1234567890123456",
        "https://www.facebook.com/SomePage/videos/1234567890123456/",
        "https://www.facebook.com/reel/1234567890123456",
        "https://fb.watch/abcDEF123/",
    ]

    public func recognize(_ url: URLParts) -> Result<ParsedVideoURL, VideoURLError> {
        let s = url.segments
        if url.hostIs(inDomain: "fb.watch") {
            guard let code = s.first, s.count == 1, IDFormat.isBase64URL(code, lengths: 3...32) else {
                return notAVideo("an fb.watch link has exactly one short code")
            }
            return .success(.shortLink(ShortLink(platform: .facebook, url: "https://fb.watch/\(code)/")))
        }
        if s.count >= 3, s[0] == "share", s[1] == "v" || s[1] == "r" {
            guard IDFormat.isBase64URL(s[2], lengths: 3...32) else { return notAVideo("'\(s[2])' is not a Facebook share code") }
            return .success(.shortLink(ShortLink(platform: .facebook, url: "https://www.facebook.com/share/\(s[1])/\(s[2])/")))
        }
        if s.first == "watch" || s.first == "video.php" {
            guard let id = url.query["v"] else { return notAVideo("the watch URL has no v= parameter") }
            return video(id: id)
        }
        if s.count >= 2, s[0] == "reel" { return video(id: s[1]) }
        if let index = s.firstIndex(of: "videos"), index + 1 < s.count {
            // /PAGE/videos/ID or /PAGE/videos/some-title/ID: the id is the last numeric part.
            guard let id = s[(index + 1)...].last(where: { IDFormat.isDigits($0, lengths: 1...25) }) else {
                return invalidID(s[index + 1], "Facebook video ids are digits")
            }
            return video(id: id)
        }
        return notAVideo("no video id in the path '/\(s.joined(separator: "/"))'")
    }

    private func video(id: String) -> Result<ParsedVideoURL, VideoURLError> {
        guard IDFormat.isDigits(id, lengths: 1...25) else {
            return invalidID(id, "Facebook video ids are 1 to 25 digits")
        }
        return .success(.video(VideoURL(platform: .facebook, externalID: id, canonicalURL: "https://www.facebook.com/watch/?v=\(id)")))
    }
}
