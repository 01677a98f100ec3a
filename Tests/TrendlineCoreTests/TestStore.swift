import Foundation
import TrendlineSQLite
import TrendlineTestSupport

/// A fresh SQLite store in its own temporary file.
func makeTestStore() throws -> SQLiteRepository {
    let directory = try ScratchDirectory.make("core")
    return try SQLiteRepository(path: directory.appendingPathComponent("test.sqlite").path)
}
