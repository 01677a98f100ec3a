import Foundation
import HTTPTypes
import Testing
import HummingbirdTesting
import TrendlineDomain
import TrendlineStore

/// Listing, reading, history and changing tracked videos.
struct VideoEndpointTests {

    @Test func listPaginatesAndFilters() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            for index in 0..<5 {
                let url = index < 3 ? "https://www.tiktok.com/@u/video/\(100 + index)" : "https://x.com/u/status/\(200 + index)"
                _ = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"\#(url)"}"#)
                try await Task.sleep(for: .milliseconds(3))
            }
            let first = try await client.call(.get, "/v1/videos?limit=2", key: app.key)
            #expect(first.status == .ok)
            #expect(first.dataArray.map { $0["external_video_id"] as? String } == ["204", "203"])
            #expect(first.meta["has_more"] as? Bool == true)
            let cursor = try #require(first.meta["next_cursor"] as? String)
            _ = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
            let second = try await client.call(.get, "/v1/videos?limit=2&cursor=\(cursor)", key: app.key)
            #expect(second.dataArray.map { $0["external_video_id"] as? String } == ["102", "101"])
            let third = try await client.call(.get, "/v1/videos?limit=2&cursor=\(try #require(second.meta["next_cursor"] as? String))", key: app.key)
            #expect(third.dataArray.map { $0["external_video_id"] as? String } == ["100"])
            #expect(third.meta["next_cursor"] is NSNull)

            let tiktok = try await client.call(.get, "/v1/videos?platform=tiktok&status=monitoring", key: app.key)
            #expect(tiktok.dataArray.count == 3)
            let twitter = try await client.call(.get, "/v1/videos?platform=twitter", key: app.key)
            #expect(twitter.dataArray.count == 2, "twitter is accepted as another name for x")
            #expect(try await client.call(.get, "/v1/videos?status=completed", key: app.key).dataArray.isEmpty)
            let gone = try #require(first.dataArray.first)
            let acme = try #require(try await app.store.account(named: "acme"))
            let goneID = try #require(UUID(uuidString: gone["id"] as? String ?? ""))
            let goneVideo = try #require(try await app.store.trackedVideo(id: goneID, accountID: acme.id)).video
            for _ in 0..<2 { try await app.store.reportUnavailable(videoID: goneVideo.id, reason: "deleted", recheckAt: Date(), at: Date()) }
            for status in ["unavailable", "error"] {
                let listed = try await client.call(.get, "/api/v1/videos?status=\(status)", key: app.key).dataArray
                #expect(listed.map { $0["id"] as? String } == [gone["id"] as? String], "ContentStats' 'error' is 'unavailable' here: \(status)")
                #expect(listed.first?["status"] as? String == "unavailable")
            }
            let defaults = try await client.call(.get, "/v1/videos", key: app.key)
            #expect(defaults.meta["limit"] as? Int == 50)
        }
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=101", "limit"), ("limit=abc", "limit"), ("platform=vimeo", "platform"),
        ("status=failed", "status"), ("cursor=%%%", "cursor"), ("cursor=bm9wZQ", "cursor"), ("sort=popular", "sort"),
    ])
    func listRejectsBadParameters(query: String, field: String) async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            expectError(try await client.call(.get, "/v1/videos?\(query)", key: app.key), .badRequest, "VALIDATION_ERROR", field: field)
        }
    }

    @Test func getShowsSnapshotsNewestLastWithNullsAndDaysRemaining() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://www.youtube.com/shorts/dQw4w9WgXcQ","duration_days":3}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: try await app.store.account(named: "acme")!.id))
            let base = item.tracking.window.start
            for (offset, counts) in [(1.0, Counts(views: 10, likes: 1, comments: nil, shares: 0, saves: nil)), (3601.0, Counts(views: 25, likes: 2, comments: 1, shares: 0, saves: nil))] {
                let at = base.addingTimeInterval(offset)
                try await app.store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: at, counts: counts, provider: "youtube-data-api"), metadata: VideoMetadata(title: "Never", author: "rick"), at: at)
            }
            let response = try await client.call(.get, "/v1/videos/\(id)", key: app.key)
            #expect(response.status == .ok)
            let data = response.dataObject
            #expect(data["id"] as? String == id)
            #expect(data["platform"] as? String == "youtube")
            #expect(data["canonical_url"] as? String == "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
            #expect(data["url"] as? String == "https://www.youtube.com/shorts/dQw4w9WgXcQ")
            #expect(data["title"] as? String == "Never")
            #expect(data["days_remaining"] as? Int == 3)
            #expect(data["views"] as? Int == 25)
            #expect(data["saves"] is NSNull, "not reported stays null")
            #expect(data["shares"] as? Int == 0, "a reported zero stays zero")
            #expect(data["engagement_rate"] as? Double == 3.0 / 25.0, "(2 likes + 1 comment + 0 shares) / 25 views: \(data["engagement_rate"] ?? "none")")
            let listed = try await client.call(.get, "/v1/videos", key: app.key).dataArray.first
            #expect(listed?["engagement_rate"] as? Double == 3.0 / 25.0, "the list carries it too")
            let snapshots = try #require(data["snapshots"] as? [[String: Any]])
            #expect(snapshots.map { $0["views"] as? Int } == [10, 25])
            #expect(snapshots[0]["comments"] is NSNull)
            #expect(snapshots[0]["provider"] as? String == "youtube-data-api")
            let taken = try #require(snapshots[0]["taken_at"] as? String)
            #expect(taken.hasSuffix("Z") && taken.contains("."), "ISO 8601 with milliseconds: \(taken)")
            #expect(data["last_snapshot_at"] as? String == snapshots[1]["taken_at"] as? String)
            #expect(data["has_more_snapshots"] as? Bool == false)
        }
    }

    @Test func snapshotHistoryPagesAndRanges() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let (id, base) = try await trackWithHourlyHistory(app, client, (0..<7).map { Counts(views: Int64($0)) }, provider: "t")
            let first = try await client.call(.get, "/v1/videos/\(id)/snapshots?limit=3", key: app.key)
            #expect(first.dataArray.map { $0["views"] as? Int } == [0, 1, 2])
            let cursor = try #require(first.meta["next_cursor"] as? String)
            let second = try await client.call(.get, "/v1/videos/\(id)/snapshots?limit=3&cursor=\(cursor)", key: app.key)
            #expect(second.dataArray.map { $0["views"] as? Int } == [3, 4, 5])
            let from = ISO8601DateFormatter().string(from: base.addingTimeInterval(2 * 3600))
            let to = ISO8601DateFormatter().string(from: base.addingTimeInterval(4 * 3600 + 2))
            let ranged = try await client.call(.get, "/v1/videos/\(id)/snapshots?from=\(from)&to=\(to)", key: app.key)
            #expect(ranged.dataArray.map { $0["views"] as? Int } == [2, 3, 4])
            // A range naming snapshots' own times, as the answers print them, holds exactly those
            // snapshots, whatever their milliseconds (.002 had been read as .001 and left out).
            let account = try #require(try await app.store.account(named: "acme"))
            let video = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: account.id)).video.id
            let exact = (0..<40).map { Date(millisecondsSince1970: base.addingTimeInterval(10 * 3600).millisecondsSince1970 + Int64($0) * 1_000 + 2 + Int64($0) * 7 % 1_000) }
            for (index, at) in exact.enumerated() {
                try await app.store.recordSnapshot(Snapshot(videoID: video, takenAt: at, counts: Counts(views: Int64(100 + index)), provider: "t"), metadata: .init(), at: at)
            }
            for at in exact {
                let text = TimestampText.string(at)
                let one = try await client.call(.get, "/v1/videos/\(id)/snapshots?from=\(text)&to=\(text)", key: app.key)
                #expect(one.dataArray.map { $0["taken_at"] as? String } == [text], "from = to = \(text)")
            }
            // A day is a whole UTC day at either end: from its start, to its end.
            let all = try await client.call(.get, "/v1/videos/\(id)/snapshots?limit=1000", key: app.key).dataArray.compactMap { $0["taken_at"] as? String }
            for day in Set(all.map { String($0.prefix(10)) }) {
                let ofDay = try await client.call(.get, "/v1/videos/\(id)/snapshots?from=\(day)&to=\(day)&limit=1000", key: app.key)
                #expect(ofDay.dataArray.compactMap { $0["taken_at"] as? String } == all.filter { $0.hasPrefix(day) }, "from = to = \(day)")
            }
            expectError(try await client.call(.get, "/v1/videos/\(id)/snapshots?from=2026-02-30", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/videos/\(id)/snapshots?from=yesterday", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/videos/\(id)/snapshots?to=2026-11-01T25:00:00Z", key: app.key), .badRequest, "VALIDATION_ERROR", field: "to")
            expectError(try await client.call(.get, "/v1/videos/\(id)/snapshots?from=\(to)&to=\(from)", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/videos/\(id)/snapshots?limit=1001", key: app.key), .badRequest, "VALIDATION_ERROR", field: "limit")
        }
    }

    /// `?url=` finds one tracked video by any of its URLs, in the list and its export.
    @Test func aVideoIsFoundByItsURL() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(
                .post, "/v1/videos/track", key: app.key,
                json: #"{"urls": ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.tiktok.com/@a/video/7430511437199543584"]}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            func list(_ url: String, _ extra: String = "") async throws -> JSONResponse {
                let encoded = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                return try await client.call(.get, "/v1/videos?url=\(encoded)\(extra)", key: app.key)
            }
            let found = try await list("https://youtu.be/dQw4w9WgXcQ?si=share")
            #expect(found.dataArray.map { $0["id"] as? String } == [id], "another form of the same URL: \(found.dataArray)")
            #expect(try await list("https://www.youtube.com/shorts/dQw4w9WgXcQ", "&platform=youtube").dataArray.count == 1)
            #expect(try await list("https://www.youtube.com/watch?v=9bZkp7q19f0").dataArray.isEmpty, "a video this account does not track")
            expectError(try await list("https://www.youtube.com/@someone"), .badRequest, "VALIDATION_ERROR", field: "url")
            expectError(try await list("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "&platform=tiktok"), .badRequest, "VALIDATION_ERROR", field: "platform")
            expectError(try await list("https://vm.tiktok.com/ZMabc123/"), .badRequest, "VALIDATION_ERROR", field: "url")
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(app.key)"
            let encoded = "https://youtu.be/dQw4w9WgXcQ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let lines = try await client.execute(uri: "/v1/videos/export?url=\(encoded)", method: .get, headers: headers) { response in
                String(buffer: response.body).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            }
            #expect(lines.count == 2 && lines[1].hasPrefix(id), "the export takes it too: \(lines)")
        }
    }

    /// The list under its filters as one CSV file, each video with its newest counts; the
    /// constant path is not read as a video id.
    @Test func theListExportsAsCSVUnderTheListsFilters() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let (id, _) = try await trackWithHourlyHistory(app, client, [Counts(views: 900, likes: 9)], provider: "t")
            _ = try await client.call(
                .post, "/v1/videos/track", key: app.key,
                json: #"{"urls": ["https://www.tiktok.com/@a/video/7430511437199543584", "https://x.com/a/status/1460323737035677698"], "campaign": "Spring, EU"}"#)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(app.key)"
            func get(_ query: String) async throws -> (HTTPResponse.Status, String?, [String]) {
                try await client.execute(uri: "/v1/videos/export\(query)", method: .get, headers: headers) { response in
                    (response.status, response.headers[.contentDisposition], String(buffer: response.body).components(separatedBy: "\r\n").filter { !$0.isEmpty })
                }
            }
            let (status, disposition, all) = try await get("")
            #expect(status == .ok && disposition == #"attachment; filename="videos.csv""#)
            let header = "id,platform,url,canonical_url,author,title,status,tracking_status,views,likes,comments,shares,saves,last_snapshot_at,created_at,campaign,views_gained_24h,published_at"
            #expect(all.first == header, "a campaign's export has the same columns")
            #expect(all.count == 4, "a header and the three videos: \(all)")
            let youtube = try #require(all.first { $0.hasPrefix(id) })
            #expect(youtube.contains(",monitoring,direct_add,900,9,,,,") && youtube.hasSuffix(",,"), "counts, and no campaign, gain or publication time: \(youtube)")
            let (_, named, campaign) = try await get("?campaign=Spring%2C+EU&platform=twitter")
            #expect(named == #"attachment; filename="videos-x-Spring--EU.csv""#)
            #expect(campaign.count == 2 && campaign[1].contains(",x,") && campaign[1].hasSuffix(#","Spring, EU",,"#), "the list's filters: \(campaign)")
            let (_, _, none) = try await get("?status=completed")
            #expect(none == [header], "only the header when nothing matches")
            expectError(try await client.call(.get, "/v1/videos/export?platform=vine", key: app.key), .badRequest, "VALIDATION_ERROR", field: "platform")
            expectError(try await client.call(.get, "/v1/videos/export", key: nil), .unauthorized, "UNAUTHORIZED")
        }
    }

    /// `sort=views` (or another counter): the most first, paged by a cursor that belongs to that
    /// order; the export follows it too.
    @Test func theListIsSortedByACounter() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let acme = try #require(try await app.store.account(named: "acme"))
            var ids: [Int64: String] = [:]
            for (index, views) in [Int64(500), 9_000, 40, 1_200].enumerated() {
                let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://x.com/a/status/\#(300 + index)"}"#)
                let id = try #require(tracked.results.first?["video_id"] as? String)
                let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: acme.id))
                let at = item.tracking.window.start.addingTimeInterval(60)
                try await app.store.recordSnapshot(
                    Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: views, likes: 1_000 - views / 10), provider: "t"), metadata: .init(), at: at)
                ids[views] = id
            }
            let first = try await client.call(.get, "/v1/videos?sort=views&limit=3", key: app.key)
            #expect(first.status == .ok)
            #expect(first.dataArray.map { $0["views"] as? Int } == [9_000, 1_200, 500])
            let cursor = try #require(first.meta["next_cursor"] as? String)
            let second = try await client.call(.get, "/v1/videos?sort=views&limit=3&cursor=\(cursor)", key: app.key)
            #expect(second.dataArray.map { $0["id"] as? String } == [ids[40]], "the next page goes on in the same order")
            #expect(second.meta["has_more"] as? Bool == false)
            expectError(try await client.call(.get, "/v1/videos?sort=likes&cursor=\(cursor)", key: app.key), .badRequest, "VALIDATION_ERROR", field: "cursor")
            expectError(try await client.call(.get, "/v1/videos?cursor=\(cursor)", key: app.key), .badRequest, "VALIDATION_ERROR", field: "cursor")
            let likes = try await client.call(.get, "/v1/videos?sort=LIKES", key: app.key)
            #expect(likes.dataArray.map { $0["id"] as? String } == [ids[40], ids[500], ids[1_200], ids[9_000]])
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(app.key)"
            let rows = try await client.execute(uri: "/v1/videos/export?sort=views", method: .get, headers: headers) { response in
                String(buffer: response.body).components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst().map { String($0.prefix(36)) }
            }
            #expect(rows == [ids[9_000], ids[1_200], ids[500], ids[40]].compactMap { $0 }, "the export in the same order")
        }
    }

    /// `views_gained_24h`: the newest views less those of the newest snapshot a day or more
    /// older, the same in the list and the detail; null until the history spans a day.
    @Test func viewsGainedInADayAreShownInTheListAndTheDetail() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            // Hourly from a second after the window starts: 30 readings, 1,000 then +10 an hour.
            let (id, _) = try await trackWithHourlyHistory(app, client, (0..<30).map { Counts(views: 1_000 + Int64($0) * 10, likes: nil) }, provider: "t")
            let young = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://x.com/a/status/777"}"#)
            let youngID = try #require(young.results.first?["video_id"] as? String)
            let detail = try await client.call(.get, "/v1/videos/\(id)", key: app.key)
            #expect(detail.dataObject["views"] as? Int == 1_290)
            #expect(detail.dataObject["views_gained_24h"] as? Int == 240, "1,290 at hour 29 less 1,050 at hour 5: \(detail.dataObject["views_gained_24h"] ?? "missing")")
            let listed = try await client.call(.get, "/v1/videos", key: app.key).dataArray
            #expect(listed.first { $0["id"] as? String == id }?["views_gained_24h"] as? Int == 240, "the list says the same")
            #expect(listed.first { $0["id"] as? String == youngID }?["views_gained_24h"] is NSNull, "null without a day of history")
            let again = try await client.call(.get, "/v1/videos/\(id)", key: app.key)
            #expect(again.dataObject["views_gained_24h"] as? Int == 240, "the remembered detail too")
        }
    }

    /// `GET /v1/videos/{id}/history`: the counts at each whole hour or day, as they stood then,
    /// and the views gained since the point before.
    @Test func aVideosHistoryIsItsCountsAtEachHourOrDay() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let readings = (0..<30).map { Counts(views: 1_000 + Int64($0) * 10, likes: 5) }
            let (id, start) = try await trackWithHourlyHistory(app, client, readings, provider: "t")
            let end = start.addingTimeInterval(30 * 3_600)
            let range = "from=\(TimestampText.string(start))&to=\(TimestampText.string(end))"
            let hourly = try await client.call(.get, "/v1/videos/\(id)/history?interval=hour&\(range)", key: app.key)
            let points = hourly.dataArray
            #expect(hourly.meta["interval"] as? String == "hour" && hourly.meta["count"] as? Int == points.count && points.count >= 30)
            // Reading k was taken at start + k hours + 1 s: each point shows the newest at or before it.
            for point in points {
                let at = try #require(TimestampText.parse(point["at"] as? String ?? ""))
                let newest = readings.indices.last { start.addingTimeInterval(Double($0) * 3_600 + 1) <= at }
                #expect(point["views"] as? Int == newest.map { 1_000 + $0 * 10 }, "\(point)")
            }
            #expect(points.last?["views"] as? Int == 1_290 && points.last?["likes"] as? Int == 5)
            #expect(points.first?["views_gained"] is NSNull, "nothing before the first point")
            #expect(points.dropFirst().compactMap { $0["views_gained"] as? Int }.allSatisfy { $0 == 10 || $0 == 0 }, "10 an hour")
            let daily = try await client.call(.get, "/v1/videos/\(id)/history?\(range)", key: app.key)
            #expect(daily.meta["interval"] as? String == "day" && daily.dataArray.last?["views"] as? Int == 1_290)
            // Days at the ends: from the first day's start to the last day's end.
            let (firstDay, lastDay) = (TimestampText.string(start).prefix(10), TimestampText.string(end).prefix(10))
            let byDays = try await client.call(.get, "/v1/videos/\(id)/history?from=\(firstDay)&to=\(lastDay)", key: app.key).dataArray
            #expect(byDays.first?["at"] as? String == "\(firstDay)T00:00:00.000Z" && byDays.last?["at"] as? String == "\(lastDay)T23:59:59.999Z", "\(byDays)")
            #expect(byDays.last?["views"] as? Int == 1_290)
            // The same grid as CSV for a spreadsheet.
            let csv = try await client.execute(uri: "/v1/videos/\(id)/export?interval=hour&\(range)", method: .get, headers: [.init("X-API-Key")!: app.key])
            let rows = String(buffer: csv.body).split(separator: "\r\n").map(String.init)
            #expect(csv.headers[.contentDisposition]?.contains("youtube-dQw4w9WgXcQ-hour.csv") == true)
            #expect(rows.first == "at,views,likes,comments,shares,saves,views_gained" && rows.count == points.count + 1)
            #expect(rows.last?.hasPrefix(TimestampText.string(end) + ",1290,5,,,,") == true, "\(rows.last ?? "")")
            expectError(try await client.call(.get, "/v1/videos/\(id)/export?interval=week", key: app.key), .badRequest, "VALIDATION_ERROR", field: "interval")
            expectError(try await client.call(.get, "/v1/videos/\(id)/history?interval=week", key: app.key), .badRequest, "VALIDATION_ERROR", field: "interval")
            // Times no four-digit year writes (year 0 as Foundation reads it falls in year -1) are
            // answered, not a crash of the whole server.
            let ancient = try await client.call(.get, "/v1/videos/\(id)/history?from=0000-01-01T00:00:00Z&to=0000-01-03T00:00:00Z", key: app.key)
            #expect(ancient.status == .ok && ancient.dataArray.allSatisfy { ($0["at"] as? String)?.hasPrefix("0000-01-0") == true }, "\(ancient.json)")
            #expect(try await client.call(.get, "/v1/videos?published_from=0000-01-01&added_to=9999-12-31", key: app.key).status == .ok)
            let backwards = "from=\(TimestampText.string(end))&to=\(TimestampText.string(start))"
            expectError(try await client.call(.get, "/v1/videos/\(id)/history?\(backwards)", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/videos/\(id)/history?interval=hour&from=2020-01-01T00:00:00Z", key: app.key), .badRequest, "VALIDATION_ERROR", field: "from")
            expectError(try await client.call(.get, "/v1/videos/\(UUID().uuidString)/history", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    /// The whole visible history as CSV, oldest first, unreported counters empty.
    @Test func exportIsTheHistoryAsCSV() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let history = (0..<3).map { hour in Counts(views: Int64(1_000 + hour), likes: 7, comments: hour == 1 ? nil : 2, shares: nil, saves: nil) }
            let (id, base) = try await trackWithHourlyHistory(app, client, history, provider: "youtube-data-api")
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(app.key)"
            func get(_ query: String) async throws -> (HTTPResponse.Status, String?, String?, [String]) {
                try await client.execute(uri: "/v1/videos/\(id)/export\(query)", method: .get, headers: headers) { response in
                    (response.status, response.headers[.contentType], response.headers[.contentDisposition], String(buffer: response.body).components(separatedBy: "\r\n"))
                }
            }
            let (status, type, disposition, lines) = try await get("")
            #expect(status == .ok && type == "text/csv; charset=utf-8")
            #expect(disposition == #"attachment; filename="youtube-dQw4w9WgXcQ.csv""#)
            #expect(lines.count == 5 && lines.last == "", "a header, three snapshots, CRLF endings: \(lines)")
            #expect(lines[0] == "taken_at,views,likes,comments,shares,saves,provider")
            #expect(lines[1] == "\(TimestampText.string(base.addingTimeInterval(1))),1000,7,2,,,youtube-data-api")
            #expect(lines[2].hasPrefix(TimestampText.string(base.addingTimeInterval(3601))) && lines[2].hasSuffix(",1001,7,,,,youtube-data-api"), "unreported is empty, not 0: \(lines)")
            let from = ISO8601DateFormatter().string(from: base.addingTimeInterval(3600))
            let (_, _, _, later) = try await get("?from=\(from)")
            #expect(later.count == 4 && later[1].contains(",1001,"), "from narrows it: \(later)")
            expectError(try await client.call(.get, "/v1/videos/\(id)/export?to=soon", key: app.key), .badRequest, "VALIDATION_ERROR", field: "to")
            expectError(try await client.call(.get, "/v1/videos/\(UUID().uuidString)/export", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test func stopPauseResumeAndTheirConflicts() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let paused = try await client.call(.post, "/v1/videos/\(id)/pause", key: app.key)
            #expect(paused.dataObject["status"] as? String == "paused")
            #expect(paused.dataObject["next_check_at"] is NSNull)
            #expect(try await client.call(.post, "/v1/videos/\(id)/pause", key: app.key).status == .ok, "pausing twice is harmless")
            let resumed = try await client.call(.post, "/v1/videos/\(id)/resume", key: app.key)
            #expect(resumed.dataObject["status"] as? String == "monitoring")
            #expect(resumed.dataObject["next_check_at"] is String)
            let stopped = try await client.call(.post, "/v1/videos/\(id)/stop", key: app.key)
            #expect(stopped.dataObject["status"] as? String == "stopped")
            #expect(stopped.dataObject["days_remaining"] as? Int == 0)
            #expect(stopped.dataObject["ended_at"] is String)
            expectError(try await client.call(.post, "/v1/videos/\(id)/resume", key: app.key), .conflict, "CONFLICT")
            expectError(try await client.call(.post, "/v1/videos/\(id)/pause", key: app.key), .conflict, "CONFLICT")
            let listed = try await client.call(.get, "/v1/videos?status=stopped", key: app.key)
            #expect(listed.dataArray.count == 1)
            expectError(try await client.call(.post, "/v1/videos/not-a-uuid/stop", key: app.key), .notFound, "NOT_FOUND")
            expectError(try await client.call(.post, "/v1/videos/\(UUID().uuidString)/stop", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    /// `GET /v1/videos?q=`: words in the title, author or notes; the export follows it.
    @Test func videosAreFoundByWordsOfTheirTitleAuthorOrNotes() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await trackTwo(app, client)
            _ = try await client.call(.patch, "/v1/videos/\(ids[1])", key: app.key, json: #"{"notes": "Spring Launch brief"}"#)
            let found = try await client.call(.get, "/v1/videos?q=spring+LAUNCH", key: app.key)
            #expect(found.dataArray.map { $0["id"] as? String } == [ids[1]], "\(found.json)")
            #expect(try await client.call(.get, "/v1/videos?q=spring%20summer", key: app.key).dataArray.isEmpty, "every word must be found")
            #expect(try await client.call(.get, "/v1/videos?q=", key: app.key).dataArray.count == 2, "a blank search narrows nothing")
            let exported = try await client.execute(uri: "/v1/videos/export?q=brief", method: .get, headers: [.init("X-API-Key")!: app.key])
            #expect(String(buffer: exported.body).split(separator: "\r\n").count == 2, "the header and the one video")
            let tooLong = String(repeating: "a", count: 201)
            expectError(try await client.call(.get, "/v1/videos?q=\(tooLong)", key: app.key), .badRequest, "VALIDATION_ERROR", field: "q")
        }
    }

    /// `PATCH /v1/videos`: one edit for many videos, one result per name, refusals per item.
    @Test func manyVideosAreEditedAtOnceWithOneResultEach() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let urls = ["https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=9bZkp7q19f0", "https://www.youtube.com/watch?v=kJQP7kiw5Fk"]
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"urls": ["\#(urls.joined(separator: #"", ""#))"], "duration_days": 7}"#)
            let ids = tracked.results.compactMap { $0["video_id"] as? String }
            #expect(ids.count == 3)
            _ = try await client.call(.post, "/v1/videos/\(ids[2])/stop", key: app.key)
            let unknown = UUID().uuidString
            let body = #"{"ids": ["\#(ids[0])", "\#(urls[1])", "\#(ids[2])", "nonsense", "\#(unknown)"], "duration_days": 14, "campaign": "Spring"}"#
            let answer = try await client.call(.patch, "/v1/videos", key: app.key, json: body)
            #expect(answer.status == .ok)
            let results = answer.dataArray
            #expect(results.map { $0["status"] as? String } == ["updated", "updated", "error", "error", "error"])
            #expect(results.map { $0["id"] as? String } == [ids[0], urls[1], ids[2], "nonsense", unknown], "named as given, in order")
            #expect(results.map { ($0["error"] as? [String: Any])?["code"] as? String } == [nil, nil, "CONFLICT", "NOT_FOUND", "NOT_FOUND"])
            for result in results.prefix(2) {
                let video = try #require(result["video"] as? [String: Any])
                #expect(video["duration_days"] as? Int == 14 && video["campaign"] as? String == "Spring" && video["days_remaining"] as? Int == 14)
            }
            #expect(results.dropFirst(2).allSatisfy { $0["video"] is NSNull })
            #expect(answer.meta["summary"] as? [String: Int] == ["total": 5, "updated": 2, "errors": 3])
            let stopped = try await client.call(.get, "/v1/videos/\(ids[2])", key: app.key)
            #expect(stopped.dataObject["campaign"] is NSNull && stopped.dataObject["duration_days"] as? Int == 7, "a refused edit writes nothing of it")

            let tooMany = Array(repeating: "\"\(ids[0])\"", count: 101).joined(separator: ",")
            for (json, field) in [
                (#"{"duration_days": 14}"#, "ids"), (#"{"ids": [], "notes": "x"}"#, "ids"), (#"{"ids": "x", "notes": "x"}"#, "ids"),
                (#"{"ids": ["\#(ids[0])"]}"#, "notes"), (#"{"ids": ["\#(ids[0])"], "duration_days": 0}"#, "duration_days"),
                (#"{"ids": [\#(tooMany)], "notes": "x"}"#, "ids"),
            ] {
                expectError(try await client.call(.patch, "/v1/videos", key: app.key, json: json), .badRequest, "VALIDATION_ERROR", field: field)
            }
        }
    }

    /// `POST /v1/videos/stop|pause|resume` with `{"ids": [...]}`: many videos at once.
    @Test func manyVideosArePausedStoppedAndResumedAtOnce() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await trackTwo(app, client)
            let paused = try await client.call(.post, "/v1/videos/pause", key: app.key, json: #"{"ids": ["\#(ids[0])", "\#(ids[1])"]}"#)
            #expect(paused.dataArray.map { $0["status"] as? String } == ["paused", "paused"])
            #expect(paused.dataArray.allSatisfy { ($0["video"] as? [String: Any])?["status"] as? String == "paused" })
            let stopped = try await client.call(.post, "/v1/videos/stop", key: app.key, json: #"{"ids": ["https://youtu.be/dQw4w9WgXcQ", "nonsense"]}"#)
            #expect(stopped.dataArray.map { $0["status"] as? String } == ["stopped", "error"])
            #expect((stopped.dataArray[1]["error"] as? [String: Any])?["code"] as? String == "NOT_FOUND")
            let resumed = try await client.call(.post, "/v1/videos/resume", key: app.key, json: #"{"ids": ["\#(ids[0])", "\#(ids[1])"]}"#)
            #expect(resumed.dataArray.map { $0["status"] as? String } == ["error", "resumed"])
            #expect((resumed.dataArray[0]["error"] as? [String: Any])?["code"] as? String == "CONFLICT", "a stopped video stays stopped")
            #expect(resumed.meta["summary"] as? [String: Int] == ["total": 2, "resumed": 1, "errors": 1])
            #expect(try await client.call(.get, "/v1/videos/\(ids[0])", key: app.key).dataObject["status"] as? String == "stopped")
            expectError(try await client.call(.post, "/v1/videos/stop", key: app.key, json: #"{}"#), .badRequest, "VALIDATION_ERROR", field: "ids")
        }
    }

    /// `published_from`/`published_to` and `added_from`/`added_to`: days or times, inclusive.
    @Test func videosAreListedByPublicationAndAdditionTimes() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await trackTwo(app, client)
            let account = try #require(try await app.store.account(named: "acme"))
            // 2026-11-01T12:00Z and 2026-11-03T00:00Z (the first instant of the 3rd).
            for (id, published) in zip(ids, [1_793_534_400.0, 1_793_664_000.0]) {
                let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: account.id))
                try await app.store.recordSnapshot(
                    Snapshot(videoID: item.video.id, takenAt: Date(), counts: Counts(views: 1), provider: "t"),
                    metadata: VideoMetadata(publishedAt: Date(timeIntervalSince1970: published)), at: Date())
            }
            func listed(_ query: String) async throws -> [String] {
                try await client.call(.get, "/v1/videos?\(query)", key: app.key).dataArray.compactMap { $0["id"] as? String }
            }
            #expect(try await listed("published_from=2026-11-01&published_to=2026-11-01") == [ids[0]], "a day is the whole day")
            #expect(try await listed("published_to=2026-11-02") == [ids[0]])
            #expect(try await listed("published_from=2026-11-03") == [ids[1]])
            #expect(try await listed("published_from=2026-11-01T12:00:00Z&published_to=2026-11-03T00:00:00Z").count == 2, "times are inclusive")
            #expect(try await listed("added_from=2020-01-01&added_to=2099-12-31").count == 2)
            #expect(try await listed("added_from=2099-01-01").isEmpty)
            let csv = try await client.execute(uri: "/v1/videos/export?published_from=2026-11-03", method: .get, headers: [.init("X-API-Key")!: app.key])
            #expect(csv.headers[.contentDisposition]?.contains("videos-posted-2026-11-03-to-end.csv") == true, "\(csv.headers)")
            #expect(String(buffer: csv.body).split(separator: "\r\n").count == 2, "the export takes them too: the header and one video")
            for (query, field) in [
                ("published_from=yesterday", "published_from"), ("published_to=2026-02-30", "published_to"), ("added_from=2026-13-01", "added_from"),
                ("published_from=2026-11-03&published_to=2026-11-01", "published_from"),
            ] {
                expectError(try await client.call(.get, "/v1/videos?\(query)", key: app.key), .badRequest, "VALIDATION_ERROR", field: field)
            }
        }
    }

    /// `POST /v1/videos/delete` with `{"ids": [...]}`: many videos and their history at once.
    @Test func manyVideosAreDeletedAtOnce() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let ids = try await trackTwo(app, client)
            let otherKey = try await app.otherKey(account: "brand")
            let shared = try await client.call(.post, "/v1/videos/track", key: otherKey, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#)
            let sharedID = try #require(shared.results.first?["video_id"] as? String)
            let answer = try await client.call(
                .post, "/v1/videos/delete", key: app.key, json: #"{"ids": ["https://youtu.be/dQw4w9WgXcQ", "\#(ids[1])", "\#(ids[1])", "nonsense"]}"#)
            #expect(answer.status == .ok, "\(answer.json)")
            #expect(answer.dataArray.map { $0["status"] as? String } == ["deleted", "deleted", "error", "error"])
            #expect(answer.dataArray.map { ($0["error"] as? [String: Any])?["code"] as? String } == [nil, nil, "NOT_FOUND", "NOT_FOUND"], "once deleted, not found")
            #expect(answer.dataArray.allSatisfy { $0["video"] is NSNull })
            #expect(answer.meta["summary"] as? [String: Int] == ["total": 4, "deleted": 2, "errors": 2])
            #expect(try await client.call(.get, "/v1/videos", key: app.key).dataArray.isEmpty, "both gone for this account")
            #expect(try await client.call(.get, "/v1/videos/\(sharedID)", key: otherKey).status == .ok, "another account's tracking of the same video stays")
            expectError(try await client.call(.post, "/v1/videos/delete", key: app.key, json: #"{"ids": []}"#), .badRequest, "VALIDATION_ERROR", field: "ids")
        }
    }

    @Test func notesAreEditedAndDeleteRemovesTheVideo() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let patched = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: ##"{"notes":"# Brief\n- sponsored"}"##)
            #expect(patched.dataObject["notes"] as? String == "# Brief\n- sponsored")
            let cleared = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"notes":null}"#)
            #expect(cleared.dataObject["notes"] is NSNull)
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{}"#), .badRequest, "VALIDATION_ERROR", field: "notes")
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"notes":5}"#), .badRequest, "VALIDATION_ERROR", field: "notes")

            let deleted = try await client.call(.delete, "/v1/videos/\(id)", key: app.key)
            #expect(deleted.status == .ok)
            #expect(deleted.dataObject["deleted"] as? Bool == true)
            expectError(try await client.call(.get, "/v1/videos/\(id)", key: app.key), .notFound, "NOT_FOUND")
            expectError(try await client.call(.delete, "/v1/videos/\(id)", key: app.key), .notFound, "NOT_FOUND")
            let again = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
            #expect(again.results.first?["status"] as? String == "tracked", "a deleted video can be tracked afresh")
        }
    }
}

extension VideoEndpointTests {
    /// Tracks two YouTube videos in one call; answers their ids, in the order sent.
    func trackTwo(_ app: TestApp, _ client: any TestClientProtocol) async throws -> [String] {
        let tracked = try await client.call(
            .post, "/v1/videos/track", key: app.key, json: #"{"urls": ["https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/9bZkp7q19f0"]}"#)
        let ids = tracked.results.compactMap { $0["video_id"] as? String }
        #expect(ids.count == 2)
        return ids
    }

    /// Tracks youtu.be/dQw4w9WgXcQ and stores `counts` one hour apart from a second after its
    /// window starts; answers the tracking's id and that start.
    func trackWithHourlyHistory(_ app: TestApp, _ client: any TestClientProtocol, _ counts: [Counts], provider: String) async throws -> (id: String, start: Date) {
        let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
        let id = try #require(tracked.results.first?["video_id"] as? String)
        let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: try await app.store.account(named: "acme")!.id))
        let start = item.tracking.window.start
        for (hour, reading) in counts.enumerated() {
            let at = start.addingTimeInterval(Double(hour) * 3600 + 1)
            try await app.store.recordSnapshot(Snapshot(videoID: item.video.id, takenAt: at, counts: reading, provider: provider), metadata: .init(), at: at)
        }
        return (id, start)
    }
}
