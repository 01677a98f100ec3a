import Foundation
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// `trendline stats`: the account's videos with the newest counts each may see, and one video's
/// snapshots by id or by URL.
struct StatsReportTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func listsVideosWithTheirNewestCountsAndOneVideosHistory() async throws {
        let store = try makeTestStore()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let other = try await store.createAccount(name: "other", at: Self.t0)
        let tiktok = VideoURL(platform: .tiktok, externalID: "7430511437199543584", canonicalURL: "https://www.tiktok.com/@a/video/7430511437199543584")
        let youtube = VideoURL(platform: .youtube, externalID: "dQw4w9WgXcQ", canonicalURL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        let requests = [tiktok, youtube].map {
            var request = NewTracking.hourly($0, for: account.id)
            request.campaign = $0.platform == .tiktok ? "Launch" : nil
            return request
        }
        let tracked = try await store.track(requests, at: Self.t0).compactMap(\.trackedVideo)
        for hour in 1...5 {
            let at = Self.t0.addingTimeInterval(Double(hour) * 3600)
            try await store.recordSnapshot(
                Snapshot(videoID: tracked[0].video.id, takenAt: at, counts: Counts(views: Int64(hour * 100), likes: Int64(hour), saves: nil), provider: "tiktok-web"),
                metadata: .init(), at: at)
        }
        let report = StatsReport(repository: store)
        let now = Self.t0.addingTimeInterval(6 * 3600)

        let videos = try await report.videos(accountID: account.id, at: now)
        #expect(videos.first == StatsReport.videoHeader.joined(separator: "\t"))
        let rows = videos.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 2)
        let tiktokRow = try #require(rows.first { $0[1] == "tiktok" })
        #expect(tiktokRow[0] == tracked[0].tracking.id.uuidString.lowercased())
        #expect(tiktokRow[2] == "monitoring" && tiktokRow[3] == "500" && tiktokRow[4] == "5" && tiktokRow[7] == "-", "the newest counts; unreported is -")
        #expect(tiktokRow[8] == "0.0100", "5 likes / 500 views")
        #expect(tiktokRow[9] == "-", "no snapshot a day older yet")
        #expect(tiktokRow[10] == TimestampText.string(Self.t0.addingTimeInterval(5 * 3600)))
        let youtubeRow = try #require(rows.first { $0[1] == "youtube" })
        #expect(youtubeRow[3] == "-" && youtubeRow[8] == "-" && youtubeRow[9] == "-" && youtubeRow[10] == "-", "no snapshot yet")
        #expect(try await report.videos(accountID: account.id, filter: TrackingFilter(platform: .youtube), at: now).count == 2, "header and the one YouTube video")
        #expect(try await report.videos(accountID: other.id, at: now).count == 1, "another account's videos are not shown")
        _ = try await store.updateTracking(id: tracked[1].tracking.id, accountID: account.id, change: TrackingChange(status: .stopped), at: now)
        let stopped = try await report.videos(accountID: account.id, filter: TrackingFilter(status: .stopped), at: now)
        #expect(stopped.count == 2 && stopped.last?.hasPrefix(tracked[1].tracking.id.uuidString.lowercased()) == true, "only the stopped one: \(stopped)")
        let launch = try await report.videos(accountID: account.id, filter: TrackingFilter(campaign: "Launch"), at: now)
        #expect(launch.count == 2 && launch.last?.hasPrefix(tracked[0].tracking.id.uuidString.lowercased()) == true, "only the campaign's video: \(launch)")
        #expect(try await report.campaigns(accountID: account.id) == ["campaign\tvideos\tlast_added_at", "Launch\t1\t\(TimestampText.string(Self.t0))"])
        let totals = try await report.campaign("Launch", accountID: account.id, at: now)
        #expect(totals.first == StatsReport.campaignTotalsHeader.joined(separator: "\t"))
        #expect(totals.dropFirst().first == "all\t1\t1\t500\t5\t-\t-\t-\t0.0100\t-", "summed, unreported as -, no day of history: \(totals)")
        #expect(totals.contains("tiktok\t1\t1\t500\t5\t-\t-\t-\t0.0100\t-") && totals.contains("tiktok/-\t1\t1\t500\t5\t-\t-\t-\t0.0100\t-"), "\(totals)")
        await #expect(throws: StatsReportError.noCampaign("Other")) { try await report.campaign("Other", accountID: account.id, at: now) }

        let byID = try await report.history(of: tracked[0].tracking.id.uuidString, accountID: account.id, limit: 3, at: now)
        #expect(byID.first == StatsReport.snapshotHeader.joined(separator: "\t"))
        #expect(byID.dropFirst().map { $0.split(separator: "\t")[1] } == ["300", "400", "500"], "the newest 3, oldest first")
        let byURL = try await report.history(of: "https://www.tiktok.com/@a/video/7430511437199543584?is_from_webapp=1", accountID: account.id, limit: 100, at: now)
        #expect(byURL.count == 6 && byURL.last?.hasSuffix("\ttiktok-web") == true)

        await #expect(throws: StatsReportError.notTracked(tracked[0].tracking.id.uuidString)) {
            try await report.history(of: tracked[0].tracking.id.uuidString, accountID: other.id, limit: 10, at: now)
        }
        await #expect(throws: StatsReportError.notAReference("last week's video")) {
            try await report.history(of: "last week's video", accountID: account.id, limit: 10, at: now)
        }
    }

    /// `trendline creators`: the followed creators with their last followers and who answered.
    @Test func listsFollowedCreatorsWithTheirLastCheck() async throws {
        let store = try makeTestStore()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let service = CreatorService(repository: store, clock: WallClock { Self.t0 })
        guard case .created(let checked) = try await service.follow(
            CreatorHandle(platform: .tiktok, username: "maker"), accountID: account.id, mode: .selective, interval: nil, notes: nil, plan: .unlimited)
        else { Issue.record("not followed"); return }
        let later = Self.t0.addingTimeInterval(60)
        guard case .created(let fresh) = try await CreatorService(repository: store, clock: WallClock { later }).follow(
            CreatorHandle(platform: .youtube, username: "@chan"), accountID: account.id, mode: .auto, interval: nil, notes: nil, plan: .unlimited)
        else { Issue.record("not followed"); return }
        try await store.recordCreatorCheck(
            creatorID: checked.id, profile: CreatorProfile(handle: checked.handle, followers: 1_200), sources: CreatorSources(profile: "tiktok-web", videos: "yt-dlp"),
            seen: [], discovered: 0, nextCheckAt: Self.t0.addingTimeInterval(6 * 3600), at: Self.t0)
        try await store.recordCreatorFailure(creatorID: fresh.id, error: "HTTP 503\tthen\nrefused", nextCheckAt: later.addingTimeInterval(1800))

        let lines = try await StatsReport(repository: store).creators(accountID: account.id)
        #expect(lines.first == StatsReport.creatorHeader.joined(separator: "\t"))
        let rows = lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map(\.count) == [10, 10], "one line per creator, the error kept on its line: \(lines)")
        #expect(rows.map { $0[2] } == ["@chan", "maker"], "newest first")
        #expect(rows[0][4] == "-" && rows[0][6] == "-" && rows[0][8] == "-" && rows[0][9] == "HTTP 503 then refused", "never checked: \(rows[0])")
        #expect(try await StatsReport(repository: store).videos(accountID: account.id, filter: TrackingFilter(creatorID: checked.id), at: Self.t0).count == 1,
                "only the header: the creator has discovered nothing yet")
        let requests = ["7400000000000000001", "7400000000000000002"].map { id in
            let video = VideoURL(platform: .tiktok, externalID: id, canonicalURL: "https://www.tiktok.com/@maker/video/\(id)")
            var request = NewTracking.hourly(video, for: account.id)
            request.creatorID = id.hasSuffix("1") ? checked.id : nil
            return request
        }
        _ = try await store.track(requests, at: Self.t0)
        let makers = try await StatsReport(repository: store).videos(accountID: account.id, filter: TrackingFilter(creatorID: checked.id), at: Self.t0)
        #expect(makers.count == 2 && makers[1].hasSuffix("\thttps://www.tiktok.com/@maker/video/7400000000000000001"), "only what the creator's discovery added: \(makers)")
        #expect(rows[1] == [
            UUIDText.lowercase(checked.id), "tiktok", "maker", "selective", "1200", "0", TimestampText.string(Self.t0),
            TimestampText.string(Self.t0.addingTimeInterval(6 * 3600)), "tiktok-web", "-",
        ])
        let other = try await store.createAccount(name: "other", at: Self.t0)
        #expect(try await StatsReport(repository: store).creators(accountID: other.id).count == 1, "only the header")
    }
}
