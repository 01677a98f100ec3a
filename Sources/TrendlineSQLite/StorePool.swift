import Foundation
import GRDB
import TrendlineStore

/// The repository's `DatabasePool`, with the failures that are the machine's and not the
/// request's reported as the domain's ``StoreError/unavailable(_:)``: the operation changed
/// nothing and can be tried again once the cause is gone, so the API answers 503 and the worker
/// retries, instead of an internal error:
/// - a busy file: another process (a second Trendline on the file, the `sqlite3` shell, a
///   backup) held the write lock past the five-second busy timeout;
/// - a full disk, a disk that reports I/O errors, a file or directory that cannot be written;
/// - no file descriptor left to open the file with (``DescriptorsLeft``).
///
/// The last write failure of the disk's (not a busy file's, which is contention) is remembered
/// for a minute (``writeProblem``), so `/health` can say why writes fail while reads still
/// work. A later write that succeeds does not clear it: on a full disk, small writes that reuse
/// the WAL's space can succeed between inserts that fail, and the health would flap.
struct StorePool: Sendable {
    let base: DatabasePool
    let writeProblems = RecentWriteProblem()

    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        try await Self.mappingUnavailable { try await base.read(value) }
    }

    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await base.write(updates)
        } catch let error as DatabaseError {
            if let problem = Self.diskProblem(error) {
                writeProblems.record(problem.description)
                throw problem
            }
            throw Self.busy(error) ?? error
        }
    }

    /// Why the most recent failed write failed, if that was within the last minute.
    var writeProblem: String? { writeProblems.recent() }

    static func mappingUnavailable<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw unavailable(error) ?? error
        }
    }

    /// The same for a synchronous read (``RequestReaders``) or a backup.
    static func mappingUnavailable<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw unavailable(error) ?? error
        }
    }

    /// The ``StoreError/unavailable(_:)`` that `error` is, or nil when it is the request's own
    /// (a constraint, a bug) or damage to the file.
    static func unavailable(_ error: DatabaseError) -> StoreError? {
        busy(error) ?? diskProblem(error)
    }

    /// Contention: another writer held the file past the busy timeout.
    static func busy(_ error: DatabaseError) -> StoreError? {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable("the SQLite file stayed locked by another writer for 5 s; nothing was changed")
        default:
            return nil
        }
    }

    /// The disk's failures, which a write remembers for `/health`: full, an I/O error, a file or
    /// directory that cannot be written.
    static func diskProblem(_ error: DatabaseError) -> StoreError? {
        switch error.resultCode {
        case .SQLITE_FULL:
            return .unavailable("the disk holding the SQLite file is full; nothing was changed (free some space: reads go on, writes resume by themselves)")
        case .SQLITE_IOERR:
            return .unavailable("the disk holding the SQLite file reported an I/O error; nothing was changed (\(error.message ?? "disk I/O error"))")
        case .SQLITE_CANTOPEN where DescriptorsLeft.none:
            return .unavailable(DescriptorsLeft.problem)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN:
            return .unavailable("the SQLite file cannot be written (\(error.message ?? "read-only")); nothing was changed: check the permissions of the file and its directory")
        default:
            return nil
        }
    }
}
