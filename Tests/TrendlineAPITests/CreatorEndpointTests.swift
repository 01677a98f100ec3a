import Foundation
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineSimulator

/// The creator endpoints end to end: API -> providers -> the platform simulator on loopback,
/// with one hand-moved clock for the simulator, the cache and discovery.
@Suite(.serialized)
struct CreatorEndpointTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)
    static let client = AsyncHTTPUpstreamClient(timeout: .seconds(30))

    /// A test app whose creator source is the simulator, and discovery on the same store.
    struct Rig {
        let app: TestApp
        let clock: ManualClock
        let simulator: PlatformSimulator
        let discovery: CreatorDiscovery
    }

    /// The fake yt-dlp (scripts/fake-yt-dlp), which asks the simulator.
    static let fakeYtDlp = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/fake-yt-dlp").path

    /// `chains`: the service's own provider chains (with the yt-dlp fallback) instead of one
    /// provider per platform.
    func withRig(youtubeKeys: [String] = ["k1"], chains: Bool = false, _ body: @escaping @Sendable (Rig) async throws -> Void) async throws {
        let clock = ManualClock(Self.start)
        let simulator = PlatformSimulator(epoch: Self.start, clock: { clock.now })
        try await simulator.withRunningServer { base in
            let endpoints = PlatformEndpoints.all(at: base)
            var settings = ProviderSettings(endpoints: endpoints, youtubeAPIKeys: youtubeKeys, xBearerToken: "token", ytdlpPath: Self.fakeYtDlp)
            settings.ytdlpEnvironment = ["TRENDLINE_SIMULATOR_URL": base]
            let source = chains
                ? ProviderCreatorSource(chains: CreatorProviderRegistry.chains(settings, client: Self.client, clock: clock.wallClock), clock: clock.wallClock)
                : ProviderCreatorSource(providers: [
                    .tiktok: TikTokCreatorProvider(client: Self.client, endpoints: endpoints, clock: clock.wallClock),
                    .youtube: YouTubeChannelProvider(client: Self.client, endpoints: endpoints, apiKeys: youtubeKeys),
                    .instagram: InstagramProfileProvider(client: Self.client, endpoints: endpoints, sessionCookie: nil),
                    .x: XUserProvider(client: Self.client, endpoints: endpoints, bearerToken: "token"),
                ], clock: clock.wallClock)
            var app = try await TestApp.make(clock: clock.wallClock)
            app.dependencies = APIDependencies(repository: app.store, clock: clock.wallClock, configuration: .init(statsCacheSeconds: 600), creatorSource: source)
            let tracking = TrackingService(repository: app.store, resolver: UnconfiguredShortLinkResolver(), clock: clock.wallClock)
            let discovery = CreatorDiscovery(repository: app.store, source: source, tracking: tracking, plans: PlanCatalog(), clock: clock.wallClock)
            try await body(Rig(app: app, clock: clock, simulator: simulator, discovery: discovery))
        }
    }

    // MARK: One-off endpoints

    @Test(arguments: [("tiktok", "tiktok.profile"), ("instagram", "instagram.web_profile_info"), ("youtube", "youtube.channels.list"), ("x", "x.users.by.username")])
    func profileFieldsPerPlatformAndTheCache(_ platform: String, _ endpoint: String) async throws {
        try await withRig { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let first = try await client.call(.post, "/v1/profile", key: key, json: #"{"username": "@Jane_Doe", "platform": "\#(platform)"}"#)
                #expect(first.status == .ok, "\(first.json)")
                let data = first.dataObject
                #expect(data["platform"] as? String == platform)
                #expect((data["username"] as? String)?.contains("jane_doe") == true)
                #expect(data["full_name"] as? String == "Jane Doe")
                #expect((data["bio"] as? String)?.hasPrefix("Simulated creator jane_doe") == true)
                #expect((data["followers"] as? Int ?? 0) > 1_000)
                #expect(data["is_verified"] is Bool)
                #expect(data["provider"] as? String != nil && data["fetched_at"] as? String != nil)
                for field in ["profile_pic_url", "following", "posts_count", "external_url"] { #expect(data.keys.contains(field), "\(field)") }
                #expect(first.meta["cached"] as? Bool == false)
                let second = try await client.call(.post, "/v1/profile", key: key, json: #"{"username": "jane_doe", "platform": "\#(platform)"}"#)
                #expect(second.meta["cached"] as? Bool == true)
                #expect(second.dataObject["followers"] as? Int == data["followers"] as? Int)
                #expect(rig.simulator.state.requests(endpoint) == 1, "the second ask is served from the cache")
                rig.clock.advance(601)
                let third = try await client.call(.post, "/v1/profile", key: key, json: #"{"username": "jane_doe", "platform": "\#(platform)"}"#)
                #expect(third.meta["cached"] as? Bool == false, "the cache expires")
                #expect(rig.simulator.state.requests(endpoint) == 2)
            }
        }
    }

    @Test(arguments: ["tiktok", "instagram", "youtube", "x"])
    func channelVideosAndMedianViews(_ platform: String) async throws {
        try await withRig { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let listed = try await client.call(.post, "/v1/channel/videos", key: key, json: #"{"username": "vlogger", "platform": "\#(platform)", "count": 8}"#)
                #expect(listed.status == .ok, "\(listed.json)")
                let videos = (listed.dataObject["videos"] as? [[String: Any]]) ?? []
                #expect(videos.count == 8 && listed.dataObject["count"] as? Int == 8)
                let dates = videos.compactMap { $0["created_at"] as? String }
                #expect(dates.count == 8 && dates == dates.sorted(by: >), "newest first")
                for video in videos {
                    let id = try #require(video["id"] as? String)
                    #expect(video["views"] as? Int64 == rig.simulator.counts(for: id).views || video["views"] as? Int == Int(rig.simulator.counts(for: id).views!))
                    let url = try #require(video["url"] as? String)
                    guard case .success(.video(let parsed)) = VideoURLParser.parse(url) else { Issue.record("\(url) is not trackable"); continue }
                    #expect(parsed.externalID == id)
                }
                let median = try await client.call(.post, "/v1/median-views", key: key, json: #"{"url": "\#(CreatorHandle(platform: Platform(rawValue: platform)!, username: platform == "youtube" ? "@vlogger" : "vlogger").profileURL)", "count": 8}"#)
                #expect(median.status == .ok, "\(median.json)")
                let raw = (median.dataObject["raw_view_counts"] as? [Int]) ?? []
                #expect(raw.count == 8 && median.dataObject["videos_analyzed"] as? Int == 8)
                #expect(median.dataObject["median_views"] as? Int == MedianViews.median(raw.map(Int64.init)).map(Int.init))
                #expect(median.meta["cached"] as? Bool == true, "the same listing, from the cache")
            }
        }
    }

    @Test(arguments: [
        ("janemail", true, "janemail@example.com", 1),
        ("janecontact", true, "janecontact@example.com", 1),
        ("janetwoemails", true, "janetwoemails@example.com", 2),
        ("plainjane", false, nil, 0),
    ] as [(String, Bool, String?, Int)])
    func emailFromTheBio(_ username: String, _ found: Bool, _ email: String?, _ count: Int) async throws {
        try await withRig { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let answer = try await client.call(.post, "/v1/email", key: key, json: #"{"username": "\#(username)", "platform": "instagram"}"#)
                #expect(answer.status == .ok)
                #expect(answer.dataObject["found"] as? Bool == found)
                #expect(answer.dataObject["email"] as? String == email)
                #expect((answer.dataObject["emails"] as? [String])?.count == count)
                #expect(answer.dataObject["source"] as? String == (found ? "bio" : nil))
            }
        }
    }

    @Test func lookupErrorsAreClear() async throws {
        try await withRig(youtubeKeys: []) { rig in
            let key = rig.app.key
            rig.simulator.state.set(.privateVideo, forIDsContaining: "hiddenuser")
            try await rig.app.test { client in
                expectError(try await client.call(.post, "/v1/profile", key: key, json: #"{"username": "hiddenuser", "platform": "tiktok"}"#), .notFound, "CREATOR_NOT_FOUND")
                expectError(try await client.call(.post, "/v1/profile", key: key, json: #"{"username": "page", "platform": "facebook"}"#), .unprocessableContent, "UNSUPPORTED_PLATFORM", field: "platform")
                expectError(try await client.call(.post, "/v1/profile", key: key, json: #"{"username": "x"}"#), .badRequest, "VALIDATION_ERROR", field: "platform")
                expectError(try await client.call(.post, "/v1/profile", key: key, json: #"{}"#), .badRequest, "VALIDATION_ERROR", field: "url")
                expectError(try await client.call(.post, "/v1/profile", key: key, json: #"{"url": "https://www.tiktok.com/@a/video/123"}"#), .unprocessableContent, "NOT_A_PROFILE_URL", field: "url")
                expectError(try await client.call(.post, "/v1/profile", key: key, json: #"{"username": "someone", "platform": "youtube"}"#), .serviceUnavailable, "PROVIDER_UNAVAILABLE")
                expectError(try await client.call(.post, "/v1/channel/videos", key: key, json: #"{"username": "a", "platform": "tiktok", "count": 0}"#), .badRequest, "VALIDATION_ERROR", field: "count")
                expectError(try await client.call(.post, "/v1/profile", key: nil, json: #"{"username": "a", "platform": "tiktok"}"#), .unauthorized, "UNAUTHORIZED")
            }
        }
    }

    // MARK: Followed creators and discovery

    /// The ids of the account's listed videos.
    func listedIDs(_ client: any TestClientProtocol, _ key: String, query: String = "") async throws -> [String] {
        try await client.call(.get, "/v1/videos?limit=100\(query)", key: key).dataArray.compactMap { $0["id"] as? String }
    }

    @Test func autoModeTracksEachNewUploadOnceAndTheFollowerHistoryGrows() async throws {
        try await withRig { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let followed = try await client.call(.post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@autocreator", "notes": "campaign A"}"#)
                #expect(followed.status == .created, "\(followed.json)")
                #expect(followed.dataObject["mode"] as? String == "auto" && followed.dataObject["discovery_interval_hours"] as? Double == 6)
                #expect(followed.dataObject["profile_provider"] is NSNull && followed.dataObject["videos_provider"] is NSNull, "not checked yet")
                let id = try #require(followed.dataObject["id"] as? String)
                let again = try await client.call(.post, "/v1/creators", key: key, json: #"{"username": "AutoCreator", "platform": "tiktok"}"#)
                #expect(again.status == .ok && again.dataObject["id"] as? String == id && again.meta["already_following"] as? Bool == true)

                #expect(try await rig.discovery.runOnce() == 1)
                #expect(try await listedIDs(client, key).isEmpty, "the first check records what exists without adding it")
                #expect(try await rig.discovery.runOnce() == 0, "not due again yet")

                rig.clock.advance(13 * 3600)   // two uploads (every 6 h)
                #expect(try await rig.discovery.runOnce() == 1)
                let afterTwo = try await client.call(.get, "/v1/videos?limit=100", key: key).dataArray
                #expect(afterTwo.count == 2)
                #expect(afterTwo.allSatisfy { $0["tracking_status"] as? String == "auto_tracked" && $0["creator_id"] as? String == id && $0["status"] as? String == "monitoring" })

                rig.clock.advance(6 * 3600)   // one more upload
                #expect(try await rig.discovery.runOnce() == 1)
                #expect(try await listedIDs(client, key).count == 3, "only the new upload is added; nothing twice")
                _ = try await client.call(.post, "/v1/videos/track", key: key, json: #"{"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}"#)
                #expect(try await listedIDs(client, key, query: "&creator_id=\(id)").count == 3, "the creator's videos, not the one added by URL")
                #expect(try await listedIDs(client, key, query: "&creator_id=\(UUID().uuidString)").isEmpty)
                let badCreator = try await client.call(.get, "/v1/videos?creator_id=maker", key: key)
                #expect(badCreator.status == .badRequest && badCreator.errorField == "creator_id")

                let detail = try await client.call(.get, "/v1/creators/\(id)", key: key)
                #expect(detail.status == .ok)
                let creator = detail.dataObject["creator"] as? [String: Any] ?? [:]
                #expect(creator["videos_discovered"] as? Int == 3 && creator["notes"] as? String == "campaign A")
                let history = (detail.dataObject["follower_history"] as? [[String: Any]] ?? []).compactMap { $0["followers"] as? Int }
                #expect(history.count == 3 && history == history.sorted() && history.first! < history.last!, "follower history grows: \(history)")
                let page = try await client.call(.get, "/v1/creators/\(id)/history?limit=2", key: key)
                #expect(page.dataArray.count == 2)

                // Its videos' newest counts summed: two of the three have a snapshot; the video
                // tracked by URL is not the creator's.
                let noCounts = detail.dataObject["video_totals"] as? [String: Any] ?? [:]
                #expect(noCounts["videos"] as? Int == 3 && noCounts["videos_with_snapshots"] as? Int == 0 && noCounts["views"] is NSNull, "\(noCounts)")
                let account = try #require(try await rig.app.store.account(named: "acme"))
                let now = rig.clock.now
                let creatorsVideos = try await listedIDs(client, key, query: "&creator_id=\(id)")
                let byURL = try #require(try await listedIDs(client, key).first { !creatorsVideos.contains($0) })
                for (trackingID, views) in [(creatorsVideos[0], 1_000), (creatorsVideos[1], 2_000), (byURL, 99_999)] as [(String, Int64)] {
                    let item = try #require(try await rig.app.store.trackedVideo(id: UUID(uuidString: trackingID)!, accountID: account.id))
                    try await rig.app.store.recordSnapshot(
                        Snapshot(videoID: item.video.id, takenAt: now, counts: Counts(views: views, likes: 100), provider: "t"), metadata: .init(), at: now)
                }
                let totals = try await client.call(.get, "/v1/creators/\(id)", key: key).dataObject["video_totals"] as? [String: Any] ?? [:]
                #expect(totals["videos"] as? Int == 3 && totals["videos_with_snapshots"] as? Int == 2, "\(totals)")
                #expect(totals["views"] as? Int == 3_000 && totals["likes"] as? Int == 200, "the creator's videos only: \(totals)")
                #expect(totals["views_gained_24h"] is NSNull, "no day of history yet")
                #expect(abs((totals["engagement_rate"] as? Double ?? 0) - 200.0 / 3_000.0) < 1e-9)
            }
        }
    }

    /// TikTok's web API refuses the creator's profile and post list (an empty 200, its answer to
    /// a client it refuses) after the first check: discovery goes on through yt-dlp, adds the new
    /// uploads once, keeps the profile the web page gave, and adds no empty follower point.
    @Test func discoveryGoesOnThroughYtDlpWhenTikTokRefusesTheWebAPI() async throws {
        try await withRig(chains: true) { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let followed = try await client.call(.post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@fallbackcreator"}"#)
                #expect(followed.status == .created, "\(followed.json)")
                let id = try #require(followed.dataObject["id"] as? String)
                #expect(try await rig.discovery.runOnce() == 1)
                #expect(rig.simulator.state.requests("ytdlp") == 0, "the web API answered")
                let first = try await client.call(.get, "/v1/creators/\(id)", key: key).dataObject["creator"] as? [String: Any] ?? [:]
                #expect(first["profile_provider"] as? String == "tiktok-web" && first["videos_provider"] as? String == "tiktok-web", "\(first)")

                rig.simulator.state.set(.empty, forIDsContaining: "fallbackcreator")
                rig.clock.advance(13 * 3600)   // two uploads
                #expect(try await rig.discovery.runOnce() == 1)
                #expect(rig.simulator.state.requests("ytdlp") == 2, "profile and list through yt-dlp")
                let listed = try await client.call(.get, "/v1/videos?limit=100", key: key).dataArray
                #expect(listed.count == 2)
                #expect(listed.allSatisfy { $0["creator_id"] as? String == id && $0["tracking_status"] as? String == "auto_tracked" })
                rig.clock.advance(6 * 3600)
                #expect(try await rig.discovery.runOnce() == 1)
                #expect(try await listedIDs(client, key).count == 3, "only the new upload is added")

                let detail = try await client.call(.get, "/v1/creators/\(id)", key: key)
                let creator = detail.dataObject["creator"] as? [String: Any] ?? [:]
                #expect(creator["last_error"] == nil || creator["last_error"] is NSNull, "\(creator)")
                #expect(creator["profile_provider"] as? String == "yt-dlp" && creator["videos_provider"] as? String == "yt-dlp", "says who answered: \(creator)")
                #expect((creator["bio"] as? String)?.hasPrefix("Simulated creator fallbackcreator") == true, "the web page's bio is kept: \(creator)")
                #expect((creator["profile_pic_url"] as? String)?.contains("fallbackcreator") == true)
                #expect((creator["followers"] as? Int ?? 0) > 1_000, "the last measured followers are kept")
                let history = detail.dataObject["follower_history"] as? [[String: Any]] ?? []
                #expect(history.count == 1, "the yt-dlp checks measured no followers: \(history)")
            }
        }
    }

    @Test func discoveredVideosAreTrackedOnTheCreatorsTerms() async throws {
        try await withRig { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let plain = try await client.call(.post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@plainterms"}"#)
                #expect(plain.dataObject["duration_days"] as? Int == 30 && plain.dataObject["cadence"] as? String == "adaptive", "the defaults of a track")
                let followed = try await client.call(
                    .post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@shortterms", "duration_days": 7, "cadence": "daily"}"#)
                #expect(followed.status == .created, "\(followed.json)")
                #expect(followed.dataObject["duration_days"] as? Int == 7 && followed.dataObject["cadence"] as? String == "daily")
                let id = try #require(followed.dataObject["id"] as? String)
                _ = try await client.call(.delete, "/v1/creators/\(try #require(plain.dataObject["id"] as? String))", key: key)

                let badCadence = try await client.call(.post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@x1", "cadence": "weekly"}"#)
                #expect(badCadence.status == .badRequest && badCadence.errorField == "cadence")
                let badDays = try await client.call(.post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@x2", "duration_days": 45}"#)
                #expect(badDays.status == .badRequest && badDays.errorField == "duration_days")

                #expect(try await rig.discovery.runOnce() == 1)
                rig.clock.advance(7 * 3600)   // one upload
                #expect(try await rig.discovery.runOnce() == 1)
                let first = try await client.call(.get, "/v1/videos?limit=100", key: key).dataArray
                #expect(first.count == 1)
                #expect(first.first?["duration_days"] as? Int == 7 && first.first?["cadence"] as? String == "daily", "\(first)")

                let changed = try await client.call(.patch, "/v1/creators/\(id)", key: key, json: #"{"cadence": "hourly", "duration_days": 3}"#)
                #expect(changed.status == .ok && changed.dataObject["cadence"] as? String == "hourly" && changed.dataObject["duration_days"] as? Int == 3)
                rig.clock.advance(6 * 3600)   // the next upload
                #expect(try await rig.discovery.runOnce() == 1)
                let videos = try await client.call(.get, "/v1/videos?limit=100", key: key).dataArray
                #expect(videos.count == 2)
                #expect(Set(videos.compactMap { $0["cadence"] as? String }) == ["daily", "hourly"], "videos already tracked keep their terms")
                #expect(Set(videos.compactMap { $0["duration_days"] as? Int }) == [7, 3])
            }
        }
    }

    @Test func discoveredVideosJoinTheCreatorsCampaign() async throws {
        try await withRig { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let bad = try await client.call(.post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@c1", "campaign": "  "}"#)
                expectError(bad, .badRequest, "VALIDATION_ERROR", field: "campaign")
                let followed = try await client.call(.post, "/v1/creators", key: key, json: #"{"url": "https://www.tiktok.com/@launcher", "campaign": " Launch "}"#)
                #expect(followed.status == .created && followed.dataObject["campaign"] as? String == "Launch", "\(followed.json)")
                let id = try #require(followed.dataObject["id"] as? String)
                #expect(try await rig.discovery.runOnce() == 1)
                rig.clock.advance(7 * 3600)   // one upload
                #expect(try await rig.discovery.runOnce() == 1)
                let first = try await client.call(.get, "/v1/videos?campaign=Launch", key: key).dataArray
                #expect(first.count == 1 && first.first?["campaign"] as? String == "Launch", "\(first)")

                let cleared = try await client.call(.patch, "/v1/creators/\(id)", key: key, json: #"{"campaign": null}"#)
                #expect(cleared.status == .ok && cleared.dataObject["campaign"] is NSNull, "\(cleared.json)")
                let badPatch = try await client.call(.patch, "/v1/creators/\(id)", key: key, json: #"{"campaign": 7}"#)
                expectError(badPatch, .badRequest, "VALIDATION_ERROR", field: "campaign")
                rig.clock.advance(6 * 3600)   // the next upload
                #expect(try await rig.discovery.runOnce() == 1)
                let videos = try await client.call(.get, "/v1/videos?limit=100", key: key).dataArray
                #expect(videos.count == 2)
                #expect(videos.map { $0["campaign"] as? String } == [nil, "Launch"], "the new video has no campaign; the first keeps its own")
            }
        }
    }

    @Test func selectiveModeFillsTheInboxAndReviewDecisionsStick() async throws {
        try await withRig { rig in
            let key = rig.app.key
            try await rig.app.test { client in
                let followed = try await client.call(.post, "/v1/creators", key: key, json: #"{"username": "picky", "platform": "youtube", "mode": "selective"}"#)
                #expect(followed.status == .created, "\(followed.json)")
                try await rig.discovery.runOnce()
                rig.clock.advance(19 * 3600)   // three uploads
                try await rig.discovery.runOnce()
                let inbox = try await client.call(.get, "/v1/inbox", key: key).dataArray
                #expect(inbox.count == 3 && inbox.allSatisfy { $0["tracking_status"] as? String == "pending_review" && $0["status"] as? String == "paused" })
                #expect(inbox.allSatisfy { ($0["title"] as? String)?.isEmpty == false && $0["published_at"] is String && $0["views"] is NSNull },
                        "the listing's title and upload time, before any snapshot: \(inbox.map { ($0["title"] ?? "-", $0["published_at"] ?? "-") })")
                let ids = inbox.compactMap { $0["id"] as? String }
                let unknown = UUID().uuidString.lowercased()
                let approved = try await client.call(.post, "/v1/inbox/approve", key: key, json: #"{"ids": ["\#(ids[0])", "\#(unknown)", "not-an-id"]}"#)
                #expect(approved.status == .ok)
                #expect(approved.dataArray.map { $0["status"] as? String } == ["included", "error", "error"])
                #expect(approved.dataArray.map { ($0["error"] as? [String: Any])?["code"] as? String } == [nil, "NOT_FOUND", "NOT_FOUND"])
                let excluded = try await client.call(.post, "/v1/inbox/exclude", key: key, json: #"{"ids": ["\#(ids[1])"]}"#)
                #expect(excluded.dataArray.first?["status"] as? String == "excluded")
                let again = try await client.call(.post, "/v1/inbox/approve", key: key, json: #"{"ids": ["\#(ids[0])"]}"#)
                #expect((again.dataArray.first?["error"] as? [String: Any])?["code"] as? String == "NOT_PENDING")

                let included = try await client.call(.get, "/v1/videos/\(ids[0])", key: key)
                #expect(included.dataObject["tracking_status"] as? String == "included")
                expectError(try await client.call(.get, "/v1/videos/\(ids[1])", key: key), .notFound, "NOT_FOUND")
                #expect(!(try await listedIDs(client, key)).contains(ids[1]), "excluded videos never appear in /v1/videos")
                #expect(try await client.call(.get, "/v1/inbox", key: key).dataArray.count == 1)

                rig.clock.advance(6 * 3600)
                try await rig.discovery.runOnce()
                let listed = try await listedIDs(client, key)
                #expect(listed.count == 3, "one new pending video; the excluded one is not back: \(listed)")
                #expect(!listed.contains(ids[1]))
                #expect(try await listedIDs(client, key, query: "&tracking_status=pending_review").count == 2)
            }
        }
    }

    @Test func planLimitsCreatorsAndTheDiscoveryFloor() async throws {
        try await withRig { rig in
            var planned = rig.app
            planned.dependencies.plans = try PlanCatalog(
                plans: [Plan(name: "starter", maxTrackedCreators: 1, discoveryFloor: 6 * 3600)], defaultPlanName: "starter")
            let app = planned
            let key = app.key
            try await app.test { client in
                expectError(try await client.call(.post, "/v1/creators", key: key, json: #"{"username": "a", "platform": "tiktok", "discovery_interval_hours": 1}"#),
                            .forbidden, "SUBSCRIPTION_LIMIT", field: "discovery_interval_hours")
                let first = try await client.call(.post, "/v1/creators", key: key, json: #"{"username": "a", "platform": "tiktok"}"#)
                #expect(first.status == .created)
                expectError(try await client.call(.post, "/v1/creators", key: key, json: #"{"username": "b", "platform": "tiktok"}"#), .forbidden, "SUBSCRIPTION_LIMIT")
                let usage = try await client.call(.get, "/v1/usage", key: key).dataObject
                #expect((usage["usage"] as? [String: Any])?["followed_creators"] as? Int == 1 && (usage["plan"] as? [String: Any])?["max_tracked_creators"] as? Int == 1,
                        "the count beside the limit: \(usage)")
                let id = try #require(first.dataObject["id"] as? String)
                expectError(try await client.call(.patch, "/v1/creators/\(id)", key: key, json: #"{"discovery_interval_hours": 2}"#), .forbidden, "SUBSCRIPTION_LIMIT")
                let changed = try await client.call(.patch, "/v1/creators/\(id)", key: key, json: #"{"discovery_interval_hours": 12, "mode": "selective"}"#)
                #expect(changed.dataObject["discovery_interval_hours"] as? Double == 12 && changed.dataObject["mode"] as? String == "selective")
                expectError(try await client.call(.patch, "/v1/creators/\(id)", key: key, json: #"{"mode": "sometimes"}"#), .badRequest, "VALIDATION_ERROR", field: "mode")
                let other = try await app.otherKey()
                expectError(try await client.call(.get, "/v1/creators/\(id)", key: other), .notFound, "NOT_FOUND")
                #expect(try await client.call(.delete, "/v1/creators/\(id)", key: key).status == .ok)
                #expect(try await client.call(.get, "/v1/creators", key: key).dataArray.isEmpty)
                #expect((try await client.call(.get, "/v1/usage", key: key).dataObject["usage"] as? [String: Any])?["followed_creators"] as? Int == 0)
            }
        }
    }
}

/// View milestones through the API: set on track, replaced by PATCH, validated.
struct MilestoneEndpointTests {
    @Test func milestonesAreSetOnTrackReplacedByPatchAndValidated() async throws {
        let app = try await TestApp.make()
        let key = app.key
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: key, json: #"{"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "milestones": [1000000, 100000, 100000]}"#)
            #expect(tracked.status == .ok, "\(tracked.json)")
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let video = try await client.call(.get, "/v1/videos/\(id)", key: key)
            #expect((video.dataObject["milestones"] as? [[String: Any]])?.compactMap { $0["views"] as? Int } == [100_000, 1_000_000], "sorted, deduplicated")
            let patched = try await client.call(.patch, "/v1/videos/\(id)", key: key, json: #"{"milestones": [5000]}"#)
            #expect((patched.dataObject["milestones"] as? [[String: Any]])?.first?["views"] as? Int == 5000)
            #expect((patched.dataObject["milestones"] as? [[String: Any]])?.first?.keys.contains("reached_at") == true)
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: key, json: #"{"milestones": [0]}"#), .badRequest, "VALIDATION_ERROR", field: "milestones")
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: key, json: #"{"milestones": "lots"}"#), .badRequest, "VALIDATION_ERROR", field: "milestones")
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: key, json: #"{}"#), .badRequest, "VALIDATION_ERROR")
        }
    }
}
