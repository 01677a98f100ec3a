import NIOCore
import Synchronization

/// Where this server listens, as a base URL its own requests can reach: the MCP endpoint sends
/// each tool call to the REST API through it, as any client would. ``buildApplication`` fills it
/// in once the server is up; a wildcard address (`0.0.0.0`, `::`) is reached on loopback.
public final class OwnAddress: Sendable {
    private let url = Mutex<String?>(nil)

    public init() {}

    /// `http://host:port`, or `nil` before the server is up (or on a Unix socket).
    public var baseURL: String? { url.withLock { $0 } }

    public func record(_ address: SocketAddress?) {
        let base = address.flatMap(Self.baseURL)
        url.withLock { $0 = base }
    }

    static func baseURL(for address: SocketAddress) -> String? {
        guard let ip = address.ipAddress, let port = address.port else { return nil }
        switch address {
        case .v4: return "http://\(ip == "0.0.0.0" ? "127.0.0.1" : ip):\(port)"
        case .v6: return "http://[\(ip == "::" ? "::1" : ip)]:\(port)"
        default: return nil
        }
    }
}
