/// TikTok: `/@user/video/ID`, `/@user/photo/ID`, `m.tiktok.com/v/ID.html`,
/// `tiktokv.com/share/video/ID`, `/embed/v2/ID`; short links `vm.`/`vt.tiktok.com/X` and `/t/X`.
public struct TikTokDescriptor: PlatformDescriptor {
    public init() {}
    public let platform = Platform.tiktok
    public let displayName = "TikTok"
    public let domains = ["tiktok.com", "tiktokv.com"]
    public let reportedMetrics: [Metric] = [.views, .likes, .comments, .shares, .saves]
    public let exampleURLs = [
        "https://www.tiktok.com/@username/video/7430511437199543584",
        "https://vm.tiktok.com/ZMabc123/",
        "https://www.tiktok.com/t/ZTabc123/",
        "https://m.tiktok.com/v/7430511437199543584.html",
    ]

    /// TikTok ids are 64-bit integers; shorter ones appear in documentation examples.
    static let idLengths = 1...20

    public func recognize(_ url: URLParts) -> Result<ParsedVideoURL, VideoURLError> {
        let s = url.segments
        if url.host == "vm.tiktok.com" || url.host == "vt.tiktok.com" {
            guard let code = s.first, s.count == 1 else { return notAVideo("a short link has exactly one path part") }
            return shortLink(host: url.host, path: code)
        }
        if s.count == 2, s[0] == "t" {
            return shortLink(host: "www.tiktok.com", path: "t/" + s[1])
        }
        if s.count >= 3, s[0].hasPrefix("@"), s[1] == "video" || s[1] == "photo" {
            let user = String(s[0].dropFirst())
            guard user.isEmpty || IDFormat.isHandle(user) else { return notAVideo("'\(s[0])' is not a TikTok username") }
            return video(id: s[2], user: user, kind: s[1])
        }
        if s.count == 2, s[0] == "v", s[1].hasSuffix(".html") {
            return video(id: String(s[1].dropLast(5)), user: "", kind: "video")
        }
        if s.count >= 3, s[0] == "share", s[1] == "video" {
            return video(id: s[2], user: "", kind: "video")
        }
        if s.count >= 2, s[0] == "embed" {
            let id = s[1] == "v2" && s.count >= 3 ? s[2] : s[1]
            return video(id: id, user: "", kind: "video")
        }
        if s.count >= 1, s[0].hasPrefix("@") {
            return notAVideo("'/\(s[0])' is a profile; paste the URL of one of its videos")
        }
        return notAVideo("no video id in the path '/\(s.joined(separator: "/"))'")
    }

    private func video(id: String, user: String, kind: String) -> Result<ParsedVideoURL, VideoURLError> {
        guard IDFormat.isDigits(id, lengths: Self.idLengths) else {
            return invalidID(id, "TikTok ids are 1 to 20 digits")
        }
        let canonical = "https://www.tiktok.com/@\(user)/\(kind)/\(id)"
        return .success(.video(VideoURL(platform: .tiktok, externalID: id, canonicalURL: canonical)))
    }

    private func shortLink(host: String, path: String) -> Result<ParsedVideoURL, VideoURLError> {
        let code = path.split(separator: "/").last.map(String.init) ?? ""
        guard IDFormat.isBase64URL(code, lengths: 3...64) else {
            return notAVideo("'\(code)' is not a TikTok short-link code")
        }
        return .success(.shortLink(ShortLink(platform: .tiktok, url: "https://\(host)/\(path)/")))
    }
}
