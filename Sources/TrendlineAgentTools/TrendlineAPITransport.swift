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
    let baseURL: String
    let key: String
    let timeout: TimeAmount
    let maximumBodyBytes: Int

    public init(baseURL: String, key: String, timeout: TimeAmount = .seconds(60), maximumBodyBytes: Int = 16 << 20) {
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
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

    /// Closes the connection pool; call once at the end.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}
