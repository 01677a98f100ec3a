import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
import TrendlinePostgres
import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

/// A node refuses to open a database that a newer Trendline migrated (it would not know the
/// new columns' rules), naming the migrations it does not know.
struct NewerSchemaTests {
    @Test func sqliteRefusesUnknownMigrations() throws {
        let directory = try ScratchDirectory.make("newer")
        let path = directory.appendingPathComponent("db.sqlite").path
        _ = try SQLiteRepository(path: path)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('999_from_the_future')")
        }
        #expect(throws: SQLiteSchemaError.newerThanThisBuild(["999_from_the_future"])) { _ = try SQLiteRepository(path: path) }
    }

    @Test(.enabled(if: StoreBackend.postgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL schema test skipped"))
    func postgresRefusesUnknownMigrations() async throws {
        let store = try await makePostgresStore(url: StoreBackend.postgresURL!)
        try await store.client.query("INSERT INTO schema_migrations (id, applied_at) VALUES ('999_from_the_future', 0)")
        await #expect(throws: PostgresSchemaError.newerThanThisBuild(["999_from_the_future"])) { try await store.migrate() }
    }
}

/// Nodes starting at once migrate their schema once; other schemas do not wait for it.
struct PostgresMigrationLockTests {
    @Test(.enabled(if: StoreBackend.postgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL migration test skipped"))
    func nodesOnOneSchemaMigrateItOnceAndOtherSchemasDoNotWait() async throws {
        let url = StoreBackend.postgresURL!
        let schema = ScratchSchemas.newName("t")
        let logger = Logger(label: "test.migration-lock")
        let nodes = try (0..<4).map { _ in
            PostgresClient(configuration: try PostgresURL(url).configuration(searchPath: schema, maximumConnections: 1), backgroundLogger: logger)
        }
        for client in nodes { Task.detached { await client.run() } }
        try await ScratchSchemas.create(schema, url: url, on: nodes[0], logger: logger)
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in nodes {
                // Four migrations racing on a loaded machine may take past the store's 10 s.
                group.addTask { try await PostgresRepository(client: client, logger: logger, operationTimeout: .seconds(60)).migrate().count }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(applied.sorted() == [0, 0, 0, SchemaMigrations.all.count], "one node migrates the schema; the others find nothing to do")
        // While a transaction holds this schema's migration lock, a store on another schema
        // migrates. (Waited for here with a deadline: the store's own timeout does not end a
        // query that waits for a lock.)
        let other = Finished()
        let started: Task<Void, any Error> = try await nodes[0].withTransaction(logger: logger) { connection in
            try await connection.query(PostgresMigrator.lockStatement, logger: logger)
            let task = Task {
                _ = try await makePostgresStore(url: url)
                await other.set()
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while await !other.done, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            return task
        }
        #expect(await other.done, "another schema's migration waited for this schema's lock")
        try await started.value
    }
}

/// Set once something has finished.
private actor Finished {
    private(set) var done = false
    func set() { done = true }
}
