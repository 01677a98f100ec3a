import Foundation
import TrendlineSQLite
import TrendlineStore

/// Opens the store a process uses: the SQLite file in the data directory, created (with its
/// directory) and migrated on first use.
public enum StoreOpener {
    public static func open(_ settings: Settings) throws -> SQLiteRepository {
        try FileManager.default.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        return try SQLiteRepository(path: settings.databasePath)
    }
}
