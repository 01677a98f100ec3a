import Testing
import TrendlineCore
import TrendlineDomain

/// A followed creator's discovery interval as the API and the CLI read it.
struct CreatorIntervalTests {
    @Test func hoursBecomeWholeSecondsWithinThePlan() {
        let plan = Plan(name: "starter", discoveryFloor: 6 * 3600)
        #expect(CreatorService.interval(hours: 12.5, plan: plan) == .success(45_000))
        #expect(CreatorService.interval(hours: 0, plan: plan) == .failure(.notPositive))
        #expect(CreatorService.interval(hours: .nan, plan: plan) == .failure(.notPositive))
        guard case .failure(.outOfRange(let floor, belowFloor: true)) = CreatorService.interval(hours: 2, plan: plan) else {
            Issue.record("below the floor"); return
        }
        #expect(floor.contains("at most every 6 hours"))
        guard case .failure(.outOfRange(_, belowFloor: false)) = CreatorService.interval(hours: 24 * 31, plan: plan) else {
            Issue.record("above 30 days"); return
        }
    }
}
