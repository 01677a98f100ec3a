import Foundation
import GRDB
import TrendlineStore

extension SQLiteRepository {
    /// What a backup wrote.
    public struct BackupSummary: Sendable, Equatable {
        public var path: String
        public var bytes: Int64
        public var accounts: Int
        public var trackings: Int
        public var snapshots: Int
    }

    /// Copies the whole database, as it stood at one moment, into a new file at `path` with
    /// SQLite's online backup: a running server keeps reading and writing meanwhile, and writes
    /// that land during the copy are not half in it. An existing file is never overwritten.
    public func backup(to path: String) throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.conflict("'\(path)' already exists; a backup never overwrites a file") }
        let destination = try DatabaseQueue(path: path)
        do {
            try StorePool.mappingUnavailable {
                do {
                    try pool.base.backup(to: destination)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
                    throw StoreError.unavailable("the disk holding '\(path)' is full; the partial backup was removed")
                }
            }
            let counts = try destination.read { db in
                try ["accounts", "trackings", "snapshots"].map { table in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            }
            try destination.close()
            let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
            return BackupSummary(path: path, bytes: bytes, accounts: counts[0], trackings: counts[1], snapshots: counts[2])
        } catch {
            try? destination.close()
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}
