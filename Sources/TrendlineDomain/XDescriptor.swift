/// X (Twitter): `/USER/status/ID`, `/i/web/status/ID`, `/i/status/ID`, `.../video/1` on
/// x.com, twitter.com and their mobile hosts and the common embed-fixing mirrors; t.co links
/// are short links.
public struct XDescriptor: PlatformDescriptor {
    public init() {}
    public let platform = Platform.x
    public let displayName = "X"
    public let domains = ["x.com", "twitter.com", "t.co", "fxtwitter.com", "vxtwitter.com", "fixupx.com", "fixvx.com"]
    public let reportedMetrics: [Metric] = [.views, .likes, .comments, .shares, .saves]
    public let exampleURLs = [
        "https://x.com/username/status/1234567890123456789",
        "https://twitter.com/username/status/1234567890123456789/video/1",
        "https://t.co/AbCdEf1234",
    ]

    public func recognize(_ url: URLParts) -> Result<ParsedVideoURL, VideoURLError> {
        let s = url.segments
        if url.hostIs(inDomain: "t.co") {
            guard let code = s.first, s.count == 1, IDFormat.isBase64URL(code, lengths: 3...32) else {
                return notAVideo("a t.co link has exactly one short code")
            }
            return .success(.shortLink(ShortLink(platform: .x, url: "https://t.co/\(code)")))
        }
        if let index = s.firstIndex(where: { $0 == "status" || $0 == "statuses" }), index + 1 < s.count {
            let user = index == 1 && s[0] != "i" ? s[0] : ""
            guard user.isEmpty || IDFormat.isHandle(user) else { return notAVideo("'\(user)' is not an X handle") }
            return post(id: s[index + 1], user: user)
        }
        if s.count == 1 { return notAVideo("'/\(s[0])' is a profile; paste the URL of one of its posts") }
        return notAVideo("no status id in the path '/\(s.joined(separator: "/"))'")
    }

    private func post(id: String, user: String) -> Result<ParsedVideoURL, VideoURLError> {
        guard IDFormat.isDigits(id, lengths: 1...20) else {
            return invalidID(id, "X post ids are 1 to 20 digits")
        }
        let canonical = user.isEmpty ? "https://x.com/i/status/\(id)" : "https://x.com/\(user)/status/\(id)"
        return .success(.video(VideoURL(platform: .x, externalID: id, canonicalURL: canonical)))
    }
}
