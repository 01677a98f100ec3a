import AsyncHTTPClient
import Foundation
import Synchronization
import Testing
import TrendlineDomain
@testable import TrendlineWebhooks

/// A delivery connects to the address its receiver's name was checked as, not to a second
/// answer for the name (DNS rebinding), and the clients pinned that way are reused and bounded.
/// The timeouts are long: the whole suite starting at once on two cores can hold a loopback
/// answer for seconds (5 s timed out there), and they bound only a failing run.
struct PinnedDeliveryTests {
    /// Answers `address` for `name` and counts the lookups; any other name does not resolve.
    final class FixedResolver: Sendable {
        let name: String
        let address: String
        private let lookups = Mutex(0)
        init(_ name: String, _ address: String) {
            self.name = name
            self.address = address
        }

        var count: Int { lookups.withLock { $0 } }
        var resolve: @Sendable (String) throws -> [String] {
            { [self] host in
                lookups.withLock { $0 += 1 }
                guard host == name else { throw ReceiverNotResolved(host: host, reason: "not in the test's table") }
                return [address]
            }
        }
    }

    @Test func theConnectionGoesToTheCheckedAddressUnderTheReceiversName() async throws {
        // `.invalid` never resolves (RFC 6761): had the client looked the name up again to
        // connect, the POST would fail.
        let resolver = FixedResolver("receiver.invalid", "127.0.0.1")
        let poster = AsyncHTTPWebhookPoster(timeout: .seconds(60), targets: WebhookTargetPolicy(allowPrivateAddresses: true), resolve: resolver.resolve)
        let receiver = Receiver()
        do {
            try await receiver.run { url in
                let named = url.replacingOccurrences(of: "127.0.0.1", with: "receiver.invalid")
                #expect(try await poster.post(named, headers: [], body: Data("{}".utf8)) == 200)
                #expect(try await poster.post(named, headers: [], body: Data("{}".utf8)) == 200)
                let port = try #require(URL(string: url)?.port)
                #expect(receiver.received.map(\.authority) == ["receiver.invalid:\(port)", "receiver.invalid:\(port)"], "the Host header keeps the name")
            }
            #expect(resolver.count == 2, "the name is resolved before each POST")
            #expect(poster.pinnedClientCount == 1, "the second POST reused the first one's client")
        } catch {
            try await poster.shutdown()
            throw error
        }
        try await poster.shutdown()
    }

    @Test func aDualStackNameIsPinnedToOneOfItsIPv4Addresses() {
        let picks = Set((0..<200).compactMap { _ in ReceiverAddresses.preferred(["2606:4700::1111", "203.0.113.5", "203.0.113.6"]) })
        #expect(picks == ["203.0.113.5", "203.0.113.6"], "never the IPv6 one; each IPv4 one in turn: \(picks)")
        #expect(ReceiverAddresses.preferred(["2606:4700::1111"]) == "2606:4700::1111", "an IPv6-only name keeps its address")
        #expect(ReceiverAddresses.preferred([]) == nil)
    }

    @Test func aNameThatResolvesToAPrivateAddressGetsNothing() async throws {
        let resolver = FixedResolver("public-looking.invalid", "10.0.0.8")
        let poster = AsyncHTTPWebhookPoster(timeout: .seconds(60), targets: WebhookTargetPolicy(), resolve: resolver.resolve)
        await #expect {
            _ = try await poster.post("https://public-looking.invalid/hook", headers: [], body: Data())
        } throws: { error in
            "\(error)".contains("'public-looking.invalid' resolves to 10.0.0.8, a private address")
        }
        #expect(poster.pinnedClientCount == 0)
        try await poster.shutdown()
    }

    @Test func pastItsCapacityTheLeastRecentlyUsedIdleClientGoesAndOneInUseStays() async throws {
        let clients = PinnedClients(configuration: .init(timeout: .init(connect: .seconds(60), read: .seconds(60))), capacity: 1)
        let receiver = Receiver()
        do {
            try await receiver.run { url in
                let port = try #require(URL(string: url)?.port)
                func post(_ client: HTTPClient, _ name: String) async throws -> UInt {
                    var request = HTTPClientRequest(url: "http://\(name):\(port)/hook")
                    request.method = .POST
                    return try await client.execute(request, timeout: .seconds(60)).status.code
                }
                try await clients.withClient(for: PinnedTarget(host: "a.invalid", address: "127.0.0.1")) { held in
                    // Two more names while the first one's client is in use: each new one pushes
                    // the count past 1, and only an idle client may go.
                    for name in ["b.invalid", "c.invalid"] {
                        let status = try await clients.withClient(for: PinnedTarget(host: name, address: "127.0.0.1")) { try await post($0, name) }
                        #expect(status == 200)
                    }
                    #expect(clients.count == 2, "the held client and the newest one")
                    #expect(try await post(held, "a.invalid") == 200, "the held client was not shut down")
                }
                let status = try await clients.withClient(for: PinnedTarget(host: "d.invalid", address: "127.0.0.1")) { try await post($0, "d.invalid") }
                #expect(status == 200)
                #expect(clients.count == 1, "once idle, the older clients went")
            }
        } catch {
            try await clients.shutdown()
            throw error
        }
        try await clients.shutdown()
        #expect(clients.count == 0)
    }
}
