import Foundation
import Logging
import PostgresNIO
import Testing
import TrendlineDomain
import TrendlinePostgres
import TrendlineStore
import TrendlineTestSupport

/// An operation that outlives its timeouts tells its caller what really happened: a statement
/// stuck on a lock is ended by the server and rolled back (the caller gets `unavailable` and
/// nothing changed), and one that commits after the repository's timer fired is reported done.
/// Before, a credit stuck on a lock committed when the lock was released, and an update that
/// committed late was reported as failed: a client that retried did it twice.
/// Every wait below has its own deadline: a regression fails these tests, it does not hang them.
struct PostgresTimeoutTests {
    @Test(.enabled(if: StoreBackend.postgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL timeout test skipped"))
    func aCreditStuckOnALockedAccountIsRolledBackAndReportedUnavailable() async throws {
        // The server's timeout (1 s) ends the wait before the repository's own (5 s) fires, so
        // the server's error itself must come out as unavailable.
        let setup = try await TimeoutSetup.make(statementTimeout: .seconds(1), operationTimeout: .seconds(5))
        let account = try await setup.store.createAccount(name: "stuck", at: Date())
        let outcome = Outcome()
        let answeredWhileLocked = try await setup.holding("SELECT id FROM accounts WHERE id = \(account.id.uuidString.lowercased()) FOR UPDATE", for: .seconds(4), until: outcome) {
            do {
                _ = try await setup.quick.addCredit(accountID: account.id, amount: Money(micros: 5_000_000), note: "top-up", at: Date())
                await outcome.set("committed")
            } catch StoreError.unavailable {
                await outcome.set("unavailable")
            } catch {
                await outcome.set("other: \(error)")
            }
        }
        #expect(answeredWhileLocked, "the server ended the lock wait; the caller did not wait for the lock")
        try await outcome.wait(upTo: .seconds(8))
        #expect(await outcome.value == "unavailable")
        let ledger = try await setup.store.ledger(accountID: account.id, limit: 10)
        #expect(ledger.isEmpty, "the caller was told unavailable, so nothing may have been credited")
    }

    @Test(.enabled(if: StoreBackend.postgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL timeout test skipped"))
    func anUpdateThatCommitsAfterTheTimerIsReportedAsDone() async throws {
        // The lock is held past the operation timeout, not past the statement timeout: the
        // update commits late, and its caller must not be told it failed.
        let setup = try await TimeoutSetup.make(statementTimeout: .seconds(8), operationTimeout: .seconds(1))
        let account = try await setup.store.createAccount(name: "late", at: Date())
        let key = APIKey(id: UUID(), accountID: account.id, name: "k", prefix: "tl_late", hash: UUID().uuidString, createdAt: Date(timeIntervalSince1970: 1_000))
        try await setup.store.insertKey(key)
        let outcome = Outcome()
        _ = try await setup.holding("SELECT id FROM api_keys WHERE id = \(key.id.uuidString.lowercased()) FOR UPDATE", for: .seconds(2), until: nil) {
            do {
                try await setup.quick.touchKey(id: key.id, at: Date())
                await outcome.set("done")
            } catch {
                await outcome.set("failed: \(error)")
            }
        }
        try await outcome.wait(upTo: .seconds(8))
        let stored = try await setup.store.key(hash: key.hash)
        #expect(stored?.lastUsedAt != nil, "the update committed once the lock was released")
        let told = await outcome.value
        #expect(told == "done", "the caller learns of the update that was made, not \(told ?? "nothing")")
    }

    @Test(.enabled(if: StoreBackend.postgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL timeout test skipped"))
    func aMigrationWaitsForAnotherNodesMigrationPastTheStatementTimeout() async throws {
        let url = StoreBackend.postgresURL!
        let schema = TimeoutSetup.newSchema()
        let logger = TimeoutSetup.quietLogger()
        let holder = PostgresClient(configuration: try PostgresURL(url).configuration(searchPath: schema, maximumConnections: 1), backgroundLogger: logger)
        Task.detached { await holder.run() }
        try await ScratchSchemas.create(schema, url: url, on: holder, logger: logger)
        let node = PostgresClient(
            configuration: try PostgresURL(url).configuration(searchPath: schema, maximumConnections: 1, statementTimeout: .milliseconds(500)),
            backgroundLogger: logger)
        Task.detached { await node.run() }
        let outcome = Outcome()
        try await holder.withTransaction(logger: logger) { connection in
            try await connection.query(PostgresMigrator.lockStatement, logger: logger)
            Task {
                do {
                    // The whole migration may take seconds on a loaded machine; what is tested is
                    // that the 1.5 s wait for the lock is not ended by the 0.5 s statement timeout.
                    let applied = try await PostgresRepository(client: node, logger: logger, operationTimeout: .seconds(30)).migrate()
                    await outcome.set("applied \(applied.count)")
                } catch {
                    await outcome.set("failed: \(error)")
                }
            }
            try await Task.sleep(for: .milliseconds(1500))
        }
        try await outcome.wait(upTo: .seconds(40))
        #expect(await outcome.value == "applied \(SchemaMigrations.all.count)", "waiting for the lock is not a statement to time out")
    }
}

/// A store with the default timeouts and a second ("quick") repository on the same schema
/// with short ones.
private struct TimeoutSetup {
    let store: PostgresRepository
    let quick: PostgresRepository
    let logger: Logger

    static func quietLogger() -> Logger {
        var logger = Logger(label: "test.timeout")
        logger.logLevel = .critical
        return logger
    }

    static func newSchema() -> String { ScratchSchemas.newName("t") }

    static func make(statementTimeout: Duration, operationTimeout: Duration) async throws -> TimeoutSetup {
        let url = StoreBackend.postgresURL!
        let schema = newSchema()
        let store = try await makePostgresStore(url: url, schema: schema, create: true)
        let logger = quietLogger()
        let client = PostgresClient(
            configuration: try PostgresURL(url).configuration(searchPath: schema, maximumConnections: 2, statementTimeout: statementTimeout),
            backgroundLogger: logger)
        Task.detached { await client.run() }
        // Connect the quick client before any timer runs: on a loaded machine (CI runs the
        // suites in parallel) opening its first connection alone can outlast a 1 s timeout, and
        // a query that never reached the server is rightly reported unavailable, not done.
        try await client.query("SELECT 1", logger: logger)
        return TimeoutSetup(store: store, quick: PostgresRepository(client: client, logger: logger, operationTimeout: operationTimeout), logger: logger)
    }

    /// Runs `operation` while another transaction holds the row lock `lockSQL` takes, for
    /// `hold` or until `outcome` is set, whichever comes first; the lock is then released.
    /// Returns whether `outcome` was set before that.
    func holding(_ lockSQL: PostgresQuery, for hold: Duration, until outcome: Outcome?, _ operation: @escaping @Sendable () async -> Void) async throws -> Bool {
        try await store.client.withTransaction(logger: logger) { connection in
            try await connection.query(lockSQL, logger: logger)
            Task { await operation() }
            let deadline = ContinuousClock.now + hold
            while ContinuousClock.now < deadline {
                if let outcome, await outcome.value != nil { return true }
                try await Task.sleep(for: .milliseconds(20))
            }
            return false
        }
    }
}

/// What an operation running in the background ended with.
private actor Outcome {
    private(set) var value: String?
    func set(_ text: String) { value = text }

    /// Waits until set, failing after `limit` instead of hanging.
    nonisolated func wait(upTo limit: Duration) async throws {
        let deadline = ContinuousClock.now + limit
        while await value == nil {
            guard ContinuousClock.now < deadline else { throw OutcomeMissing() }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

private struct OutcomeMissing: Error {}
