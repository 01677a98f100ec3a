import Foundation
import Logging
import PostgresNIO
import Testing
import TrendlinePostgres
import TrendlineStore

/// The server's "insufficient resources" errors (SQLSTATE class 53: a full disk, no memory, no
/// connection slot) are `unavailable` (503, nothing changed, try again), not internal errors.
/// A trigger raises the disk-full error on an insert, as the server does when it cannot
/// extend a table's file; reads go on, and the store reports the full disk for `/health`.
struct PostgresDiskFullTests {
    @Test(.enabled(if: StoreBackend.postgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL disk-full test skipped"))
    func aFullDiskOnTheServerIsUnavailable() async throws {
        let store = try await makePostgresStore(url: StoreBackend.postgresURL!)
        let logger = Logger(label: "test")
        try await store.client.query(
            "CREATE FUNCTION refuse_as_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$",
            logger: logger)
        try await store.client.query("CREATE TRIGGER full_disk BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION refuse_as_full()", logger: logger)
        #expect(await store.writeProblem() == nil)
        await #expect(throws: StoreError.unavailable("the database server's disk is full; nothing was changed")) {
            _ = try await store.createAccount(name: "acme", at: Date())
        }
        #expect(await store.writeProblem() == "the database server's disk is full; nothing was changed", "/health says so for a minute")
        try await store.ping()
        try await store.client.query("DROP TRIGGER full_disk ON accounts", logger: logger)
        _ = try await store.createAccount(name: "acme", at: Date())
    }
}
