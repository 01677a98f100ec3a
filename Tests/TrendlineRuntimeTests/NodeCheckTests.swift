import Foundation
import Testing
import TrendlineDomain
import TrendlineRuntime
import TrendlineTestSupport

/// `trendline check` (``NodeCheck``): what a node would start with, without starting it.
struct NodeCheckTests {
    @Test func aSQLiteNodeReportsItsDatabaseItsClockAndEachProvider() async throws {
        let directory = try ScratchDirectory.make("check")
        let settings = try await Settings.resolve(
            flags: .init(dataDirectory: directory.path), environment: ["TRENDLINE_YOUTUBE_API_KEY": "k", "TRENDLINE_RATE_LIMIT": "1"])
        let check = try await NodeCheck.run(settings)
        #expect(check.problems.isEmpty, "\(check.problems)")
        #expect(check.lines.first == "settings: ok (1 warning)" && check.lines[1].hasPrefix("  warning: ") && check.lines[1].contains("TRENDLINE_RATE_LIMIT"), "\(check.lines)")
        #expect(check.lines.contains("database: sqlite at \(settings.databasePath), schema up to date"), "\(check.lines)")
        #expect(FileManager.default.fileExists(atPath: settings.databasePath), "opened and migrated, as serve would")
        #expect(check.lines.contains("clock: this machine's (SQLite has no other)"))
        let providers = check.lines.drop { $0 != "providers:" }.dropFirst()
        #expect(Set(providers.compactMap { $0.split(separator: " ").first.map(String.init) }) == Set(Platform.allCases.map(\.rawValue)), "every platform: \(Array(providers))")
        #expect(providers.contains("  youtube youtube-data-api: ready"), "the key given: \(Array(providers))")
        #expect(providers.contains { $0.hasPrefix("  instagram ") && $0.contains(": unavailable: ") }, "no session cookie: \(Array(providers))")
    }

    @Test func aDatabaseTheNodeCannotOpenIsWhatTheCheckStopsWith() async throws {
        let directory = try ScratchDirectory.make("check")
        let settings = try await Settings.resolve(flags: .init(dataDirectory: directory.path), environment: [:])
        try Data(String(repeating: "not a database ", count: 100).utf8).write(to: URL(fileURLWithPath: settings.databasePath))
        await #expect(throws: (any Error).self) { try await NodeCheck.run(settings) }
    }
}
