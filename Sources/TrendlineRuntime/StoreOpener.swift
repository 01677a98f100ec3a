import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import TrendlinePostgres
import TrendlineSQLite
import TrendlineStore

/// The store a process uses, and what must run beside it.
public struct OpenedStore: Sendable {
    public let repository: any TrendlineRepository
    /// "sqlite" or "postgres", for /health.
    public let kind: String
    /// Where it is (the file, or the URL without its password).
    public let location: String
}

/// Opens the store: PostgreSQL when a database URL is set, else the SQLite file in the data
/// directory (created, with its directory, on first use). Either way migrations run first, and
/// a schema from a newer Trendline is refused.
public enum StoreOpener {
    /// How long start-up may wait for PostgreSQL (a wrong host can wait rather than fail).
    public static let connectTimeout: Duration = .seconds(30)

    public static func open(_ settings: Settings, logger: Logger = Logger(label: "trendline.store")) throws -> SQLiteRepository {
        do {
            try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.unavailable("cannot create the data directory '\(settings.dataDirectory)': \(FileProblem.reason(error))")
        }
        return try SQLiteRepository(path: settings.databasePath)
    }

    /// Runs `body` with the opened store. For PostgreSQL the client's `run()` goes on beside
    /// `body` (in the same task group) and ends when `body` returns.
    public static func withStore<T: Sendable>(
        _ settings: Settings, logger: Logger = Logger(label: "trendline.store"),
        _ body: @escaping @Sendable (OpenedStore) async throws -> T
    ) async throws -> T {
        guard let url = settings.databaseURL else {
            let sqlite = try open(settings, logger: logger)
            return try await body(OpenedStore(repository: sqlite, kind: "sqlite", location: sqlite.path))
        }
        let parsed = try PostgresURL(url)
        try await parsed.checkServerAccepts(logger: logger)
        let client = PostgresClient(configuration: try parsed.configuration(), backgroundLogger: logger)
        let repository = PostgresRepository(client: client, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            _ = try await withTimeout(connectTimeout, what: "connecting to \(parsed)") { try await repository.migrate() }
            return try await body(OpenedStore(repository: repository, kind: "postgres", location: parsed.description))
        }
    }

    static func withTimeout<T: Sendable>(_ limit: Duration, what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw StoreError.unavailable("\(what) took longer than \(limit)")
            }
            let first = try await group.next()!
            group.cancelAll()
            return first
        }
    }
}
