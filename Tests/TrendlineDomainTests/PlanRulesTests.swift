import Foundation
import Testing
import TrendlineDomain

/// Money, plans, estimates and the charge rule: the pure parts of usage governance.
struct PlanRulesTests {
    @Test func moneyParsesAndPrintsExactly() {
        #expect(Money(decimal: "0.015")?.micros == 15_000)
        #expect(Money(decimal: "10")?.micros == 10_000_000)
        #expect(Money(decimal: "-1.5")?.micros == -1_500_000)
        #expect(Money(decimal: ".5")?.micros == 500_000)
        for bad in ["", "abc", "1.2345678", "1,5", "--1", "1.2.3", ".", "1e3"] {
            #expect(Money(decimal: bad) == nil, "'\(bad)' is not an amount")
        }
        #expect(Money(micros: 2_520_000).description == "2.52")
        #expect(Money(micros: 15_000).description == "0.015")
        #expect(Money(micros: -1_000_000).description == "-1.00")
        #expect(Money(micros: 15_000) * 168 == Money(decimal: "2.52"))
    }

    @Test func estimatesCountTheSnapshotsOfTheWindow() throws {
        let week = try TrackingDuration(days: 7)
        #expect(Cadence.hourly.estimatedSnapshots(over: week) == 168, "7 days x 24, as the ContentStats example")
        #expect(Cadence.daily.estimatedSnapshots(over: try TrackingDuration(days: 30)) == 30)
        #expect(Cadence.adaptive.estimatedSnapshots(over: week) == 48 + 20, "hourly for 2 days, then every 6 hours")
        #expect(Cadence.adaptive.estimatedSnapshots(over: week, minimumInterval: 7200) == 24 + 20, "the plan's floor slows the young phase")
        #expect(Cadence.hourly.estimatedSnapshots(over: try TrackingDuration(days: 1), minimumInterval: 3 * 3600) == 8)
        let plan = Plan(name: "paid", snapshotPrice: Money(decimal: "0.015")!)
        #expect(plan.estimatedCost(of: .hourly, for: week) == Money(decimal: "2.52"))
        #expect(Plan.unlimited.estimatedCost(of: .hourly, for: week) == .zero)
        #expect(!Plan.unlimited.usesCredits && plan.usesCredits)
    }

    @Test func aPlanFloorRefusesFasterFixedCadences() {
        let slow = Plan(name: "slow", minimumSnapshotInterval: 2 * 3600)
        #expect(!slow.allows(.hourly))
        #expect(slow.allows(.daily))
        #expect(slow.allows(.adaptive), "adaptive is slowed to the floor instead")
        #expect(Plan.unlimited.allows(.hourly))
    }

    @Test func theFloorSpacesChecksOfATracking() {
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        let end = t0.addingTimeInterval(30 * 86_400)
        let floored = NextCheckPlanner.Need(cadence: .adaptive, status: .monitoring, windowEnd: end, minimumInterval: 4 * 3600)
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: t0, videoBornAt: t0, needs: [floored], now: t0) == t0.addingTimeInterval(4 * 3600))
        let other = NextCheckPlanner.Need(cadence: .hourly, status: .monitoring, windowEnd: end)
        #expect(NextCheckPlanner.nextCheck(lastSnapshotAt: t0, videoBornAt: t0, needs: [floored, other], now: t0) == t0.addingTimeInterval(3600),
                "another account's faster tracking still gets its checks")
    }

    @Test func chargesNeverPassTheEstimateOrTheBalance() {
        let terms = TrackingTerms(pricePerSnapshot: Money(decimal: "0.4")!, estimatedCost: Money(decimal: "1")!)
        #expect(terms.charge(after: .zero, balance: Money(decimal: "5")!) == Money(decimal: "0.4"))
        #expect(terms.charge(after: Money(decimal: "0.8")!, balance: Money(decimal: "5")!) == Money(decimal: "0.2"))
        #expect(terms.charge(after: Money(decimal: "1")!, balance: Money(decimal: "5")!) == .zero)
        #expect(terms.charge(after: .zero, balance: Money(decimal: "0.1")!) == Money(decimal: "0.1"))
        #expect(terms.charge(after: .zero, balance: .zero) == .zero)
        #expect(TrackingTerms.free.charge(after: .zero, balance: Money(decimal: "5")!) == .zero)
    }

    @Test func accountsWithoutAKnownPlanGetTheDefault() throws {
        let free = Plan(name: "free", maxTrackedVideos: 10)
        let pro = Plan(name: "pro", maxTrackedVideos: 1000)
        let catalog = try PlanCatalog(plans: [free, pro], defaultPlanName: "free")
        #expect(catalog.plan(named: "pro") == pro)
        #expect(catalog.plan(named: nil) == free)
        #expect(catalog.plan(named: "removed-from-config") == free)
        #expect(throws: PlanCatalogError.self) { try PlanCatalog(plans: [free], defaultPlanName: "pro") }
        #expect(PlanCatalog().defaultPlan == .unlimited)
    }
}
