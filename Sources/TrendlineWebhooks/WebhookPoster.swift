import AsyncHTTPClient
import Foundation
import NIOCore
import TrendlineDomain

/// One POST to a receiver. The seam tests can replace; the real one is ``AsyncHTTPWebhookPoster``.
public protocol WebhookPoster: Sendable {
    /// The receiver's status code; throws when it could not be reached or timed out.
    func post(_ url: String, headers: [(String, String)], body: Data) async throws -> Int
}

/// AsyncHTTPClient with a timeout, no redirects (a receiver cannot bounce us to another host)
/// and at most 64 KiB of the answer read. Unless `targets` allows private addresses, the
/// receiver's name is resolved before each POST and refused when it points at one.
public final class AsyncHTTPWebhookPoster: WebhookPoster {
    let client: HTTPClient
    public let timeout: TimeAmount
    public let targets: WebhookTargetPolicy

    public init(timeout: TimeAmount = .seconds(10), targets: WebhookTargetPolicy) {
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: timeout))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
        self.targets = targets
    }

    public func post(_ url: String, headers: [(String, String)], body: Data) async throws -> Int {
        try await ReceiverAddresses.check(url, policy: targets)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "User-Agent", value: "Trendline-Webhooks/0.1")
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: timeout)
        _ = try? await response.body.collect(upTo: 64 << 10)
        return Int(response.status.code)
    }

    /// Closes the connection pool; call once at shutdown.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}
