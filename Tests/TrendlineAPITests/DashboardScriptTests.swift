import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineStore
@testable import TrendlineProviders

/// Node.js, when it is on PATH.
let nodeForDashboard = ProgramRun.locate("node")

/// The dashboard's script, as the server serves it, run in Node against the live API
/// (Dashboard/dashboard-harness.js has the DOM and the user's steps). Needs Node.js: Debian's
/// `nodejs`, which .ci/run installs.
@Suite(.enabled(if: nodeForDashboard != nil, "needs Node.js on PATH (Debian's nodejs package; .ci/run installs it)"))
struct DashboardScriptTests {
    static let harness = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Dashboard/dashboard-harness.js").path

    @Test func aUserOpensTracksChartsAndPausesThroughThePage() async throws {
        // The harness clicks through the whole page in seconds, past the 60 requests a minute a
        // key gets by default.
        var configuration = APIConfiguration()
        configuration.requestsPerMinute = 600
        let app = try await TestApp.make(configuration: configuration)
        let readOnlyKey = try await APIKeyService(repository: app.store).createKey(accountName: "acme", name: "brand", readOnly: true).secret
        let account = try #require(try await app.store.account(named: "acme"))
        let tracking = TrackingService(repository: app.store, resolver: UnconfiguredShortLinkResolver())
        var options = TrackingService.Options()
        options.campaign = "Spring launch"
        // The chart video was tracked two days ago: its history spans more than a day.
        let start = Date()
        let twoDaysAgo = start.addingTimeInterval(-2 * 86_400)
        let earlier = TrackingService(repository: app.store, resolver: UnconfiguredShortLinkResolver(), clock: WallClock { twoDaysAgo })
        let item = try #require(try await earlier.track(urls: ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"], accountID: account.id, options: options).first?.trackedVideo)
        for (index, hours) in [0.0, 2, 27].enumerated() {
            let views = Int64(1_000 + index * 150)
            let snapshot = Snapshot(
                videoID: item.video.id, takenAt: twoDaysAgo.addingTimeInterval(hours * 3600 + 1),
                counts: Counts(views: views, likes: views / 10, comments: 3, shares: nil, saves: nil), provider: "youtube-data-api")
            _ = try await app.store.recordSnapshot(
                snapshot, metadata: VideoMetadata(title: "Chart video", publishedAt: twoDaysAgo.addingTimeInterval(-86_400)), at: snapshot.takenAt)
        }
        // A creator followed in selective mode, checked once, whose two new videos wait in the inbox.
        let maker = Creator(
            id: UUID(), accountID: account.id, handle: CreatorHandle(platform: .tiktok, username: "maker"), mode: .selective,
            discoveryInterval: 6 * 3600, notes: nil, nextCheckAt: start, createdAt: start, updatedAt: start)
        _ = try await app.store.createCreator(maker, maxCreators: nil)
        try await app.store.recordCreatorCheck(
            creatorID: maker.id, profile: CreatorProfile(handle: maker.handle, fullName: "Maker", followers: 4_000),
            sources: CreatorSources(profile: "tiktok-web", videos: "tiktok-web"), seen: [], discovered: 0, nextCheckAt: start, at: start.addingTimeInterval(-26 * 3600))
        try await app.store.recordCreatorCheck(
            creatorID: maker.id, profile: CreatorProfile(handle: maker.handle, fullName: "Maker", followers: 4_200),
            sources: CreatorSources(profile: "tiktok-web", videos: "tiktok-web"), seen: [], discovered: 2, nextCheckAt: start.addingTimeInterval(6 * 3600), at: start)
        var pending = TrackingService.Options()
        pending.reviewStatus = .pendingReview
        pending.creatorID = maker.id
        let posted = start.addingTimeInterval(-3600)
        _ = try await tracking.track(
            urls: ["https://www.tiktok.com/@maker/video/7430511437199540001", "https://www.tiktok.com/@maker/video/7430511437199540002"],
            accountID: account.id, options: pending,
            metadata: [VideoMetadata(title: "Maker take 1", publishedAt: posted), VideoMetadata(title: "Maker take 2", publishedAt: posted)])
        let application = Application(router: buildResponder(app.dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let run = try await ProgramRun.run(
                try #require(nodeForDashboard), arguments: [Self.harness], timeout: 60,
                environment: [
                    "TRENDLINE_BASE": "http://127.0.0.1:\(port)", "TRENDLINE_KEY": app.key, "TRENDLINE_READONLY_KEY": readOnlyKey,
                    "TRENDLINE_TRACK_URL": "https://www.tiktok.com/@someone/video/7430511437199543584", "TRENDLINE_CHART_TITLE": "Chart video",
                ])
            #expect(run.status == 0 && !run.timedOut, "node: \(String(decoding: run.stderr, as: UTF8.self))")
            let seen = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: [String: Any]], "stdout: \(String(decoding: run.stdout, as: UTF8.self))")
            func step(_ name: String) -> [String: Any] { seen[name] ?? [:] }

            #expect(step("start")["loginHidden"] as? Bool == false && step("start")["trackHidden"] as? Bool == true)

            #expect((step("wrongKey")["error"] as? String)?.hasPrefix("UNAUTHORIZED: ") == true, "\(step("wrongKey"))")
            #expect(step("wrongKey")["trackHidden"] as? Bool == true && step("wrongKey")["stored"] is NSNull)

            let opened = step("opened")
            #expect(opened["error"] as? String == "" && opened["stored"] as? Bool == true, "the key is trimmed and kept: \(opened)")
            #expect((opened["usage"] as? String)?.hasPrefix("acme · ") == true && (opened["usage"] as? String)?.contains("3 videos") == true, "the two waiting count: \(opened)")
            #expect(opened["trackHidden"] as? Bool == false && opened["loginHidden"] as? Bool == true)
            let firstRows = opened["rows"] as? [String] ?? []
            #expect(firstRows.count == 3 && firstRows.last?.hasPrefix("youtube | Chart video | monitoring | 1,300 | +150 | 130 | 3 | – | – | 10.23% | ") == true, "the day's gain from the API: \(firstRows)")
            #expect(firstRows.last?.hasSuffix(" | Spring launch") == true, "the campaign column: \(firstRows)")
            #expect(firstRows.dropLast().allSatisfy { $0.hasPrefix("tiktok | Maker take ") && $0.contains(" | in the inbox | – | ") }, "waiting videos say so: \(firstRows)")

            let tracked = step("tracked")
            #expect((tracked["result"] as? String)?.hasPrefix("1 tracked, 0 already tracked, 1 errors (https://example.com/not-a-video: ") == true, "\(tracked)")
            #expect(tracked["resultClass"] as? String == "error" && tracked["urls"] as? String == "")
            let rows = tracked["rows"] as? [String] ?? []
            #expect(rows.count == 4 && rows.contains { $0.hasPrefix("tiktok | https://www.tiktok.com/@someone/video/7430511437199543584 | monitoring") }, "\(rows)")
            #expect(rows.contains { $0.hasPrefix("tiktok | ") && $0.hasSuffix(" | Spring launch") }, "tracked into the campaign: \(rows)")
            #expect(tracked["campaigns"] as? [String] == ["=all", "Spring launch=Spring launch (2)"], "the campaign is offered as a filter, counted")

            let campaign = step("campaign")
            let campaignRows = campaign["rows"] as? [String] ?? []
            #expect(campaignRows.count == 2 && campaignRows.allSatisfy { $0.hasSuffix(" | Spring launch") }, "the campaign's videos: \(campaignRows)")
            #expect(campaign["summaryHidden"] as? Bool == false)
            #expect(campaign["summary"] as? String == "Spring launch: 2 videos · 1,300 views (+150 in 24 h) · 130 likes · 3 comments · – shares · – saves · 10.23% engagement", "\(campaign)")
            #expect(campaign["chartHidden"] as? Bool == false && campaign["chartLines"] as? Int == 1, "the campaign's views over time: \(campaign)")
            let allAgain = step("allAgain")
            #expect(allAgain["rows"] as? Int == 4 && allAgain["summaryHidden"] as? Bool == true && allAgain["chartHidden"] as? Bool == true)
            #expect(allAgain["exportHidden"] as? Bool == false, "the whole list can be exported too")
            #expect(allAgain["actionsHidden"] as? Bool == true, "the campaign's actions only with a campaign chosen")
            let campaignWindow = step("campaignWindow")
            #expect(campaignWindow["result"] as? String == "updated 2" && campaignWindow["resultClass"] as? String == "muted", "\(campaignWindow)")
            #expect(campaignWindow["actionsHidden"] as? Bool == false && campaignWindow["rows"] as? Int == 2, "\(campaignWindow)")
            let campaignBadWindow = step("campaignBadWindow")
            #expect(campaignBadWindow["result"] as? String == "the window is 1 to 30 days" && campaignBadWindow["resultClass"] as? String == "error")
            let sorted = step("sorted")["rows"] as? [String] ?? []
            #expect(sorted.count == 4 && sorted.first?.hasPrefix("youtube | Chart video") == true, "most views first, where newest first had it last: \(step("sorted"))")
            #expect(step("postedCampaign")["summary"] as? String
                    == "Spring launch (posted 2000-01-01 to …): 1 video · 1,300 views (+150 in 24 h) · 130 likes · 3 comments · – shares · – saves · 10.23% engagement"
                    && step("postedCampaign")["rows"] as? Int == 1, "the chart video's publication day is known, the other's is not: \(step("postedCampaign"))")
            let posted = step("postedSince")
            #expect((posted["rows"] as? [String])?.count == 3 && (posted["rows"] as? [String])?.filter { $0.contains("Maker take") }.count == 2
                    && (posted["rows"] as? [String])?.contains { $0.contains("Chart video") } == true, "the videos whose publication day is known: \(posted)")
            #expect(step("postedInJanuary2000")["rows"] as? Int == 0 && step("postedInJanuary2000")["error"] as? String == "", "\(step("postedInJanuary2000"))")
            #expect((step("postedBackwards")["error"] as? String)?.contains("published_from must not be after published_to") == true, "\(step("postedBackwards"))")
            let searched = step("searched")
            #expect((searched["rows"] as? [String])?.count == 1 && (searched["rows"] as? [String])?.first?.hasPrefix("youtube | Chart video") == true, "\(searched)")
            let found = step("foundByURL")
            #expect((found["rows"] as? [String])?.count == 1 && (found["rows"] as? [String])?.first?.hasPrefix("youtube | Chart video") == true, "\(found)")
            #expect((step("badURL")["error"] as? String)?.hasPrefix("VALIDATION_ERROR: ") == true, "\(step("badURL"))")
            let exported = step("exported")
            #expect(exported["exportHidden"] as? Bool == false)
            #expect(exported["file"] as? String == "videos-Spring-launch.csv" && exported["lines"] as? Int == 3, "the list as filtered: the header and the two videos: \(exported)")
            #expect((exported["header"] as? String)?.hasPrefix("id,platform,url,") == true, "\(exported)")

            let detail = step("detail")
            #expect(detail["hidden"] as? Bool == false && detail["title"] as? String == "Chart video")
            // Tracked two days ago: its counts at each UTC midnight since and now, newest first.
            let perDay = detail["perDay"] as? [String] ?? []
            #expect((2...4).contains(perDay.count) && perDay.first?.contains(" | 1,300 | ") == true, "\(perDay)")
            let perDayExport = step("perDayExport")
            #expect(perDayExport["file"] as? String == "youtube-dQw4w9WgXcQ-day.csv" && perDayExport["header"] as? String == "at,views,likes,comments,shares,saves,views_gained",
                    "\(perDayExport)")
            #expect(detail["link"] as? String == "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
            #expect((detail["status"] as? String)?.hasPrefix("monitoring · adaptive · ") == true && (detail["status"] as? String)?.contains(" days left · posted ") == true,
                    "with when the platform says it was posted: \(detail)")
            #expect((detail["caption"] as? String)?.hasPrefix("3 snapshots · views now 1,300 · +150 in 24 h · from ") == true,
                    "the gain from the newest snapshot a day or more older (1,150 at 2 h, against 1,300 at 27 h): \(detail)")
            #expect(detail["points"] as? Int == 3)

            let detailExport = step("detailExport")
            #expect(detailExport["file"] as? String == "youtube-dQw4w9WgXcQ.csv" && detailExport["error"] as? String == "", "\(detailExport)")
            let historyLines = detailExport["lines"] as? [String] ?? []
            #expect(historyLines.count == 4 && historyLines.first == "taken_at,views,likes,comments,shares,saves,provider", "\(historyLines)")
            #expect(historyLines.last?.hasSuffix(",1300,130,3,,,youtube-data-api") == true, "the newest last: \(historyLines)")

            let added = step("hookAdded")
            #expect((added["result"] as? String)?.hasPrefix("added; its signing secret, shown only now: whsec_") == true && added["resultClass"] as? String == "muted", "\(added)")
            #expect(added["rows"] as? [String] == ["https://hooks.example.com/dash | snapshot.created, video.unavailable, milestone.reached | enabled | Test | Disable | Delete"],
                    "the events ticked, trimmed URL: \(added)")
            #expect(added["field"] as? String == "")
            let tested = step("hookTested")
            #expect((tested["result"] as? String)?.hasPrefix("a webhook.test event is on its way") == true && tested["hidden"] as? Bool == false, "\(tested)")
            #expect((tested["deliveries"] as? [String])?.first?.hasPrefix("evt_") == true && (tested["deliveries"] as? [String])?.first?.contains(" | webhook.test | pending | 0 | – | ") == true,
                    "\(tested)")
            #expect(step("hookReplayed")["result"] as? String == "no failed delivery to send again" && step("hookReplayed")["replayHidden"] as? Bool == false,
                    "\(step("hookReplayed"))")
            #expect((step("hookDisabled")["rows"] as? [String])?.first?.contains(" | disabled | Test | Enable | Delete") == true, "\(step("hookDisabled"))")
            let refused = step("hookRefused")
            #expect((refused["result"] as? String)?.hasPrefix("CONFLICT: the webhook is disabled") == true && refused["resultClass"] as? String == "error", "\(refused)")
            #expect((step("hookParked")["deliveries"] as? [String])?.first?.contains(" | pending | 0 | – | when enabled | ") == true, "\(step("hookParked"))")
            let deleted = step("hookDeleted")
            #expect(deleted["rows"] as? [String] == [] && deleted["deliveriesHidden"] as? Bool == true && deleted["result"] as? String == "deleted https://hooks.example.com/dash",
                    "\(deleted)")

            let moved = step("moved")
            #expect(moved["field"] as? String == "Moved" && moved["error"] as? String == "", "the saved campaign, trimmed: \(moved)")
            #expect((moved["rows"] as? [String])?.contains { $0.hasPrefix("youtube | Chart video") && $0.hasSuffix(" | Moved") } == true, "\(moved)")
            #expect(moved["campaigns"] as? [String] == ["", "Spring launch", "Moved"], "the new campaign is offered (after the one with the newer video): \(moved)")

            let notes = step("notes")
            #expect(notes["field"] as? String == "## Brief\n- sponsored" && notes["saved"] as? String == "notes saved", "read back from the server: \(notes)")
            let milestones = step("milestones")
            #expect(milestones["field"] as? String == "1000 50000" && milestones["saved"] as? String == "milestones saved", "sorted, once each: \(milestones)")
            #expect(milestones["status"] as? String == "waiting for 1,000, 50,000", "reached only by a snapshot after the change: \(milestones)")
            let badMilestones = step("badMilestones")
            #expect(badMilestones["savedClass"] as? String == "error" && (badMilestones["saved"] as? String)?.hasPrefix("milestones are whole view counts") == true)
            #expect(badMilestones["status"] as? String == milestones["status"] as? String, "nothing was sent: \(badMilestones)")
            let window = step("window")
            #expect(window["days"] as? String == "14" && window["cadence"] as? String == "daily" && window["saved"] as? String == "window saved", "\(window)")
            // The video's window started days ago in the harness's clock: 14 days from then.
            let left = (window["status"] as? String).flatMap { $0.hasPrefix("monitoring · daily · ") ? Int($0.split(separator: " ")[4]) : nil }
            #expect(left.map { (1...14).contains($0) } == true, "read back from the server: \(window)")
            let badWindow = step("badWindow")
            #expect(badWindow["savedClass"] as? String == "error" && badWindow["saved"] as? String == "the window is 1 to 30 days", "nothing was sent: \(badWindow)")
            #expect(step("notesCleared")["field"] as? String == "" && step("notesCleared")["saved"] as? String == "notes saved", "\(step("notesCleared"))")
            #expect(step("emptyMetric")["caption"] as? String == "No saves reported yet." && step("emptyMetric")["lines"] as? Int == 0)

            #expect((step("paused")["status"] as? String)?.hasPrefix("paused · ") == true, "\(step("paused"))")
            #expect((step("paused")["rows"] as? [String])?.contains { $0.hasPrefix("youtube | Chart video | paused") } == true)

            let shown = step("creatorsShown")
            #expect(shown["creatorsHidden"] as? Bool == false && shown["inboxHidden"] as? Bool == false)
            let makerRow = (shown["rows"] as? [String])?.first ?? ""
            #expect(makerRow.hasPrefix("tiktok | Maker (maker) | to the inbox | 4,200 | 2 | ") && makerRow.hasSuffix(" | tiktok-web | – | Track new at once | Unfollow"), "\(shown)")
            #expect(shown["inboxCount"] as? String == "· 2 waiting" && shown["includeAllHidden"] as? Bool == false, "\(shown)")
            let waiting = shown["inbox"] as? [String] ?? []
            #expect(waiting.count == 2 && waiting.allSatisfy { $0.hasPrefix("tiktok | Maker take ") && $0.contains(" | maker | ") && $0.hasSuffix(" | Include | Exclude") },
                    "the listing's caption as the title, the creator's name: \(waiting)")
            #expect(waiting.allSatisfy { $0.components(separatedBy: " | ")[3] != "–" }, "when it was posted: \(waiting)")

            let creatorFilter = step("creatorFilter")
            #expect(creatorFilter["options"] as? [String] == ["all", "maker (tiktok)"], "\(creatorFilter)")
            let makersVideos = creatorFilter["rows"] as? [String] ?? []
            #expect(makersVideos.count == 2 && makersVideos.allSatisfy { $0.hasPrefix("tiktok | Maker take ") }, "only the creator's videos: \(makersVideos)")

            let followers = step("followers")
            #expect(followers["caption"] as? String == "maker: 2 readings · 4,200 followers · +200 in 24 h" && followers["error"] as? String == "", "\(followers)")
            #expect(step("followersWithAVideo")["caption"] as? String == "maker: 2 readings · 4,200 followers · +200 in 24 h · its videos: 1 tracked, no views read yet",
                    "the included video counts; the one still waiting does not: \(step("followersWithAVideo"))")
            #expect(followers["captionHidden"] as? Bool == false && followers["chartHidden"] as? Bool == false && followers["points"] as? Int == 2, "\(followers)")

            let withoutPlatform = step("followWithoutPlatform")
            #expect(withoutPlatform["result"] as? String == "VALIDATION_ERROR: platform is required with username" && withoutPlatform["resultClass"] as? String == "error", "\(withoutPlatform)")
            #expect(withoutPlatform["rows"] as? Int == 1)
            let followed = step("followed")
            #expect(followed["result"] as? String == "following newmaker on tiktok; the first check is due now" && followed["field"] as? String == "", "\(followed)")
            let followedRows = followed["rows"] as? [String] ?? []
            #expect(followedRows.count == 2 && followedRows.first?.hasPrefix("tiktok | newmaker | to the inbox | – | 0 | first check due ") == true, "newest first, not checked yet: \(followedRows)")

            let included = step("included")
            #expect(included["result"] as? String == "included 1" && included["count"] as? String == "· 1 waiting", "\(included)")
            #expect((included["videos"] as? [String])?.contains { $0.hasPrefix("tiktok | Maker take ") && $0.contains(" | monitoring | ") } == true,
                    "the included video is listed and monitored: \(included)")
            let excluded = step("excludedAll")
            #expect(excluded["result"] as? String == "excluded 1" && excluded["count"] as? String == "· nothing waiting" && excluded["inbox"] as? Int == 0, "\(excluded)")
            #expect(excluded["includeAllHidden"] as? Bool == true && excluded["excludeAllHidden"] as? Bool == true)
            #expect(excluded["videos"] as? Int == ((included["videos"] as? [String])?.count ?? 0) - 1, "an excluded video leaves the list")
            let modeChanged = step("modeChanged")
            #expect(modeChanged["result"] as? String == "new videos will be tracked at once", "\(modeChanged)")
            let switched = (modeChanged["rows"] as? [String])?.first { $0.contains("Maker (maker)") } ?? ""
            #expect(switched.contains(" | tracked at once | ") && switched.hasSuffix(" | Send new to inbox | Unfollow"), "\(switched)")

            let unfollowed = step("unfollowed")
            #expect(unfollowed["result"] as? String == "unfollowed; the videos already added stay tracked", "\(unfollowed)")
            #expect((unfollowed["rows"] as? [String])?.count == 1 && (unfollowed["rows"] as? [String])?.first?.contains("Maker (maker)") == true, "\(unfollowed)")

            let bulk = step("bulk")
            #expect(bulk["result"] as? String == "51 tracked, 0 already tracked, 0 errors" && bulk["urls"] as? String == "", "51 URLs in two requests: \(bulk)")
            #expect(step("forgot")["stored"] is NSNull && step("forgot")["reloaded"] as? Bool == true)

            let declined = step("deleteDeclined")
            #expect((declined["question"] as? String)?.hasPrefix("Delete \u{201C}Chart video\u{201D} and its history?") == true, "\(declined)")
            #expect(declined["tracked"] as? Int == 1 && declined["detailHidden"] as? Bool == false, "declined: nothing deleted \(declined)")
            let videoDeleted = step("deleted")
            #expect(videoDeleted["tracked"] as? Int == 0 && videoDeleted["detailHidden"] as? Bool == true && videoDeleted["error"] as? String == "", "\(videoDeleted)")
            #expect((videoDeleted["listed"] as? [String])?.contains { $0.contains("Chart video") } == false, "\(videoDeleted)")
            let readOnly = step("readOnly")
            #expect((readOnly["usage"] as? String)?.hasSuffix(" · read-only key") == true && (readOnly["rows"] as? Int ?? 0) >= 1, "\(readOnly)")
            #expect(readOnly["sections"] as? [String: Bool] == ["videos": false, "track": true, "inbox": true, "creators": true, "webhooks": true], "\(readOnly)")
            #expect((readOnly["controls"] as? [String: Bool])?.values.allSatisfy { $0 } == true && readOnly["actionsHidden"] as? Bool == true, "\(readOnly)")
            #expect(readOnly["summaryHidden"] as? Bool == false, "the campaign's figures are shown")
        }
    }
}
