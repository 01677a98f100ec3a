import Foundation
import Testing
import TrendlineTestSupport

/// Which test schemas a run sweeps from a long-lived PostgreSQL: only the left-over ones.
struct ScratchSchemasTests {
    @Test func onlyTimedTestSchemasOlderThanAnyRunAreLeftOvers() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let fresh = ScratchSchemas.newName("t", now: now)
        #expect(fresh.hasPrefix("t_1800000000_") && fresh.count == "t_1800000000_".count + 16)
        #expect(!ScratchSchemas.isLeftOver(fresh, now: now.addingTimeInterval(3600)), "a run in progress keeps its schemas")
        #expect(ScratchSchemas.isLeftOver(fresh, now: now.addingTimeInterval(ScratchSchemas.staleAfter + 1)))
        #expect(ScratchSchemas.isLeftOver(ScratchSchemas.newName("m", now: now), now: now.addingTimeInterval(86_400)))
        #expect(!ScratchSchemas.isLeftOver("t_" + String(repeating: "ab", count: 16), now: now), "untimed: its age is unknown, it may be in use")
        for kept in ["public", "trendline", "trendline_bench_0123456789ab", "t_short", "x_1700000000_abcdef", "t_1700000000_xyz", "t_"] {
            #expect(!ScratchSchemas.isLeftOver(kept, now: now), "\(kept)")
        }
    }
}
