import Foundation
import Testing
import TrendlineDomain

/// Campaign names and summed counts.
struct CampaignRulesTests {
    @Test func namesAreTrimmedAndKeepTheirCase() {
        #expect(CampaignName.validated("  Spring Launch \n").name == "Spring Launch")
        #expect(CampaignName.validated("Été 2026 🎬").name == "Été 2026 🎬")
        #expect(CampaignName.validated(String(repeating: "é", count: 100)).name != nil, "100 characters, not bytes")
    }

    /// `==` on Swift strings ignores how an accent is encoded; SQL compares bytes. The stored
    /// name is the composed form, whichever way it was typed.
    @Test func namesAreStoredComposed() throws {
        let decomposed = "E\u{301}te\u{301} 2026", composed = "\u{C9}t\u{E9} 2026"
        let name = try #require(CampaignName.validated(decomposed).name)
        #expect(Array(name.unicodeScalars) == Array(composed.unicodeScalars))
        #expect(Array(name.utf8) == Array(try #require(CampaignName.validated(composed).name).utf8))
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

    @Test func oneVideosEngagementRateCountsWhatWasReported() {
        #expect(Counts(views: 200, likes: 10, comments: 5, shares: nil, saves: 5).engagementRate == 0.1)
        #expect(Counts(views: 0, likes: 10).engagementRate == nil, "no views, no rate")
        #expect(Counts(views: nil, likes: 10).engagementRate == nil, "views not reported, no rate")
        #expect(Counts(views: 50).engagementRate == 0, "views without interactions is a rate of zero")
    }

    @Test func dayGainsAreSummedOverTheVideosThatHaveOne() {
        var totals = CountTotals()
        totals.add(Counts(views: 100), viewsGained24h: 40)
        totals.add(Counts(views: 50))
        #expect(totals.viewsGained24h == 40, "a video without a day of history adds nothing")
        totals.add(Counts(views: 70), viewsGained24h: -10)
        #expect(totals.viewsGained24h == 30, "a platform lowering its count lowers the sum")
        var none = CountTotals()
        none.add(Counts(views: 1))
        #expect(none.viewsGained24h == nil)
    }

    @Test func totalsSaturateInsteadOfOverflowing() {
        var totals = CountTotals()
        totals.add(Counts(views: .max - 1))
        totals.add(Counts(views: 5))
        #expect(totals.counts.views == .max)
    }
}

/// A campaign's growth curve.
struct CountTimelineTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)   // 2026-05-28T20:26:40Z

    func snapshot(_ offset: TimeInterval, views: Int64, saves: Int64? = nil) -> Snapshot {
        Snapshot(videoID: 1, takenAt: t0.addingTimeInterval(offset), counts: Counts(views: views, saves: saves), provider: "t")
    }

    @Test func eachVideoCountsAsItStoodAtEachTime() {
        let times = [0, 3_600, 7_200].map { t0.addingTimeInterval(Double($0)) }
        var timeline = CountTimeline(times: times)
        timeline.add([snapshot(-10, views: 5), snapshot(3_000, views: 50), snapshot(3_600, views: 60, saves: 2), snapshot(9_000, views: 999)])
        timeline.add([snapshot(4_000, views: 100)])
        #expect(timeline.totals.map(\.counts.views) == [5, 60, 160], "a snapshot at the time itself counts; later ones do not")
        #expect(timeline.totals.map(\.withSnapshot) == [1, 1, 2], "the second video has no snapshot before 4,000 s")
        #expect(timeline.totals.map(\.counts.saves) == [nil, 2, 2], "a counter never reported by then stays null")
    }

    @Test func aVideoCountsFromWhenItWasTracked() {
        let times = [0, 3_600, 7_200].map { t0.addingTimeInterval(Double($0)) }
        var timeline = CountTimeline(times: times)
        timeline.add([snapshot(10, views: 5)])
        timeline.add([snapshot(4_000, views: 100)], since: t0.addingTimeInterval(3_000))
        #expect(timeline.totals.map(\.videos) == [1, 2, 2], "the second video is not in the first point at all")
        #expect(timeline.totals.map(\.counts.views) == [nil, 5, 105])
    }

    @Test func timesFallOnWholeHoursAndEndAtTo() throws {
        let to = t0.addingTimeInterval(3 * 3_600)
        let times = try #require(CountTimeline.times(from: t0, to: to, step: 3_600, limit: 100))
        #expect(times.first == Date(timeIntervalSince1970: 1_780_002_000), "the first whole hour after from")
        #expect(times.count == 4 && times.last == to)
        #expect(zip(times.dropLast(), times.dropFirst().dropLast()).allSatisfy { $1.timeIntervalSince($0) == 3_600 })
        #expect(CountTimeline.times(from: t0, to: to, step: 60, limit: 100) == nil, "181 minutes are more than 100 points")
        #expect(CountTimeline.times(from: to, to: to, step: 3_600, limit: 100) == [to])
    }

    @Test func aHistorysGainsAreTheChangeSinceThePointBefore() {
        #expect(CountTimeline.gains([nil, 100, 1_300, 1_300, nil, 50]) == [nil, nil, 1_200, 0, nil, nil])
        #expect(CountTimeline.gains([]).isEmpty && CountTimeline.gains([7]) == [nil])
    }
}
