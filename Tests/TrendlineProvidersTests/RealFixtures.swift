import Foundation
import Testing

/// The real captured pages in `shared/fixtures/real/` (beside the repository, never edited).
/// `TRENDLINE_FIXTURES_DIR` overrides the location.
enum RealFixtures {
    static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["TRENDLINE_FIXTURES_DIR"] { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/real")
    }

    static func data(_ name: String) throws -> Data {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw FixtureMissing(path: url.path)
        }
        return try Data(contentsOf: url)
    }

    struct FixtureMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "real fixture missing at \(path): the shared/ folder must sit beside the repository (or set TRENDLINE_FIXTURES_DIR)" }
    }
}
