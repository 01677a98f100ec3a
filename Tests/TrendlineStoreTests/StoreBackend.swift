import Foundation
import Logging
import PostgresNIO
import Testing
import TrendlinePostgres
import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

/// A backend the contract suite runs against. Each call to `make()` returns an empty,
/// isolated store (its own SQLite file, or its own PostgreSQL schema), since Swift Testing runs
/// tests in parallel.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    let name: String
    /// A new empty store, and how to open a second store on the same data, as a second server
    /// process would (another connection pool on the SQLite file, another PostgreSQL client on
    /// the schema).
    let makeShared: @Sendable () async throws -> (any TrendlineRepository, @Sendable () async throws -> any TrendlineRepository)
    var testDescription: String { name }

    func make() async throws -> any TrendlineRepository { try await makeShared().0 }

    static let sqlite = StoreBackend(name: "sqlite") {
        let directory = try ScratchDirectory.make("tests")
        let path = directory.appendingPathComponent("test.sqlite").path
        let first = try SQLiteRepository(path: path)
        return (first, { try SQLiteRepository(path: path) })
    }

    /// PostgreSQL from TRENDLINE_TEST_POSTGRES_URL; a fresh schema per store.
    static let postgres = StoreBackend(name: "postgres") {
        guard let url = postgresURL else { throw PostgresNotConfigured() }
        let schema = ScratchSchemas.newName("t")
        let first = try await makePostgresStore(url: url, schema: schema, create: true)
        return (first, { try await makePostgresStore(url: url, schema: schema, create: false) })
    }

    static let postgresURL = PostgresTestStore.url

    /// Every backend available in this run: PostgreSQL joins when TRENDLINE_TEST_POSTGRES_URL is
    /// set (.ci/run always sets it); without it, a line says the PostgreSQL runs are skipped.
    static let all: [StoreBackend] = {
        if postgresURL == nil {
            print("note: TRENDLINE_TEST_POSTGRES_URL is not set: the repository contract suite runs on SQLite only")
            return [.sqlite]
        }
        return [.sqlite, .postgres]
    }()
}

struct PostgresNotConfigured: Error {}

/// A repository on a new schema of the test database, its client running in the background.
func makePostgresStore(url: String) async throws -> PostgresRepository {
    try await makePostgresStore(url: url, schema: ScratchSchemas.newName("t"), create: true)
}

/// A repository with its own client on `schema`, creating the schema when `create` is set (see
/// ``ScratchSchemas`` for how left-over ones go).
func makePostgresStore(url: String, schema: String, create: Bool) async throws -> PostgresRepository {
    try await PostgresTestStore.make(url: url, schema: schema, create: create)
}
