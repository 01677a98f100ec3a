import Foundation
import TrendlineDomain

/// A SQLite file the bench makes for one measure (a reference or a copy) and removes after it.
enum SQLiteScratchFile {
    /// A new path for such a file in `directory`, named `prefix-XXXXXXXX.sqlite`.
    static func path(in directory: String, prefix: String) -> String {
        directory + "/\(prefix)-\(UUIDText.random().uuidString.prefix(8)).sqlite"
    }

    /// Removes the file at `path` with its WAL and shared-memory files.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
