import GRDB
import TrendlineStore

/// The repository's `DatabasePool`, with a busy file reported as the domain's
/// ``StoreError/unavailable(_:)``: when another process (a second Trendline on the file, the
/// `sqlite3` shell, a backup) holds the write lock past the five-second busy timeout, the
/// operation changed nothing and can be tried again, so the API answers 503 and the worker
/// retries, instead of an internal error.
struct StorePool: Sendable {
    let base: DatabasePool

    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mappingBusy { try await base.read(value) }
    }

    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mappingBusy { try await base.write(updates) }
    }

    static func mappingBusy<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError where isBusy(error) {
            throw busy
        }
    }

    /// The same for a synchronous read (``RequestReaders``).
    static func mappingBusy<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where isBusy(error) {
            throw busy
        }
    }

    private static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    private static let busy = StoreError.unavailable("the SQLite file stayed locked by another writer for 5 s; nothing was changed")
}
