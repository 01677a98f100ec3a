import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import TrendlineStore

/// Read-only connections for the reads every API request makes (key with account, tracked
/// video), run on the calling thread, each with a ``ReadMemo`` of what it read.
///
/// Why not the pool's readers: an async read hops to GRDB's queues and back, a large share of a
/// GET's cost, and a read that blocked its thread for one of the pool's readers could starve
/// Swift's cooperative pool (as many threads as cores) while async reads held those readers
/// and needed one of the blocked threads to finish (``ReaderStarvationTests``). These
/// connections are only ever used synchronously and never across a suspension, so whoever
/// holds one is running: none is waited for. One is taken from the idle ones, or opened when
/// none is idle, so there are at most as many as threads that read at once.
///
/// A file locked past the busy timeout is reported as ``StoreError/unavailable(_:)``, as the
/// pool's reads are (``StorePool``): the API answers 503, not 500.
///
/// Each statement runs outside an explicit transaction: its own consistent read, which is all
/// these reads need (one statement, or a key and then its account: an account deleted in
/// between reads as none, and the key is refused).
final class RequestReaders: Sendable {
    private let path: String
    private let idle = Mutex<[RequestConnection]>([])

    init(path: String) {
        self.path = path
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let connection = try StorePool.mappingUnavailable { try take() }
        defer { giveBack(connection) }
        return try StorePool.mappingUnavailable { try connection.queue.unsafeRead(body) }
    }

    /// The row `key` names in the connection's memo `table`, while the database is unchanged
    /// since it was read; otherwise read by `body`, and kept when there is one.
    func read<Key: Hashable, Value>(
        remembering table: WritableKeyPath<ReadMemo, [Key: Value]>, key: Key, _ body: (Database) throws -> Value?
    ) throws -> Value? {
        let scope = ReadScope.current
        let connection = try StorePool.mappingUnavailable { try take() }
        defer { giveBack(connection) }
        return try StorePool.mappingUnavailable { try rememberedRead(connection, scope: scope, table: table, key: key, body) }
    }

    /// The row `key` names in the memo `table` of an idle connection, while the database is
    /// unchanged since it was read; `nil` when it is not there, or no connection is idle (a new
    /// one would remember nothing). Reads no table, opens no file, and never waits for a lock:
    /// its callers run on an event loop, and a busy file throws at once
    /// (``StoreError/unavailable(_:)``) where the other reads wait up to the busy timeout.
    func remembered<Key: Hashable, Value>(_ table: WritableKeyPath<ReadMemo, [Key: Value]>, key: Key) throws -> Value? {
        let scope = ReadScope.current
        guard let connection = idle.withLock({ $0.popLast() }) else { return nil }
        defer { giveBack(connection) }
        return try StorePool.mappingUnavailable {
            try connection.queue.unsafeRead { db in
                sqlite3_busy_timeout(db.sqliteConnection, 0)
                defer { sqlite3_busy_timeout(db.sqliteConnection, Self.busyTimeoutMilliseconds) }
                try checkFreshness(connection, scope: scope, db)
                return connection.memo[keyPath: table][key]
            }
        }
    }

    private func rememberedRead<Key: Hashable, Value>(
        _ connection: RequestConnection, scope: UInt64, table: WritableKeyPath<ReadMemo, [Key: Value]>, key: Key,
        _ body: (Database) throws -> Value?
    ) throws -> Value? {
        try connection.queue.unsafeRead { db in
            // Within one ``ReadScope`` the connection asks SQLite once; the scope's later reads
            // see the database as of that answer (a row read since is forgotten at the next
            // scope's check, as it was read under a newer version than the memo's).
            try checkFreshness(connection, scope: scope, db)
            if let kept = connection.memo[keyPath: table][key] {
                connection.rememberedReads += 1
                return kept
            }
            guard let value = try body(db) else { return nil }
            connection.memo.remember(value, for: key, in: table)
            return value
        }
    }

    private func checkFreshness(_ connection: RequestConnection, scope: UInt64, _ db: Database) throws {
        if scope == 0 || connection.checkedScope != scope {
            connection.memo.observe(dataVersion: try Self.dataVersion(db))
            connection.checkedScope = scope
            connection.freshnessChecks += 1
        }
    }

    /// SQLite's count of other connections' commits, as this connection sees it now.
    private static func dataVersion(_ db: Database) throws -> Int64 {
        let statement = DirectStatement(try db.cachedStatement(sql: "PRAGMA data_version"), db: db)
        guard let version = try statement.first({ $0.int64(0) }) else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "PRAGMA data_version returned no row")
        }
        return version
    }

    /// Reads answered from a memo by the connections idle now, for tests and diagnostics.
    /// Counted per connection, by its holder alone: a shared counter would be one more cache
    /// line every request's thread writes to.
    var rememberedReads: Int {
        idle.withLock { $0.reduce(0) { $0 + $1.rememberedReads } }
    }

    /// `PRAGMA data_version` checks made by the connections idle now, for tests.
    var freshnessChecks: Int {
        idle.withLock { $0.reduce(0) { $0 + $1.freshnessChecks } }
    }

    private func take() throws -> RequestConnection {
        try idle.withLock { $0.popLast() } ?? RequestConnection(queue: open())
    }

    private func giveBack(_ connection: RequestConnection) {
        idle.withLock { $0.append(connection) }
    }

    /// How long a read waits for a locked file (GRDB's busy timeout on these connections).
    static let busyTimeoutMilliseconds: Int32 = 5000

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(Double(Self.busyTimeoutMilliseconds) / 1000)
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}

/// A request connection and its memo. Unchecked `Sendable`: it is only touched by the one
/// thread that took it from ``RequestReaders``' idle list, until it is given back.
final class RequestConnection: @unchecked Sendable {
    let queue: DatabaseQueue
    var memo = ReadMemo()
    /// Reads this connection answered from `memo`.
    var rememberedReads = 0
    /// The ``ReadScope`` whose first remembered read on this connection checked freshness.
    var checkedScope: UInt64 = 0
    /// Freshness checks (`PRAGMA data_version`) this connection made.
    var freshnessChecks = 0

    init(queue: DatabaseQueue) {
        self.queue = queue
    }
}
