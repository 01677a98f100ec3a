import Foundation
import TrendlineSQLite

/// A fresh SQLite store in its own temporary file.
func makeTestStore() throws -> SQLiteRepository {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trendline-core-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return try SQLiteRepository(path: directory.appendingPathComponent("test.sqlite").path)
}
