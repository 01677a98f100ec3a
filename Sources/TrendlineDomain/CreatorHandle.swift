import Foundation

/// A creator on one platform, by the name the platform uses in URLs: a TikTok, Instagram or X
/// username (without `@`), or a YouTube handle (`@name`) or channel id (`UC...`).
///
/// Usernames are case-insensitive on every supported platform, so they are kept lowercased
/// (YouTube channel ids keep their case: they are case-sensitive).
public struct CreatorHandle: Sendable, Hashable, Codable {
    public var platform: Platform
    public var username: String

    public init(platform: Platform, username: String) {
        self.platform = platform
        self.username = username
    }

    /// The profile URL a person would open.
    public var profileURL: String {
        switch platform {
        case .tiktok: return "https://www.tiktok.com/@\(username)"
        case .instagram: return "https://www.instagram.com/\(username)/"
        case .youtube: return username.hasPrefix("UC") && !username.hasPrefix("@") ? "https://www.youtube.com/channel/\(username)" : "https://www.youtube.com/\(username)"
        case .x: return "https://x.com/\(username)"
        case .facebook: return "https://www.facebook.com/\(username)"
        case .linkedin: return "https://www.linkedin.com/in/\(username)"
        }
    }

    /// Platforms whose creators Trendline can look up (profile, recent videos).
    public static let supportedPlatforms: [Platform] = [.tiktok, .instagram, .youtube, .x]

    /// Reads `username` + `platform` as a user typed them (`@name` or `name`).
    public static func from(username raw: String, platform: Platform) -> Result<CreatorHandle, CreatorHandleError> {
        guard supportedPlatforms.contains(platform) else { return .failure(.unsupportedPlatform(platform)) }
        var name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if platform == .youtube {
            if IDFormat.isYouTubeChannelID(name) { return .success(CreatorHandle(platform: .youtube, username: name)) }
            if !name.hasPrefix("@") { name = "@" + name }
            let bare = String(name.dropFirst())
            guard IDFormat.isHandle(bare) else { return .failure(.invalidUsername(raw, platform)) }
            return .success(CreatorHandle(platform: .youtube, username: "@" + bare.lowercased()))
        }
        if name.hasPrefix("@") { name.removeFirst() }
        guard IDFormat.isHandle(name) else { return .failure(.invalidUsername(raw, platform)) }
        return .success(CreatorHandle(platform: platform, username: name.lowercased()))
    }

    /// Reads a profile URL (`tiktok.com/@name`, `instagram.com/name`, `youtube.com/@name`,
    /// `youtube.com/channel/UC...`, `x.com/name`), also pasted with what surrounded it
    /// (``VideoURLParser/unwrapped(_:)``: `<...>`, quotes, a trailing `.`).
    public static func from(url text: String) -> Result<CreatorHandle, CreatorHandleError> {
        let strict = fromExactly(url: text)
        guard case .failure = strict, let pasted = VideoURLParser.unwrapped(text) else { return strict }
        return fromExactly(url: pasted)
    }

    static func fromExactly(url text: String) -> Result<CreatorHandle, CreatorHandleError> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= VideoURLParser.maximumLength else { return .failure(.notAProfile(text, "it is empty or too long")) }
        guard case .success(let parts) = URLParts.parse(trimmed), let descriptor = PlatformCatalog.descriptor(owning: parts.host) else {
            return .failure(.notAProfile(text, "it is not a URL of a supported platform"))
        }
        let s = parts.segments
        let platform = descriptor.platform
        switch platform {
        case .tiktok:
            guard let first = s.first, first.hasPrefix("@"), s.count == 1 || !["video", "photo"].contains(s[1]) else {
                return .failure(.notAProfile(text, "a TikTok profile URL looks like tiktok.com/@name"))
            }
            return from(username: first, platform: .tiktok)
        case .instagram:
            guard s.count == 1, !["p", "reel", "reels", "tv", "stories", "explore"].contains(s[0]) else {
                return .failure(.notAProfile(text, "an Instagram profile URL looks like instagram.com/name"))
            }
            return from(username: s[0], platform: .instagram)
        case .youtube:
            if s.count >= 2, s[0] == "channel" { return from(username: s[1], platform: .youtube) }
            if let first = s.first, first.hasPrefix("@") { return from(username: first, platform: .youtube) }
            return .failure(.notAProfile(text, "a YouTube channel URL looks like youtube.com/@handle or youtube.com/channel/UC..."))
        case .x:
            guard let first = s.first, s.count <= 2, !["i", "home", "search", "intent"].contains(first) else {
                return .failure(.notAProfile(text, "an X profile URL looks like x.com/name"))
            }
            if s.count == 2 && s[1] != "media" { return .failure(.notAProfile(text, "an X profile URL looks like x.com/name")) }
            return from(username: first, platform: .x)
        case .facebook, .linkedin:
            return .failure(.unsupportedPlatform(platform))
        }
    }
}

/// Why a creator could not be named from what a user sent.
public enum CreatorHandleError: Error, Sendable, Equatable {
    case unsupportedPlatform(Platform)
    case invalidUsername(String, Platform)
    case notAProfile(String, String)

    public var code: String {
        switch self {
        case .unsupportedPlatform: return "UNSUPPORTED_PLATFORM"
        case .invalidUsername: return "INVALID_USERNAME"
        case .notAProfile: return "NOT_A_PROFILE_URL"
        }
    }

    public var message: String {
        switch self {
        case .unsupportedPlatform(let platform):
            return "creators on \(platform.displayName) are not supported; use one of \(CreatorHandle.supportedPlatforms.map(\.rawValue).joined(separator: ", "))"
        case .invalidUsername(let name, let platform):
            return "'\(name)' is not a valid \(platform.displayName) username"
        case .notAProfile(let text, let reason):
            return "'\(text.prefix(200))' is not a profile URL: \(reason)"
        }
    }
}
