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
/// and at most 64 KiB of the answer read. The receiver's name is resolved before each POST and,
/// unless `targets` allows private addresses, refused when it points at one; the POST then
/// connects to the address that was checked (``PinnedClients``).
public final class AsyncHTTPWebhookPoster: WebhookPoster {
    let clients: PinnedClients
    let resolve: @Sendable (String) throws -> [String]
    public let timeout: TimeAmount
    public let targets: WebhookTargetPolicy

    /// `resolve` answers a host name's addresses as numeric text; the system's resolver
    /// (getaddrinfo) unless a test gives its own.
    public init(timeout: TimeAmount = .seconds(10), targets: WebhookTargetPolicy, resolve: (@Sendable (String) throws -> [String])? = nil) {
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: timeout))
        self.clients = PinnedClients(configuration: configuration)
        self.resolve = resolve ?? ReceiverAddresses.resolve
        self.timeout = timeout
        self.targets = targets
    }

    public func post(_ url: String, headers: [(String, String)], body: Data) async throws -> Int {
        let target = try await ReceiverAddresses.pin(url, policy: targets, resolve: resolve)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "User-Agent", value: "Trendline-Webhooks/0.1")
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await clients.withClient(for: target) { client in
            let response = try await client.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 << 10)
            return Int(response.status.code)
        }
    }

    /// How many pinned clients are kept (for tests).
    var pinnedClientCount: Int { clients.count }

    /// Closes the connection pools; call once at shutdown.
    public func shutdown() async throws {
        try await clients.shutdown()
    }
}
