/// Why a string is not a trackable video URL. Each case names what is wrong.
public enum VideoURLError: Error, Sendable, Hashable {
    /// Nothing was given.
    case empty
    /// Longer than ``VideoURLParser/maximumLength`` characters.
    case tooLong(length: Int)
    /// Not a URL at all (spaces, control characters, no host...).
    case malformed(reason: String)
    /// A scheme other than http or https.
    case unsupportedScheme(String)
    /// A host that belongs to no supported platform.
    case unsupportedHost(String)
    /// A page of a supported platform that is not a single video (a profile, a playlist...).
    case notAVideo(Platform, reason: String)
    /// The video id in the URL does not have the platform's id format.
    case invalidVideoID(Platform, id: String, reason: String)
    /// A short link whose redirects could not be followed to a video.
    case unresolvable(Platform, reason: String)

    /// A stable machine-readable code for the API.
    public var code: String {
        switch self {
        case .empty, .tooLong, .malformed, .unsupportedScheme: return "INVALID_URL"
        case .unsupportedHost: return "UNSUPPORTED_PLATFORM"
        case .notAVideo: return "NOT_A_VIDEO_URL"
        case .invalidVideoID: return "INVALID_VIDEO_ID"
        case .unresolvable: return "UNRESOLVABLE_SHORT_LINK"
        }
    }

    /// A sentence for people.
    public var message: String {
        switch self {
        case .empty:
            return "the URL is empty"
        case .tooLong(let length):
            return "the URL is \(length) characters long; at most \(VideoURLParser.maximumLength) are accepted"
        case .malformed(let reason):
            return "not a valid URL: \(reason)"
        case .unsupportedScheme(let scheme):
            return "unsupported URL scheme '\(scheme)': use http or https"
        case .unsupportedHost(let host):
            let names = Platform.allCases.map(\.displayName).joined(separator: ", ")
            return "'\(host)' is not a supported platform (supported: \(names))"
        case .notAVideo(let platform, let reason):
            return "not a \(platform.displayName) video URL: \(reason)"
        case .invalidVideoID(let platform, let id, let reason):
            return "'\(id)' is not a valid \(platform.displayName) video id: \(reason)"
        case .unresolvable(let platform, let reason):
            return "could not resolve the \(platform.displayName) short link: \(reason)"
        }
    }
}
