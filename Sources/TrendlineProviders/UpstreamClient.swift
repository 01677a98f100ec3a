import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An answer from a platform, body already read (and bounded).
public struct UpstreamResponse: Sendable {
    public var status: Int
    /// Header names lowercased (the last value of a repeated header).
    public var headers: [String: String]
    public var body: Data
    /// Every `Set-Cookie` value, which `headers` cannot hold (each cookie is its own header).
    public var setCookies: [String]

    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), setCookies: [String] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.setCookies = setCookies
    }

    /// `Retry-After` in seconds (delta form; an HTTP date is read relative to now), or, without
    /// it, X's `x-rate-limit-reset` (the epoch second its window resets), read relative to now.
    public var retryAfter: TimeInterval? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else {
            guard let reset = headers["x-rate-limit-reset"].flatMap({ TimeInterval($0.trimmingCharacters(in: .whitespaces)) }) else { return nil }
            return max(0, reset - Date().timeIntervalSince1970)
        }
        if let seconds = TimeInterval(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}

/// One GET to a platform, redirects not followed. The seam tests replace.
public protocol UpstreamClient: Sendable {
    func get(_ url: String, headers: [(String, String)]) async throws -> UpstreamResponse
}

/// The real client: AsyncHTTPClient with a timeout, no automatic redirects and a bounded body.
public final class AsyncHTTPUpstreamClient: UpstreamClient {
    let client: HTTPClient
    public let timeout: TimeAmount
    public let maximumBodyBytes: Int

    public init(timeout: TimeAmount = .seconds(10), maximumBodyBytes: Int = 8 << 20) {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: timeout))
        configuration.decompression = .enabled(limit: .ratio(50))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func get(_ url: String, headers: [(String, String)]) async throws -> UpstreamResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "Mozilla/5.0 (compatible; Trendline/0.1)")
        request.headers.add(name: "Accept-Encoding", value: "gzip")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: maximumBodyBytes)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return UpstreamResponse(
            status: Int(response.status.code), headers: fields, body: Data(body.readableBytesView), setCookies: response.headers["set-cookie"])
    }

    /// Closes the connection pool; call once at shutdown.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}
