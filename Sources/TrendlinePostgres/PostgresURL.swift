import Foundation
import NIOSSL
import PostgresNIO
import TrendlineDomain

/// A `postgres://user:password@host:port/database?sslmode=...` URL as a client configuration.
/// `sslmode` is `disable` (default on loopback), `prefer` (default elsewhere) or `require`.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    public let password: String?
    public let database: String?
    public let sslMode: String

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? ""),
              let host = components.host, !host.isEmpty else {
            throw PostgresURLError(url: text, reason: "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.user ?? "postgres"
        self.password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? nil : path
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1"
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? (loopback ? "disable" : "prefer")
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw PostgresURLError(url: text, reason: "sslmode must be disable, prefer or require")
        }
        self.sslMode = mode
    }

    /// The client configuration, optionally with a `search_path` (tests use a schema each).
    /// Every session gets `statement_timeout`: the server ends a statement that runs, or waits
    /// on a lock, for longer, and rolls its transaction back, so an operation the repository
    /// has timed out does not commit later behind its caller's back.
    public func configuration(
        searchPath: String? = nil, maximumConnections: Int = 20,
        statementTimeout: Duration = PostgresRepository.defaultOperationTimeout
    ) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "require": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        var parameters = [("statement_timeout", String(max(1, statementTimeout.wholeMilliseconds)))]
        if let searchPath { parameters.append(("search_path", searchPath)) }
        configuration.options.additionalStartupParameters = parameters
        return configuration
    }

    /// The URL without its password, for logs and /health.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database ?? "")"
    }
}

public struct PostgresURLError: Error, CustomStringConvertible {
    public let url: String
    public let reason: String
    public var description: String { "invalid database URL: \(reason)" }
}
