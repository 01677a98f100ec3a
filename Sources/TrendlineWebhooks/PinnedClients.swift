import AsyncHTTPClient
import Synchronization

/// HTTP clients that each connect one receiver name to the one address it was checked as
/// (AsyncHTTPClient's `dnsOverride`: the URL, the Host header and the TLS server name stay the
/// receiver's; only where the connection goes is fixed). Without it the client would resolve
/// the name again to connect, and a name that gave the check a public address could give the
/// connection 127.0.0.1 (DNS rebinding).
///
/// One client is kept per (name, address), so deliveries to a receiver reuse its connections.
/// Past `capacity` clients, the least recently used idle ones are shut down; one in use is
/// never shut down under its request.
final class PinnedClients: Sendable {
    private struct Entry {
        let client: HTTPClient
        var users: Int
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [PinnedTarget: Entry] = [:]
        var tick: UInt64 = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let configuration: HTTPClient.Configuration
    let capacity: Int

    init(configuration: HTTPClient.Configuration, capacity: Int = 32) {
        self.configuration = configuration
        self.capacity = capacity
    }

    /// Runs `body` with the client pinned to `target`, made if there is none.
    func withClient<T>(for target: PinnedTarget, _ body: (HTTPClient) async throws -> T) async throws -> T {
        let (client, retired) = try acquire(target)
        for old in retired { try? await old.shutdown() }
        defer { release(target) }
        return try await body(client)
    }

    /// How many clients are kept (for tests).
    var count: Int { state.withLock { $0.entries.count } }

    /// Shuts every client down; call once, after the last delivery.
    func shutdown() async throws {
        let clients = state.withLock { state -> [HTTPClient] in
            state.closed = true
            defer { state.entries = [:] }
            return state.entries.values.map(\.client)
        }
        for client in clients { try await client.shutdown() }
    }

    private func acquire(_ target: PinnedTarget) throws -> (HTTPClient, retired: [HTTPClient]) {
        try state.withLock { state in
            guard !state.closed else { throw HTTPClientError.alreadyShutdown }
            state.tick += 1
            if var entry = state.entries[target] {
                entry.users += 1
                entry.lastUsed = state.tick
                state.entries[target] = entry
                return (entry.client, [])
            }
            var configuration = self.configuration
            configuration.dnsOverride = [target.host: target.address]
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            state.entries[target] = Entry(client: client, users: 1, lastUsed: state.tick)
            var retired: [HTTPClient] = []
            let idle = state.entries.filter { $0.value.users == 0 }.sorted { $0.value.lastUsed < $1.value.lastUsed }
            for (key, entry) in idle.prefix(max(0, state.entries.count - capacity)) {
                state.entries[key] = nil
                retired.append(entry.client)
            }
            return (client, retired)
        }
    }

    private func release(_ target: PinnedTarget) {
        state.withLock { state in
            guard var entry = state.entries[target] else { return }
            entry.users -= 1
            state.tick += 1
            entry.lastUsed = state.tick
            state.entries[target] = entry
        }
    }
}
