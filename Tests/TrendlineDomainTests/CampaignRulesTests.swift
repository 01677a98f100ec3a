import Testing
import TrendlineDomain

/// Campaign names and summed counts.
struct CampaignRulesTests {
    @Test func namesAreTrimmedAndKeepTheirCase() {
        #expect(CampaignName.validated("  Spring Launch \n").name == "Spring Launch")
        #expect(CampaignName.validated("Été 2026 🎬").name == "Été 2026 🎬")
        #expect(CampaignName.validated(String(repeating: "é", count: 100)).name != nil, "100 characters, not bytes")
    }

    @Test(arguments: ["", "  ", "a\tb", "a\nb", String(repeating: "x", count: 101)])
    func badNamesSayWhy(_ text: String) {
        let checked = CampaignName.validated(text)
        #expect(checked.name == nil)
        #expect(checked.problem?.isEmpty == false)
    }

    @Test func totalsSumOnlyWhatWasReported() {
        var totals = CountTotals()
        #expect(totals.engagementRate == nil)
        totals.add(Counts(views: 100, likes: 10, comments: nil, shares: 0, saves: nil))
        totals.add(nil)
        totals.add(Counts(views: 300, likes: 30, comments: 4, shares: nil, saves: nil))
        #expect(totals.videos == 3 && totals.withSnapshot == 2)
        #expect(totals.counts == Counts(views: 400, likes: 40, comments: 4, shares: 0, saves: nil))
        #expect(totals.engagementRate == 44.0 / 400)
    }

    @Test func totalsSaturateInsteadOfOverflowing() {
        var totals = CountTotals()
        totals.add(Counts(views: .max - 1))
        totals.add(Counts(views: 5))
        #expect(totals.counts.views == .max)
    }
}
