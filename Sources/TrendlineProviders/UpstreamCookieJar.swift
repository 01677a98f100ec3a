import AsyncHTTPClient
import Foundation
import Synchronization

/// The cookies one platform set, sent back with later requests to it, as a browser (or yt-dlp's
/// cookie jar) does. TikTok answers a visitor without `tt_chain_token`/`ttwid` with a page shell
/// that lacks the video's data, and the full page once they are sent back.
///
/// `Set-Cookie` is read by AsyncHTTPClient's `HTTPClient.Cookie` (RFC 6265's parsing). Names,
/// values and expiry are kept (one platform, every path): a cookie is sent until its `Max-Age`
/// or `Expires` passes, and one set already expired (or emptied) is dropped. A jar holds at most
/// ``maximumCookies``, each at most ``maximumValueLength`` long, so a hostile answer cannot grow it.
public final class UpstreamCookieJar: Sendable {
    public static let maximumCookies = 32
    public static let maximumValueLength = 4096

    struct Kept {
        var value: String
        /// When it stops being sent; `nil` for a session cookie (kept while the process runs).
        var expires: Date?

        func isLive(at now: Date) -> Bool { expires.map { $0 > now } ?? true }
    }

    private let cookies = Mutex<[String: Kept]>([:])
    /// The clock expiry is read on (real time: cookies expire for the platform's servers).
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// The `Cookie` header to send, `nil` while no cookie is live.
    public var header: String? {
        let now = now()
        return cookies.withLock { cookies in
            cookies = cookies.filter { $0.value.isLive(at: now) }
            return cookies.isEmpty ? nil : cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.value)" }.joined(separator: "; ")
        }
    }

    /// Keeps the cookies of `setCookies` (`Set-Cookie` header values); an empty value, a
    /// `Max-Age` of zero or less, or an `Expires` already past removes one. Returns whether the
    /// cookies sent change.
    @discardableResult
    public func store(_ setCookies: [String]) -> Bool {
        let now = now()
        return cookies.withLock { cookies in
            var changed = false
            cookies = cookies.filter { $0.value.isLive(at: now) }
            for line in setCookies {
                guard let cookie = HTTPClient.Cookie(header: line, defaultDomain: ""),
                      cookie.name.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "," && $0 != "=" }),
                      cookie.value.count <= Self.maximumValueLength
                else { continue }
                let expires = cookie.maxAge.map { now.addingTimeInterval(TimeInterval($0)) } ?? cookie.expires
                if cookie.value.isEmpty || (expires.map { $0 <= now } ?? false) {
                    changed = cookies.removeValue(forKey: cookie.name) != nil || changed
                } else if cookies[cookie.name] != nil || cookies.count < Self.maximumCookies {
                    changed = changed || cookies[cookie.name]?.value != cookie.value
                    cookies[cookie.name] = Kept(value: cookie.value, expires: expires)
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
