import Foundation

/// A URL taken apart the way the platform recognizers need it: lowercased host, decoded path
/// segments and query values.
public struct URLParts: Sendable, Hashable {
    /// Lowercased host without a trailing dot.
    public var host: String
    /// Non-empty path segments, percent-decoded.
    public var segments: [String]
    /// Query parameters, first value wins.
    public var query: [String: String]

    public init(host: String, segments: [String], query: [String: String]) {
        self.host = host
        self.segments = segments
        self.query = query
    }

    /// Whether the host is `domain` or one of its subdomains.
    public func hostIs(inDomain domain: String) -> Bool {
        host == domain || host.hasSuffix("." + domain)
    }

    /// The host without `www.`, `m.`, `mobile.` and similar presentation prefixes.
    public var bareHost: String {
        for prefix in ["www.", "m.", "mobile.", "web.", "music.", "mbasic.", "touch."] where host.hasPrefix(prefix) {
            return String(host.dropFirst(prefix.count))
        }
        return host
    }

    /// Parses `text`; a missing scheme means https.
    static func parse(_ text: String) -> Result<URLParts, VideoURLError> {
        var string = text
        if string.hasPrefix("//") {
            string = "https:" + string
        } else if let range = string.range(of: "://") {
            let scheme = string[..<range.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { return .failure(.unsupportedScheme(scheme)) }
        } else if let colon = string.firstIndex(of: ":"), isSchemeLike(string[..<colon]),
                  !(string[string.index(after: colon)...].first?.isNumber ?? false) {
            // "javascript:alert(1)", "mailto:x@y" — a scheme without "//".
            return .failure(.unsupportedScheme(string[..<colon].lowercased()))
        } else {
            string = "https://" + string
        }
        guard let components = URLComponents(string: string) else {
            return .failure(.malformed(reason: "it cannot be parsed"))
        }
        guard var host = components.host?.lowercased(), !host.isEmpty else {
            return .failure(.malformed(reason: "it has no host"))
        }
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty, !host.contains(where: { $0 == " " }) else {
            return .failure(.malformed(reason: "it has no host"))
        }
        let segments = components.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] where query[item.name] == nil {
            query[item.name] = item.value ?? ""
        }
        return .success(URLParts(host: host, segments: segments, query: query))
    }

    private static func isSchemeLike(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
            && !text.contains(".")
    }
}
