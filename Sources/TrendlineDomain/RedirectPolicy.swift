import Foundation

/// The rules a short-link redirect must follow: at most ``maximumRedirects`` hops, http(s)
/// only, never to an IP literal or a local name, and only between hosts of the short link's own
/// platform. Pure, so the HTTP resolver and its test double apply the very same rules.
public struct RedirectPolicy: Sendable {
    public var maximumRedirects: Int

    public init(maximumRedirects: Int = 5) {
        self.maximumRedirects = maximumRedirects
    }

    /// Checks the `Location` of redirect number `hop` (1-based) seen while resolving `link`
    /// from `current`, and returns the absolute URL to follow.
    public func check(location: String, from current: String, hop: Int, link: ShortLink) -> Result<String, VideoURLError> {
        let platform = link.platform
        guard hop <= maximumRedirects else {
            return .failure(.unresolvable(platform, reason: "more than \(maximumRedirects) redirects"))
        }
        guard let base = URL(string: current), let next = URL(string: location, relativeTo: base)?.absoluteURL,
              let scheme = next.scheme?.lowercased(), let rawHost = next.host, !rawHost.isEmpty else {
            return .failure(.unresolvable(platform, reason: "a redirect points to an invalid URL '\(location)'"))
        }
        guard scheme == "https" || scheme == "http" else {
            return .failure(.unresolvable(platform, reason: "a redirect uses the scheme '\(scheme)'"))
        }
        var host = rawHost.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        if VideoURLParser.isIPLiteral(host) || host == "localhost" || host.hasSuffix(".localhost") || !host.contains(".") {
            return .failure(.unresolvable(platform, reason: "a redirect points to the address '\(host)', which is refused"))
        }
        guard PlatformCatalog.descriptor(for: platform).owns(host: host) else {
            return .failure(.unresolvable(platform, reason: "a redirect leaves \(platform.displayName) for '\(host)'"))
        }
        return .success(next.absoluteString)
    }
}
