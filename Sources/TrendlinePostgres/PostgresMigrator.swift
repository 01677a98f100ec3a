import Foundation
import Logging
import PostgresNIO
import TrendlineStore

/// Applies ``SchemaMigrations`` to PostgreSQL in one transaction, under an advisory lock so
/// several nodes starting at once on one schema migrate it once.
package enum PostgresMigrator {
    /// Takes the migration lock of the connection's schema until the transaction ends. The lock
    /// is per schema: Trendlines in other schemas of the same database (or the test suite's
    /// hundred schemas made at once) do not wait for each other. With one key for the whole
    /// database the suite's migrations queued one after another, past the store's 10 s timeout
    /// on a slow machine.
    package static let lockStatement: PostgresQuery = "SELECT pg_advisory_xact_lock(\(lockClass), hashtext(current_schema()))"
    static let lockClass: Int32 = 0x7472_6e64 // "trnd"

    @discardableResult
    static func migrate(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withTransaction(logger: logger) { connection in
            // A migration may build indexes over large tables, and a node starting beside
            // another waits for its lock while it does: neither is bounded by the session's
            // statement_timeout.
            try await connection.query("SET LOCAL statement_timeout = 0", logger: logger)
            try await connection.query(lockStatement, logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM schema_migrations", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            let known = Set(SchemaMigrations.all.map(\.id))
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw PostgresSchemaError.newerThanThisBuild(unknown.sorted()) }
            var done: [String] = []
            for migration in SchemaMigrations.all where !applied.contains(migration.id) {
                // One statement per query: the extended protocol does not take several.
                for statement in migration.postgres.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().millisecondsSince1970
                try await connection.query("INSERT INTO schema_migrations (id, applied_at) VALUES (\(migration.id), \(now))", logger: logger)
                done.append(migration.id)
            }
            return done
        }
    }
}

/// The database cannot be used by this build.
public enum PostgresSchemaError: Error, Equatable, CustomStringConvertible {
    case newerThanThisBuild([String])

    public var description: String {
        switch self {
        case .newerThanThisBuild(let unknown):
            return "the database was migrated by a newer Trendline (unknown migrations: \(unknown.joined(separator: ", "))); upgrade Trendline to use it"
        }
    }
}
