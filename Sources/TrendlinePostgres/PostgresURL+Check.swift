import Logging
import PostgresNIO
import TrendlineStore

extension PostgresURL {
    /// Opens and closes one connection, and throws ``StoreError/unavailable(_:)`` with the
    /// server's own words when the server refuses it: a database that does not exist, an
    /// unknown user or a wrong password, TLS it does not offer. The pool retries such refusals
    /// quietly until the operation times out, which said only that "the database did not
    /// answer". A server that cannot be reached at all is left to the pool's waiting, so a
    /// process started before its database still comes up once the database does; one that
    /// takes the connection but does not answer within `timeout` (a hung server, a proxy in
    /// front of none) has had its wait: that is thrown, instead of the pool waiting as long
    /// again.
    public func checkServerAccepts(timeout: Duration = .seconds(10), logger: Logger) async throws {
        let tls: PostgresConnection.Configuration.TLS
        switch sslMode {
        case "require": tls = .require(try .init(configuration: .makeClientConfiguration()))
        case "prefer": tls = .prefer(try .init(configuration: .makeClientConfiguration()))
        default: tls = .disable
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = TimeAmount(timeout)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PSQLError {
            if let message = error.serverInfo?[.message] {
                throw StoreError.unavailable("\(description) refused the connection: \(message)")
            }
            if error.code == .sslUnsupported {
                throw StoreError.unavailable("\(description) does not offer TLS, which sslmode=require asks for")
            }
            if case ChannelError.connectTimeout? = error.underlying {
                throw StoreError.unavailable("the database did not answer within \(timeout)")
            }
        }
    }
}
