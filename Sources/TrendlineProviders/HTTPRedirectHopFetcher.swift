import Foundation
import TrendlineCore
import TrendlineDomain

/// One short-link hop over HTTP for ``RedirectFollowingResolver``: asks the URL without
/// following redirects and returns its `Location`.
///
/// When a platform's base URL is overridden (the simulator), the request goes to that base with
/// the original host in the `Host` header, so the redirect rules still judge the real URLs.
public struct HTTPRedirectHopFetcher: RedirectHopFetcher {
    let client: any UpstreamClient
    let endpoints: PlatformEndpoints

    public init(client: any UpstreamClient, endpoints: PlatformEndpoints) {
        self.client = client
        self.endpoints = endpoints
    }

    public func location(of url: String) async throws -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            throw ProviderFailure.malformed("cannot request '\(url)'")
        }
        var target = url
        var headers: [(String, String)] = []
        if let platform = PlatformCatalog.descriptor(owning: host)?.platform, endpoints.isOverridden(platform) {
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            target = endpoints.base(platform) + path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
            headers.append(("Host", host))
        }
        let response = try await client.get(target, headers: headers)
        guard (300..<400).contains(response.status) else {
            if response.status >= 400 { throw ProviderFailure.upstream("\(url) answered \(response.status)") }
            return nil
        }
        return response.headers["location"]
    }
}
