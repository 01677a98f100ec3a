import Foundation
import Logging
import PostgresNIO
import TrendlinePostgres

/// Stores on the test PostgreSQL server (TRENDLINE_TEST_POSTGRES_URL, which `.ci/run` always
/// sets): each on a schema of its own, as Swift Testing runs tests in parallel.
public enum PostgresTestStore {
    /// The test server's URL; `nil` when it is not set, and the PostgreSQL runs are skipped.
    public static let url = ProcessInfo.processInfo.environment["TRENDLINE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// A repository with its own client on `schema`, creating the schema when `create` is set
    /// (see ``ScratchSchemas`` for how left-over ones go), and migrated unless `migrate` is off
    /// (what `migrate-data` is given: it migrates its target itself).
    public static func make(
        url: String, schema: String = ScratchSchemas.newName("t"), create: Bool = true, migrate: Bool = true
    ) async throws -> PostgresRepository {
        var logger = Logger(label: "test.postgres")
        logger.logLevel = .critical
        let client = PostgresClient(configuration: try PostgresURL(url).configuration(searchPath: schema, maximumConnections: 4), backgroundLogger: logger)
        Task.detached { await client.run() }
        if create { try await ScratchSchemas.create(schema, url: url, on: client, logger: logger) }
        let repository = PostgresRepository(client: client, logger: logger)
        if migrate { try await repository.migrate() }
        return repository
    }
}
