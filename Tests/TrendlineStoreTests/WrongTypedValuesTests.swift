import Foundation
import GRDB
import Testing
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

/// SQLite's tables are not STRICT, so a hand-made write (the sqlite3 shell, another tool) can
/// leave a value of the wrong type in a column. Reading that row is an error for the request
/// that reads it; it must not stop the process. GRDB's row subscripts call fatalError on a
/// value they cannot convert (for rows fetched whole: `fetchAll`, `fetchOne`; rows read off a
/// cursor convert as SQLite does), which is what the decoders used until they used its
/// throwing accessors: before that, each of these tests stopped the test process.
struct WrongTypedValuesTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// A store, and a second connection to write into its file behind its back.
    static func store() throws -> (SQLiteRepository, DatabaseQueue, String) {
        let directory = try ScratchDirectory.make("wrong-types").path
        let path = directory + "/t.sqlite"
        return (try SQLiteRepository(path: path), try DatabaseQueue(path: path), directory)
    }

    @Test func aRateBucketWhoseTokensAreTextIsAnErrorNotACrash() async throws {
        let (store, raw, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await store.takeRateTokens(bucket: "key:k", capacity: 10, refillPerSecond: 1, cost: 1, at: Self.t0)
        #expect(first.allowed)
        try await raw.write { db in try db.execute(sql: "UPDATE rate_buckets SET tokens = 'plenty'") }
        await #expect(throws: (any Error).self) {
            try await store.takeRateTokens(bucket: "key:k", capacity: 10, refillPerSecond: 1, cost: 1, at: Self.t0.addingTimeInterval(1))
        }
    }

    @Test func webhookAndLedgerRowsWithWrongTypesAreErrorsNotCrashes() async throws {
        let (store, raw, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        try await store.createWebhook(WebhookEndpoint(
            id: UUID(), accountID: account.id, url: "https://hooks.example.com/x", description: nil, events: [.snapshotCreated],
            secret: "whsec_x", createdAt: Self.t0, updatedAt: Self.t0))
        _ = try await store.addCredit(accountID: account.id, amount: Money(micros: 5_000_000), note: "top-up", at: Self.t0)
        #expect(try await store.webhooks(accountID: account.id).count == 1)
        #expect(try await store.ledger(accountID: account.id, limit: 10).count == 1)

        try await raw.write { db in
            try db.execute(sql: "UPDATE webhook_endpoints SET enabled = 'yes'")
            try db.execute(sql: "UPDATE ledger SET amount_micros = 'five dollars'")
        }
        await #expect(throws: (any Error).self) { try await store.webhooks(accountID: account.id) }
        await #expect(throws: (any Error).self) { try await store.ledger(accountID: account.id, limit: 10) }
    }
}
