import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
import TrendlinePostgres
import TrendlineSQLite
import TrendlineStore

/// A node refuses to open a database that a newer Trendline migrated (it would not know the
/// new columns' rules), naming the migrations it does not know.
struct NewerSchemaTests {
    @Test func sqliteRefusesUnknownMigrations() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trendline-newer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
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
