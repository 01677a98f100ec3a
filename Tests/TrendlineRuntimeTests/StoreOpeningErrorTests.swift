import Foundation
import Testing
import TrendlineRuntime
import TrendlineStore
import TrendlineTestSupport

/// A store that cannot be opened is refused with a sentence naming the path and the cause,
/// which the CLI prints as is, instead of Foundation's or SQLite's raw error.
struct StoreOpeningErrorTests {
    @Test func aDataDirectoryThatIsAFileIsNamed() throws {
        let directory = try ScratchDirectory.make("opening")
        let file = directory.appendingPathComponent("data").path
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: file))
        let settings = Settings(host: "127.0.0.1", port: 8080, dataDirectory: file, logLevel: .info)
        #expect(throws: StoreError.unavailable("cannot create the data directory '\(file)': a file of that name is in the way")) {
            _ = try StoreOpener.open(settings)
        }
    }

    @Test func aFileThatIsNotSQLiteIsNamedAndLeftAlone() throws {
        let directory = try ScratchDirectory.make("opening")
        let settings = Settings(host: "127.0.0.1", port: 8080, dataDirectory: directory.path, logLevel: .info)
        let garbage = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        try garbage.write(to: URL(fileURLWithPath: settings.databasePath))
        do {
            _ = try StoreOpener.open(settings)
            Issue.record("a file that is not a database was opened")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("'\(settings.databasePath)' is not a SQLite database"), "\(error)")
            #expect(error.description.hasSuffix("move it away or choose another data directory"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: settings.databasePath)) == garbage, "the file is not overwritten")
    }

    /// A PostgreSQL server that refuses the connection is named with its own reason at once,
    /// instead of the pool retrying it until "the database did not answer within 10 seconds".
    @Test(.enabled(if: testPostgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL refusal test skipped"))
    func aDatabaseThatRefusesTheConnectionIsNamedWithItsReason() async throws {
        var url = try #require(URLComponents(string: testPostgresURL!))
        url.path = "/trendline_no_such_database"
        var settings = Settings(host: "127.0.0.1", port: 8080, dataDirectory: "./data", logLevel: .info)
        settings.databaseURL = try #require(url.string)
        let started = ContinuousClock.now
        do {
            _ = try await StoreOpener.withStore(settings) { _ in true }
            Issue.record("a database that does not exist was opened")
        } catch let error as StoreError {
            #expect(error.description.hasSuffix("refused the connection: database \"trendline_no_such_database\" does not exist"), "\(error)")
        }
        #expect(ContinuousClock.now - started < .seconds(5), "answered at once, not after the pool's timeout")
    }
}
