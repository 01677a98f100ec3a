import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TrendlineDomain
import TrendlineStore

/// Campaigns: set when tracking, moved by PATCH, listed, filtered, and summed in a report and over time.
struct CampaignEndpointTests {
    /// Tracks `urls` into `campaign` and returns the new video ids.
    func track(_ client: any TestClientProtocol, _ key: String, _ urls: [String], campaign: String?) async throws -> [String] {
        let list = urls.map { "\"\($0)\"" }.joined(separator: ",")
        let field = campaign.map { #","campaign":"\#($0)""# } ?? ""
        let response = try await client.call(.post, "/v1/videos/track", key: key, json: #"{"urls":[\#(list)]\#(field)}"#)
        #expect(response.status == .ok, "\(response.json)")
        #expect(response.results.allSatisfy { $0["campaign"] as? String == campaign?.trimmingCharacters(in: .whitespaces) }, "\(response.results)")
        return response.results.compactMap { $0["video_id"] as? String }
    }

    /// Stores `counts` for the tracking `id`, `after` seconds into its window.
    func record(_ app: TestApp, _ id: String, _ counts: Counts, author: String? = nil, published: Date? = nil, after: TimeInterval = 1) async throws {
        let account = try #require(try await app.store.account(named: "acme"))
        let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: account.id))
        let at = item.tracking.window.start.addingTimeInterval(after)
        try await app.store.recordSnapshot(
            Snapshot(videoID: item.video.id, takenAt: at, counts: counts, provider: "test"), metadata: VideoMetadata(author: author, publishedAt: published), at: at)
    }

    /// `published_from`/`published_to` narrow a campaign's report, history and exports to the
    /// videos published then (a month's posts); the campaign is still found with none in range.
    @Test func aCampaignIsReportedForTheVideosPublishedInARange() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await track(client, app.key, ["https://www.tiktok.com/@a/video/1", "https://www.tiktok.com/@a/video/2", "https://www.tiktok.com/@a/video/3"], campaign: "Q4")
            // Published 2026-10-31T23:00Z, 2026-11-15T12:00Z, and not known.
            try await record(app, ids[0], Counts(views: 100), published: Date(timeIntervalSince1970: 1_793_487_600), after: 0)
            try await record(app, ids[1], Counts(views: 2_000), published: Date(timeIntervalSince1970: 1_794_744_000), after: 0)
            try await record(app, ids[2], Counts(views: 30_000), after: 0)
            let november = "published_from=2026-11-01&published_to=2026-11-30"
            let report = try await client.call(.get, "/v1/campaigns/Q4?\(november)", key: app.key)
            #expect(report.status == .ok, "\(report.json)")
            let totals = report.dataObject["totals"] as? [String: Any] ?? [:]
            #expect(report.dataObject["videos"] as? Int == 1 && totals["views"] as? Int == 2_000, "November's one post: \(report.dataObject)")
            #expect((report.dataObject["top_videos"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[1]])
            let whole = try await client.call(.get, "/v1/campaigns/Q4", key: app.key).dataObject
            #expect(whole["videos"] as? Int == 3 && (whole["totals"] as? [String: Any])?["views"] as? Int == 32_100, "without a range: every video")

            let csv = try await client.execute(uri: "/v1/campaigns/Q4/export?\(november)", method: .get, headers: [.init("X-API-Key")!: app.key])
            #expect(csv.headers[.contentDisposition]?.contains("campaign-Q4-posted-2026-11-01-to-2026-11-30.csv") == true, "\(csv.headers)")
            let csvLines = String(buffer: csv.body).split(separator: "\r\n")
            #expect(csvLines.count == 2 && csvLines[1].hasSuffix(",2026-11-15T12:00:00.000Z"), "the header and November's post, with when it was published: \(csvLines)")
            let history = try await client.call(.get, "/v1/campaigns/Q4/history?interval=hour&\(november)", key: app.key)
            #expect(history.dataArray.last?["views"] as? Int == 2_000, "\(history.dataArray.suffix(2))")

            let none = try await client.call(.get, "/v1/campaigns/Q4?published_to=2000-01-01", key: app.key)
            #expect(none.status == .ok && none.dataObject["videos"] as? Int == 0, "a range holding none is an empty report, not a 404: \(none.json)")
            expectError(try await client.call(.get, "/v1/campaigns/Q4?published_from=November", key: app.key), .badRequest, "VALIDATION_ERROR", field: "published_from")
            expectError(try await client.call(.get, "/v1/campaigns/Q4/export?published_to=2026-11-31", key: app.key), .badRequest, "VALIDATION_ERROR", field: "published_to")
            expectError(try await client.call(.get, "/v1/campaigns/Nothing?\(november)", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test func aCampaignIsSetWhenTrackingListedAndFiltered() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let spring = try await track(client, app.key, ["https://www.tiktok.com/@a/video/1", "https://x.com/a/status/2"], campaign: " Spring launch ")
            try await Task.sleep(for: .milliseconds(3))
            let other = try await track(client, app.key, ["https://www.tiktok.com/@a/video/3"], campaign: "Competitors")
            try await Task.sleep(for: .milliseconds(3))
            _ = try await track(client, app.key, ["https://www.tiktok.com/@a/video/4"], campaign: nil)
            #expect(spring.count == 2 && other.count == 1)

            let detail = try await client.call(.get, "/v1/videos/\(spring[0])", key: app.key)
            #expect(detail.dataObject["campaign"] as? String == "Spring launch", "trimmed, case and inner space kept")
            let filtered = try await client.call(.get, "/v1/videos?campaign=Spring%20launch", key: app.key)
            #expect(Set(filtered.dataArray.compactMap { $0["id"] as? String }) == Set(spring))
            #expect(try await client.call(.get, "/v1/videos?campaign=spring%20launch", key: app.key).dataArray.isEmpty, "names are case-sensitive")
            let plus = try await client.call(.get, "/v1/videos?campaign=Spring+launch", key: app.key)
            #expect(plus.dataArray.count == 2, "a + is a space, as browsers' URLSearchParams send it")
            let plain = try await client.call(.get, "/v1/videos", key: app.key).dataArray
            #expect(plain.count == 4 && plain.first?["campaign"] is NSNull, "a video outside any campaign shows null")

            let campaigns = try await client.call(.get, "/v1/campaigns", key: app.key)
            #expect(campaigns.status == .ok)
            #expect(campaigns.dataArray.map { $0["name"] as? String } == ["Competitors", "Spring launch"], "newest first")
            #expect(campaigns.dataArray.map { $0["videos"] as? Int } == [1, 2])
            #expect(campaigns.meta["count"] as? Int == 2)

            let again = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://www.tiktok.com/@a/video/3","campaign":"Spring launch"}"#)
            #expect(again.results.first?["status"] as? String == "already_tracked")
            #expect(again.results.first?["campaign"] as? String == "Competitors", "the result says the video stays in its campaign")
            #expect(try await client.call(.get, "/v1/videos/\(other[0])", key: app.key).dataObject["campaign"] as? String == "Competitors", "tracking again does not move it")

            let otherKey = try await app.otherKey()
            #expect(try await client.call(.get, "/v1/campaigns", key: otherKey).dataArray.isEmpty, "another account sees none")
            expectError(try await client.call(.get, "/v1/campaigns/Competitors", key: otherKey), .notFound, "NOT_FOUND")
        }
    }

    @Test func namesWithPlusSlashAndAmpersandAreEncoded() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await track(client, app.key, ["https://www.tiktok.com/@a/video/9"], campaign: "C++")
            let encoded = try await client.call(.get, "/v1/videos?campaign=C%2B%2B", key: app.key)
            #expect(encoded.dataArray.compactMap { $0["id"] as? String } == ids, "a literal plus is %2B")
            #expect(try await client.call(.get, "/v1/videos?campaign=C++", key: app.key).dataArray.isEmpty, "a raw + reads as a space")
            _ = try await track(client, app.key, ["https://www.tiktok.com/@a/video/8"], campaign: "Q3/EU & US")
            let slashed = try await client.call(.get, "/v1/campaigns/Q3%2FEU%20%26%20US", key: app.key)
            #expect(slashed.status == .ok && slashed.dataObject["name"] as? String == "Q3/EU & US", "an encoded slash stays in the name: \(slashed.json)")
            let slashedHistory = try await client.call(.get, "/v1/campaigns/Q3%2FEU%20%26%20US/history", key: app.key)
            #expect(slashedHistory.status == .ok)
            #expect(try await client.call(.get, "/v1/videos?campaign=Q3%2FEU+%26+US", key: app.key).dataArray.count == 1)
        }
    }

    /// A name typed with a combining accent is the campaign typed with the composed letter.
    @Test func aNameIsOneCampaignHoweverItsAccentsWereTyped() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            _ = try await track(client, app.key, ["https://www.tiktok.com/@a/video/11"], campaign: "E\u{301}te\u{301}")
            _ = try await track(client, app.key, ["https://www.tiktok.com/@a/video/12"], campaign: "\u{C9}t\u{E9}")
            let campaigns = try await client.call(.get, "/v1/campaigns", key: app.key)
            #expect(campaigns.dataArray.count == 1, "\(campaigns.dataArray)")
            let report = try await client.call(.get, "/v1/campaigns/%C3%89t%C3%A9", key: app.key)
            #expect(report.status == .ok, "\(report.json)")
            let listed = try await client.call(.get, "/v1/videos?campaign=E%CC%81te%CC%81", key: app.key)
            #expect(listed.dataArray.count == 2, "the filter is composed too")
        }
    }

    @Test func theHistorySumsEachVideoAsItStoodEachHour() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await track(client, app.key, ["https://www.tiktok.com/@a/video/31", "https://x.com/a/status/32"], campaign: "Growth")
            let account = try #require(try await app.store.account(named: "acme"))
            var items: [TrackedVideo] = []
            for id in ids { items.append(try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: account.id))) }
            let start = try #require(items.map(\.tracking.window.start).max())
            let hour = (start.timeIntervalSince1970 / 3_600).rounded(.up) * 3_600
            func at(_ offset: Double) -> Date { Date(timeIntervalSince1970: hour + offset) }
            for (item, points) in zip(items, [[(60.0, 100), (3_660, 300)], [(3_600 * 2 - 1, 1_000)]] as [[(Double, Int64)]]) {
                for (offset, views) in points {
                    try await app.store.recordSnapshot(
                        Snapshot(videoID: item.video.id, takenAt: at(offset), counts: Counts(views: views, likes: views / 10), provider: "t"), metadata: VideoMetadata(), at: at(offset))
                }
            }
            let to = TimestampText.string(at(3 * 3_600))
            let response = try await client.call(.get, "/v1/campaigns/Growth/history?interval=hour&to=\(to)", key: app.key)
            #expect(response.status == .ok, "\(response.json)")
            let points = response.dataArray
            #expect(points.last?["at"] as? String == to && points.count >= 4, "\(points)")
            let last4 = points.suffix(4)
            #expect(last4.map { $0["views"] as? Int } == [nil, 100, 1_300, 1_300], "hour by hour: \(points)")
            #expect(last4.map { $0["videos_with_snapshots"] as? Int } == [0, 1, 2, 2])
            #expect(last4.allSatisfy { $0["videos"] as? Int == 2 }, "the campaign's counted videos")
            #expect(last4.map { $0["engagement_rate"] as? Double } == [nil, 0.1, 0.1, 0.1], "likes are a tenth of views at each point")
            #expect(points.suffix(4).first?["views"] is NSNull, "no counts yet is null, not 0")
            #expect(last4.map { $0["views_gained"] as? Int } == [nil, nil, 1_200, 0], "the change since the point before: \(points)")
            #expect(last4.first?["views_gained"] is NSNull && points.first?["views_gained"] is NSNull, "no point before, or no views: null")
            #expect(response.meta["interval"] as? String == "hour" && response.meta["campaign"] as? String == "Growth")

            let daily = try await client.call(.get, "/v1/campaigns/Growth/history?to=\(to)", key: app.key)
            #expect(daily.meta["interval"] as? String == "day" && daily.dataArray.last?["views"] as? Int == 1_300)

            // The same grid as CSV, with the change in summed views since the point before.
            let csv = try await client.execute(uri: "/v1/campaigns/Growth/export?interval=hour&to=\(to)", method: .get, headers: [.init("X-API-Key")!: app.key])
            let rows = String(buffer: csv.body).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(csv.headers[.contentDisposition]?.contains("campaign-Growth-hour.csv") == true)
            #expect(rows.first == ["at", "videos", "videos_with_snapshots", "views", "likes", "comments", "shares", "saves", "engagement_rate", "views_gained"])
            #expect(rows.count == points.count + 1)
            #expect(rows.suffix(4).map { $0[3] } == ["", "100", "1300", "1300"] && rows.suffix(3).map { $0[9] } == ["", "1200", "0"], "\(rows.suffix(4))")
            #expect(rows.last?[8] == "0.100000")
            expectError(try await client.call(.get, "/v1/campaigns/Growth/export?interval=week", key: app.key), .badRequest, "VALIDATION_ERROR", field: "interval")

            expectError(try await client.call(.get, "/v1/campaigns/Growth/history?interval=week", key: app.key), .badRequest, "VALIDATION_ERROR", field: "interval")
            expectError(try await client.call(.get, "/v1/campaigns/Growth/history?from=yesterday", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/campaigns/Growth/history?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/campaigns/Growth/history?interval=hour&from=2020-01-01T00:00:00Z", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/campaigns/Nothing/history", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test func aCampaignIsRenamedRemovedAndFilledInBulk() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let first = try await track(client, app.key, ["https://www.tiktok.com/@a/video/41", "https://www.tiktok.com/@a/video/42"], campaign: "Q1")
            let loose = try await track(client, app.key, ["https://www.tiktok.com/@a/video/43", "https://x.com/a/status/44"], campaign: nil)

            let added = try await client.call(.post, "/v1/campaigns/Q2/videos", key: app.key, json: #"{"ids": ["\#(loose[0])", "\#(first[0])", "nope", "\#(UUID().uuidString)"]}"#)
            #expect(added.status == .ok, "\(added.json)")
            #expect(added.dataArray.map { $0["status"] as? String } == ["added", "added", "error", "error"])
            #expect(added.dataArray.map { $0["previous_campaign"] as? String } == [nil, "Q1", nil, nil], "the campaign a video left")
            #expect(added.dataArray.last.flatMap { ($0["error"] as? [String: Any])?["code"] as? String } == "NOT_FOUND")
            #expect((added.meta["summary"] as? [String: Any])?["added"] as? Int == 2)
            #expect(try await client.call(.get, "/v1/campaigns/Q2", key: app.key).dataObject["videos"] as? Int == 2, "a campaign that did not exist is made")

            let renamed = try await client.call(.patch, "/v1/campaigns/Q1", key: app.key, json: #"{"name": " Q2 "}"#)
            #expect(renamed.status == .ok, "\(renamed.json)")
            #expect(renamed.dataObject["name"] as? String == "Q2" && renamed.dataObject["previous_name"] as? String == "Q1")
            #expect(renamed.dataObject["videos_changed"] as? Int == 1 && renamed.dataObject["videos"] as? Int == 3, "merged into Q2")
            expectError(try await client.call(.get, "/v1/campaigns/Q1", key: app.key), .notFound, "NOT_FOUND")

            expectError(try await client.call(.patch, "/v1/campaigns/Q2", key: app.key, json: #"{}"#), .badRequest, "VALIDATION_ERROR", field: "name")
            expectError(try await client.call(.patch, "/v1/campaigns/Q2", key: app.key, json: #"{"name": ""}"#), .badRequest, "VALIDATION_ERROR", field: "name")
            expectError(try await client.call(.patch, "/v1/campaigns/Q2", key: app.key, json: #"{"name": "A", "new_name": "B"}"#), .badRequest, "VALIDATION_ERROR", field: "new_name")
            let aliased = try await client.call(.patch, "/v1/campaigns/Q2", key: app.key, json: #"{"new_name": "Q3"}"#)
            #expect(aliased.status == .ok && aliased.dataObject["name"] as? String == "Q3", "new_name is name's other spelling: \(aliased.json)")
            _ = try await client.call(.patch, "/v1/campaigns/Q3", key: app.key, json: #"{"name": "Q2"}"#)
            expectError(try await client.call(.patch, "/v1/campaigns/Gone", key: app.key, json: #"{"name": "X"}"#), .notFound, "NOT_FOUND")
            expectError(try await client.call(.post, "/v1/campaigns/Q2/videos", key: app.key, json: #"{"ids": []}"#), .badRequest, "VALIDATION_ERROR", field: "ids")
            expectError(try await client.call(.post, "/v1/campaigns/Q2/videos", key: app.key, json: #"{}"#), .badRequest, "VALIDATION_ERROR", field: "ids")
            let otherKey = try await app.otherKey()
            let foreign = try await client.call(.post, "/v1/campaigns/Theirs/videos", key: otherKey, json: #"{"ids": ["\#(first[1])"]}"#)
            #expect(foreign.dataArray.first?["status"] as? String == "error", "another account's video cannot be moved")

            let removed = try await client.call(.delete, "/v1/campaigns/Q2", key: app.key)
            #expect(removed.status == .ok && removed.dataObject["videos_changed"] as? Int == 3 && removed.dataObject["name"] is NSNull, "\(removed.json)")
            #expect(try await client.call(.get, "/v1/campaigns", key: app.key).dataArray.isEmpty)
            #expect(try await client.call(.get, "/v1/videos", key: app.key).dataArray.count == 4, "the videos stay tracked")
            expectError(try await client.call(.delete, "/v1/campaigns/Q2", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test func theExportIsCSVASpreadsheetReadsSafely() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await track(client, app.key, ["https://www.tiktok.com/@a/video/51", "https://x.com/a/status/52"], campaign: "Q4 / EU")
            let account = try #require(try await app.store.account(named: "acme"))
            let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: ids[0])!, accountID: account.id))
            let at = item.tracking.window.start.addingTimeInterval(1)
            try await app.store.recordSnapshot(
                Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: 1_200, likes: 34, comments: nil, shares: 5, saves: 6), provider: "t"),
                metadata: VideoMetadata(title: #"=HYPERLINK("http://evil") "quoted", too"#, author: "dance, crew"), at: at)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(app.key)"
            let (status, type, disposition, body) = try await client.execute(uri: "/v1/campaigns/Q4%20%2F%20EU/export", method: .get, headers: headers) { response in
                (response.status, response.headers[.contentType], response.headers[.contentDisposition], String(buffer: response.body))
            }
            #expect(status == .ok && type == "text/csv; charset=utf-8")
            #expect(disposition == #"attachment; filename="campaign-Q4---EU.csv""#, "ASCII letters and digits kept, the rest a dash")
            let lines = body.components(separatedBy: "\r\n")
            #expect(lines.count == 4 && lines.last == "", "a header, two videos, CRLF endings: \(lines)")
            #expect(lines[0] == "id,platform,url,canonical_url,author,title,status,tracking_status,views,likes,comments,shares,saves,last_snapshot_at,created_at,campaign,views_gained_24h,published_at")
            let tiktok = try #require(lines.first { $0.hasPrefix(ids[0]) })
            #expect(tiktok.contains(#","dance, crew","'=HYPERLINK(""http://evil"") ""quoted"", too",monitoring,direct_add,1200,34,,5,6,"#), "quoted, doubled quotes, formula guarded, unknown empty: \(tiktok)")
            let x = try #require(lines.first { $0.hasPrefix(ids[1]) })
            #expect(x.contains(",monitoring,direct_add,,,,,,,"), "no snapshot: empty counts and time: \(x)")
            expectError(try await client.call(.get, "/v1/campaigns/None/export", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test func patchMovesAVideoAndNullTakesItOut() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await track(client, app.key, ["https://www.tiktok.com/@a/video/10"], campaign: "A")
            let moved = try await client.call(.patch, "/v1/videos/\(ids[0])", key: app.key, json: #"{"campaign":"B"}"#)
            #expect(moved.status == .ok && moved.dataObject["campaign"] as? String == "B")
            let notes = try await client.call(.patch, "/v1/videos/\(ids[0])", key: app.key, json: #"{"notes":"n"}"#)
            #expect(notes.dataObject["campaign"] as? String == "B", "a patch without campaign leaves it")
            let out = try await client.call(.patch, "/v1/videos/\(ids[0])", key: app.key, json: #"{"campaign":null}"#)
            #expect(out.status == .ok && out.dataObject["campaign"] is NSNull)
            #expect(try await client.call(.get, "/v1/campaigns", key: app.key).dataArray.isEmpty, "a campaign without videos is gone")
            expectError(try await client.call(.get, "/v1/campaigns/A", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test(arguments: [
        (#"{"url":"https://www.tiktok.com/@a/video/1","campaign":""}"#, "empty"),
        (#"{"url":"https://www.tiktok.com/@a/video/1","campaign":"   "}"#, "blank"),
        (#"{"url":"https://www.tiktok.com/@a/video/1","campaign":"a\tb"}"#, "control character"),
        (#"{"url":"https://www.tiktok.com/@a/video/1","campaign":5}"#, "not a string"),
        (#"{"url":"https://www.tiktok.com/@a/video/1","campaign":"\#(String(repeating: "x", count: 101))"}"#, "too long"),
    ])
    func badCampaignNamesAreRefusedBeforeTracking(body: String, why: String) async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            expectError(try await client.call(.post, "/v1/videos/track", key: app.key, json: body), .badRequest, "VALIDATION_ERROR", field: "campaign")
            #expect(try await client.call(.get, "/v1/videos", key: app.key).dataArray.isEmpty, "nothing tracked (\(why))")
            let ids = try await track(client, app.key, ["https://www.tiktok.com/@a/video/2"], campaign: "ok")
            let patched = try await client.call(.patch, "/v1/videos/\(ids[0])", key: app.key, json: body.replacingOccurrences(of: #""url":"https://www.tiktok.com/@a/video/1","#, with: ""))
            expectError(patched, .badRequest, "VALIDATION_ERROR", field: "campaign")
        }
    }

    @Test func theReportSumsTheNewestCountsPerPlatformAndRanksTheVideos() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await track(client, app.key, [
                "https://www.tiktok.com/@a/video/21", "https://www.tiktok.com/@a/video/22", "https://x.com/a/status/23",
                "https://www.tiktok.com/@a/video/24",
            ], campaign: "Summer")
            try await record(app, ids[0], Counts(views: 1_000, likes: 100, comments: 10, shares: 5, saves: 5), author: "dancer")
            try await record(app, ids[1], Counts(views: 5_000, likes: 400, comments: 40, shares: 20, saves: 40), author: "dancer")
            try await record(app, ids[2], Counts(views: 2_000, likes: 50, comments: 5, shares: 10, saves: nil), author: "brand")
            _ = try await client.call(.post, "/v1/videos/\(ids[3])/stop", key: app.key)
            let account = try #require(try await app.store.account(named: "acme"))
            let video = VideoURL(platform: .tiktok, externalID: "25", canonicalURL: "https://www.tiktok.com/@a/video/25")
            var pending = NewTracking(accountID: account.id, video: video, submittedURL: video.canonicalURL, duration: .default, cadence: .daily, notes: nil)
            pending.reviewStatus = .pendingReview
            pending.campaign = "Summer"
            _ = try await app.store.track([pending], at: Date())

            let response = try await client.call(.get, "/v1/campaigns/Summer", key: app.key)
            #expect(response.status == .ok, "\(response.json)")
            let report = response.dataObject
            #expect(report["name"] as? String == "Summer")
            #expect(report["videos"] as? Int == 5 && report["pending_review"] as? Int == 1)
            let totals = report["totals"] as? [String: Any] ?? [:]
            #expect(totals["videos"] as? Int == 4 && totals["videos_with_snapshots"] as? Int == 3)
            #expect(totals["views"] as? Int == 8_000 && totals["likes"] as? Int == 550 && totals["comments"] as? Int == 55)
            #expect(totals["shares"] as? Int == 35 && totals["saves"] as? Int == 45)
            #expect(abs((totals["engagement_rate"] as? Double ?? 0) - 685.0 / 8_000) < 1e-9)
            let platforms = report["platforms"] as? [[String: Any]] ?? []
            #expect(platforms.map { $0["platform"] as? String } == ["tiktok", "x"])
            let x = platforms.last?["totals"] as? [String: Any] ?? [:]
            #expect(x["views"] as? Int == 2_000 && x["saves"] is NSNull, "X reports no saves: null, not zero")
            let authors = report["authors"] as? [[String: Any]] ?? []
            #expect(authors.map { "\($0["platform"] as? String ?? "?")/\($0["author"] as? String ?? "null")" } == ["tiktok/dancer", "x/brand", "tiktok/null"], "most views first, unknown last: \(authors)")
            let dancer = authors.first?["totals"] as? [String: Any] ?? [:]
            #expect(dancer["videos"] as? Int == 2 && dancer["views"] as? Int == 6_000 && dancer["likes"] as? Int == 500)
            #expect((authors.last?["totals"] as? [String: Any])?["videos_with_snapshots"] as? Int == 0, "the stopped video without a snapshot")
            let statuses = report["statuses"] as? [String: Any] ?? [:]
            #expect(statuses["monitoring"] as? Int == 3 && statuses["stopped"] as? Int == 1 && statuses["paused"] as? Int == 0)
            let top = report["top_videos"] as? [[String: Any]] ?? []
            #expect(top.map { $0["id"] as? String } == [ids[1], ids[2], ids[0], ids[3]], "most views first, no snapshot last, pending left out")
            #expect(report["last_snapshot_at"] is String)

            let encoded = try await client.call(.get, "/v1/campaigns/Summer%20", key: app.key)
            #expect(encoded.status == .ok, "a name in the path is trimmed as when tracking")
            expectError(try await client.call(.get, "/v1/campaigns/Winter", key: app.key), .notFound, "NOT_FOUND")
            expectError(try await client.call(.get, "/v1/campaigns/%20", key: app.key), .badRequest, "VALIDATION_ERROR", field: "campaign")
        }
    }

    /// The campaign's day gain: each counted video's `views_gained_24h`, summed over those with a
    /// day of history; each top video shows its own.
    @Test func theReportSumsTheViewsGainedInTheLastDay() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await track(client, app.key, [
                "https://www.tiktok.com/@a/video/31", "https://www.tiktok.com/@a/video/32", "https://www.tiktok.com/@a/video/33",
            ], campaign: "Growth")
            for (index, (first, second)) in [(Int64(100), Int64(400)), (1_000, 1_100)].enumerated() {
                try await record(app, ids[index], Counts(views: first, likes: nil))
                try await record(app, ids[index], Counts(views: second, likes: nil), after: 25 * 3_600)
            }
            try await record(app, ids[2], Counts(views: 9_000, likes: nil))
            let report = try await client.call(.get, "/v1/campaigns/Growth", key: app.key).dataObject
            let totals = report["totals"] as? [String: Any] ?? [:]
            #expect(totals["views_gained_24h"] as? Int == 400, "+300 and +100; the video with one snapshot has no day gain")
            let platforms = report["platforms"] as? [[String: Any]] ?? []
            #expect((platforms.first?["totals"] as? [String: Any])?["views_gained_24h"] as? Int == 400, "per platform too")
            let history = try await client.call(.get, "/v1/campaigns/Growth/history", key: app.key).dataArray
            #expect(!history.isEmpty && history.allSatisfy { $0["views_gained_24h"] is NSNull }, "a history point is a sum at one time: no day gain")
            let top = report["top_videos"] as? [[String: Any]] ?? []
            #expect(top.map { $0["id"] as? String } == [ids[2], ids[1], ids[0]])
            #expect(top.map { $0["views_gained_24h"] as? Int } == [nil, 100, 300])
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(app.key)"
            let lines = try await client.execute(uri: "/v1/campaigns/Growth/export", method: .get, headers: headers) { String(buffer: $0.body).components(separatedBy: "\r\n") }
            #expect(lines.first { $0.hasPrefix(ids[0]) }?.hasSuffix(",Growth,300,") == true && lines.first { $0.hasPrefix(ids[2]) }?.hasSuffix(",Growth,,") == true,
                    "the day's gain, then no publication time: \(lines)")
            let none = try await track(client, app.key, ["https://www.tiktok.com/@a/video/34"], campaign: "Quiet")
            try await record(app, none[0], Counts(views: 5, likes: nil))
            #expect((try await client.call(.get, "/v1/campaigns/Quiet", key: app.key).dataObject["totals"] as? [String: Any])?["views_gained_24h"] is NSNull)
        }
    }
}
