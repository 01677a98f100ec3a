import Foundation
import Logging
import PostgresNIO
import Testing
import TrendlineCore
import TrendlinePostgres
import TrendlineRuntime
import TrendlineSQLite
import TrendlineTestSupport

/// The warning a node gives at start when its clock is far from the shared database's.
struct ClockOffsetCheckTests {
    static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    @Test func aSQLiteNodeHasNoOtherClockToBeOffFrom() async throws {
        let directory = try ScratchDirectory.make("clock")
        let store = try SQLiteRepository(path: directory.appendingPathComponent("test.sqlite").path)
        let early = WallClock { Date().addingTimeInterval(-3600) }
        #expect(await ClockOffsetCheck.check(store, lease: 300, logger: Self.quiet, clock: early) == nil)
    }

    @Test(.enabled(if: testPostgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: the PostgreSQL clock check is skipped"))
    func aNodeFarFromPostgreSQLsClockIsWarnedAtStart() async throws {
        let store = try await PostgresTestStore.make(url: try #require(testPostgresURL))
        #expect(await ClockOffsetCheck.check(store, lease: 300, logger: Self.quiet) == nil, "this machine's own clock")
        let slow = try #require(await ClockOffsetCheck.check(store, lease: 300, logger: Self.quiet, clock: WallClock { Date().addingTimeInterval(-90) }))
        #expect(slow.hasPrefix("this node's clock is ") && slow.contains(" s behind the database server's"), "\(slow)")
        // 90 s, give or take half the round trip, which a suite holding both cores can stretch.
        let seconds = Double(slow.dropFirst("this node's clock is ".count).prefix { $0 != " " }) ?? 0
        #expect((45...135).contains(seconds), "\(slow)")
        let fast = await ClockOffsetCheck.check(store, lease: 300, logger: Self.quiet, clock: WallClock { Date().addingTimeInterval(600) })
        #expect(fast?.contains("s ahead of the database server's") == true && fast?.contains("(300 s)") == true, "\(fast ?? "no warning")")
    }

    @Test(.enabled(if: testPostgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: the PostgreSQL clock watch is skipped"))
    func aRunningNodeIsWarnedAgainWhileItsClockStaysOffAndStopsWithTheNode() async throws {
        let store = try await PostgresTestStore.make(url: try #require(testPostgresURL))
        let lines = CollectedLines()
        let logger = Logger(label: "test") { StreamLogHandler(label: $0, stream: lines) }
        let slow = WallClock { Date().addingTimeInterval(-90) }
        let warnings: @Sendable () -> Int = { lines.lines.filter { $0.contains("s behind the database server's") }.count }
        let watch = ClockOffsetWatch(repository: store, lease: 300, logger: logger, interval: .milliseconds(50), clock: slow)
        _ = try await LoopTiming.untilFailures(3, warnings, running: watch.run)
        #expect(warnings() >= 3, "\(lines.lines)")
        // It checks as the node starts, then waits out its hour and ends when the node shuts down.
        let before = warnings()
        let hourly = ClockOffsetWatch(repository: store, lease: 300, logger: logger, clock: slow)
        let stopped = try await LoopTiming.untilStoppedGracefully(running: hourly.run)
        #expect(stopped < .seconds(10), "\(stopped)")
        #expect(warnings() == before + 1, "the check at start, none of the hour's: \(lines.lines.suffix(2))")
    }
}
