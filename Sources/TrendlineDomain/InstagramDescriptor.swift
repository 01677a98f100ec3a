/// Instagram: `/p/CODE`, `/reel/CODE`, `/reels/CODE`, `/tv/CODE`, `/USER/p/CODE`,
/// `/USER/reel/CODE`; `/share/...` links are short links.
public struct InstagramDescriptor: PlatformDescriptor {
    public init() {}
    public let platform = Platform.instagram
    public let displayName = "Instagram"
    public let domains = ["instagram.com", "instagr.am"]
    public let reportedMetrics: [Metric] = [.views, .likes, .comments]
    public let exampleURLs = [
        "https://www.instagram.com/reel/ABC123DEF456/",
        "https://instagram.com/p/ABC123DEF456/",
        "https://www.instagram.com/share/reel/BAabc123/",
    ]

    static let postKinds: Set<String> = ["p", "reel", "reels", "tv"]

    public func recognize(_ url: URLParts) -> Result<ParsedVideoURL, VideoURLError> {
        let s = url.segments
        if s.first == "share" {
            guard s.count >= 2 else { return notAVideo("a share link needs a code after /share/") }
            let code = s[s.count - 1]
            guard IDFormat.isBase64URL(code, lengths: 3...64) else { return notAVideo("'\(code)' is not an Instagram share code") }
            return .success(.shortLink(ShortLink(platform: .instagram, url: "https://www.instagram.com/\(s.joined(separator: "/"))/")))
        }
        if s.count >= 2, s[0] == "reels", s[1] == "audio" { return notAVideo("an audio page is not a post") }
        if s.count >= 2, Self.postKinds.contains(s[0]) { return post(code: s[1]) }
        if s.count >= 3, Self.postKinds.contains(s[1]) { return post(code: s[2]) }
        if s.first == "stories" { return notAVideo("stories expire and cannot be tracked") }
        if s.count == 1 { return notAVideo("'/\(s[0])' is a profile; paste the URL of one of its posts") }
        return notAVideo("no post code in the path '/\(s.joined(separator: "/"))'")
    }

    private func post(code: String) -> Result<ParsedVideoURL, VideoURLError> {
        guard IDFormat.isBase64URL(code, lengths: 5...64) else {
            return invalidID(code, "Instagram codes are 5 to 64 characters of A-Z, a-z, 0-9, _ and -")
        }
        return .success(.video(VideoURL(platform: .instagram, externalID: code, canonicalURL: "https://www.instagram.com/p/\(code)/")))
    }
}
