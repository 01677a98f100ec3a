/// A video identified on its platform: what every accepted URL form is reduced to.
public struct VideoURL: Sendable, Hashable {
    public var platform: Platform
    /// The platform's own id for the video (e.g. the 11-character YouTube id).
    public var externalID: String
    /// One stable URL for the video, with tracking parameters and share noise removed.
    public var canonicalURL: String

    public init(platform: Platform, externalID: String, canonicalURL: String) {
        self.platform = platform
        self.externalID = externalID
        self.canonicalURL = canonicalURL
    }
}

/// A platform short link (vm.tiktok.com/..., t.co/..., fb.watch/...) that only says which video
/// it means after its redirects are followed. See ``RedirectPolicy``.
public struct ShortLink: Sendable, Hashable {
    public var platform: Platform
    /// The link, normalised to https with its query removed.
    public var url: String

    public init(platform: Platform, url: String) {
        self.platform = platform
        self.url = url
    }
}

/// What a pasted URL turned out to be.
public enum ParsedVideoURL: Sendable, Hashable {
    /// A video whose id is in the URL.
    case video(VideoURL)
    /// A short link to resolve first; the resolved URL goes through the parser again.
    case shortLink(ShortLink)

    public var platform: Platform {
        switch self {
        case .video(let video): return video.platform
        case .shortLink(let link): return link.platform
        }
    }
}
