import Synchronization

/// The cookies one platform set, sent back with later requests to it, as a browser (or yt-dlp's
/// cookie jar) does. TikTok answers a visitor without `tt_chain_token`/`ttwid` with a page shell
/// that lacks the video's data, and the full page once they are sent back.
///
/// Only names and values are kept (one platform, every path, until the process ends); a jar holds
/// at most ``maximumCookies``, each at most ``maximumValueLength`` long, so a hostile answer
/// cannot grow it.
public final class UpstreamCookieJar: Sendable {
    public static let maximumCookies = 32
    public static let maximumValueLength = 4096
    private let cookies = Mutex<[String: String]>([:])

    public init() {}

    /// The `Cookie` header to send, `nil` while the jar is empty.
    public var header: String? {
        cookies.withLock { cookies in
            cookies.isEmpty ? nil : cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
    }

    /// Keeps the cookies of `setCookies` (`Set-Cookie` header values, attributes ignored); an
    /// empty value or a past `Max-Age=0` removes one. Returns whether the jar changed.
    @discardableResult
    public func store(_ setCookies: [String]) -> Bool {
        cookies.withLock { cookies in
            var changed = false
            for line in setCookies {
                let parts = line.split(separator: ";", omittingEmptySubsequences: false)
                guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
                let value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, name.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "," }), value.count <= Self.maximumValueLength else { continue }
                let expires = parts.dropFirst().contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "max-age=0" }
                if value.isEmpty || expires {
                    changed = cookies.removeValue(forKey: name) != nil || changed
                } else if cookies[name] != value, cookies[name] != nil || cookies.count < Self.maximumCookies {
                    cookies[name] = value
                    changed = true
                }
            }
            return changed
        }
    }
}

/// An ``UpstreamClient`` that sends a jar's cookies with each request and keeps the ones each
/// answer sets: what the TikTok providers read pages through.
public struct CookieCarryingClient: UpstreamClient {
    let base: any UpstreamClient
    public let jar: UpstreamCookieJar

    public init(_ base: any UpstreamClient, jar: UpstreamCookieJar) {
        self.base = base
        self.jar = jar
    }

    public func get(_ url: String, headers: [(String, String)]) async throws -> UpstreamResponse {
        var headers = headers
        if let cookie = jar.header { headers.append(("Cookie", cookie)) }
        let response = try await base.get(url, headers: headers)
        jar.store(response.setCookies)
        return response
    }
}
