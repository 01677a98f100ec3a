import Foundation
import Logging
import PostgresNIO
import TrendlineStore

/// Applies ``SchemaMigrations`` to PostgreSQL, each in its own transaction, under an advisory
/// lock so several nodes starting at once migrate once.
enum PostgresMigrator {
    static let lockKey: Int64 = 0x7472_656e_646c // "trendl"

    @discardableResult
    static func migrate(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
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
