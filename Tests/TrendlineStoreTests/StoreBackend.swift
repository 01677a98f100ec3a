import Foundation
import Testing
import TrendlineSQLite
import TrendlineStore

/// A backend the contract suite runs against. Each call to `make()` returns an empty,
/// isolated store (its own file or schema), since Swift Testing runs tests in parallel.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> any TrendlineRepository
    var testDescription: String { name }

    static let sqlite = StoreBackend(name: "sqlite") {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trendline-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try SQLiteRepository(path: directory.appendingPathComponent("test.sqlite").path)
    }

    /// Every backend available in this run. PostgreSQL joins when its backend exists and
    /// TRENDLINE_TEST_POSTGRES_URL is set.
    static let all: [StoreBackend] = [.sqlite]
}
