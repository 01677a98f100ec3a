/// LinkedIn: `/posts/SLUG-activity-ID-XXXX` (a post without text is `/posts/NAME_activity-ID-XXXX`) and `/feed/update/urn:li:activity:ID` (also
/// `ugcPost` and `share` URNs); `lnkd.in/X` links are short links.
///
/// The external id is the numeric activity id; for a `ugcPost` or `share` URN it is the URN
/// kind and number (`ugcPost:ID`), since those number spaces differ.
public struct LinkedInDescriptor: PlatformDescriptor {
    public init() {}
    public let platform = Platform.linkedin
    public let displayName = "LinkedIn"
    public let domains = ["linkedin.com", "lnkd.in"]
    public let reportedMetrics: [Metric] = [.views, .likes, .comments, .shares]
    public let exampleURLs = [
        "https://www.linkedin.com/posts/jane-doe_launch-activity-7123456789012345678-AbCd/",
        "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/",
    ]

    static let urnKinds = ["activity", "ugcPost", "share"]

    public func recognize(_ url: URLParts) -> Result<ParsedVideoURL, VideoURLError> {
        let s = url.segments
        if url.hostIs(inDomain: "lnkd.in") {
            guard let code = s.first, s.count == 1, IDFormat.isBase64URL(code, lengths: 3...32) else {
                return notAVideo("an lnkd.in link has exactly one short code")
            }
            return .success(.shortLink(ShortLink(platform: .linkedin, url: "https://lnkd.in/\(code)")))
        }
        if s.count >= 2, s[0] == "posts" {
            // SLUG-activity-ID-XXXX: find "<kind>-<digits>" from the right. The author's name ends
            // at "_", so a post without text has "NAME_activity-ID-XXXX".
            let parts = s[1].split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
            for index in stride(from: parts.count - 2, through: 0, by: -1) where Self.urnKinds.contains(parts[index]) {
                return post(kind: parts[index], id: parts[index + 1])
            }
            return notAVideo("the post URL has no '-activity-<id>' part")
        }
        if s.count >= 3, s[0] == "feed", s[1] == "update" {
            let urn = s[2].split(separator: ":").map(String.init)
            guard urn.count == 4, urn[0] == "urn", urn[1] == "li", Self.urnKinds.contains(urn[2]) else {
                return notAVideo("'\(s[2])' is not an activity URN (urn:li:activity:<id>)")
            }
            return post(kind: urn[2], id: urn[3])
        }
        if s.first == "in" || s.first == "company" { return notAVideo("a profile is not a post") }
        return notAVideo("no post id in the path '/\(s.joined(separator: "/"))'")
    }

    private func post(kind: String, id: String) -> Result<ParsedVideoURL, VideoURLError> {
        guard IDFormat.isDigits(id, lengths: 1...25) else {
            return invalidID(id, "LinkedIn activity ids are 1 to 25 digits")
        }
        let external = kind == "activity" ? id : "\(kind):\(id)"
        let canonical = "https://www.linkedin.com/feed/update/urn:li:\(kind):\(id)/"
        return .success(.video(VideoURL(platform: .linkedin, externalID: external, canonicalURL: canonical)))
    }
}
