import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One request to Trendline's REST API and its answer.
public protocol TrendlineAPITransport: Sendable {
    /// `path` is absolute (`/v1/...`) and already holds its query.
    func send(method: String, path: String, body: Data?) async throws -> (status: Int, body: Data)
}

/// The REST API of a running Trendline at `baseURL`, with one API key: AsyncHTTPClient with a
/// timeout and a bounded answer.
public final class HTTPTrendlineAPI: TrendlineAPITransport {
    let client: HTTPClient
    /// Whether ``shutdown()`` closes `client` (made by this instance) or leaves it to its owner.
    let ownsClient: Bool
    let baseURL: String
    let key: String
    let timeout: TimeAmount
    let maximumBodyBytes: Int

    /// With a client of its own, which ``shutdown()`` closes.
    public convenience init(baseURL: String, key: String, timeout: TimeAmount = .seconds(60), maximumBodyBytes: Int = 16 << 20) {
        self.init(
            client: HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow)), owned: true,
            baseURL: baseURL, key: key, timeout: timeout, maximumBodyBytes: maximumBodyBytes)
    }

    /// Through `client`, shared with others and closed by its owner (the server's MCP endpoint
    /// makes one of these per request, for the key that request presented).
    public convenience init(client: HTTPClient, baseURL: String, key: String, timeout: TimeAmount = .seconds(60), maximumBodyBytes: Int = 16 << 20) {
        self.init(client: client, owned: false, baseURL: baseURL, key: key, timeout: timeout, maximumBodyBytes: maximumBodyBytes)
    }

    private init(client: HTTPClient, owned: Bool, baseURL: String, key: String, timeout: TimeAmount, maximumBodyBytes: Int) {
        self.client = client
        self.ownsClient = owned
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.key = key
        self.timeout = timeout
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func send(method: String, path: String, body: Data?) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "User-Agent", value: "trendline-mcp")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: maximumBodyBytes)
        return (Int(response.status.code), Data(bytes.readableBytesView))
    }

    /// Closes the connection pool if this instance made it; call once at the end.
    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }
}
