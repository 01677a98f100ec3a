import Foundation
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineSimulator
import TrendlineTestSupport

/// Every provider against the platform simulator on loopback, through real HTTP.
struct ProvidersAgainstSimulatorTests {
    func youtubeIDs(_ count: Int) -> [VideoURL] {
        (0..<count).map { index in
            let id = String(format: "sim%08d", index)
            return VideoURL(platform: .youtube, externalID: id, canonicalURL: "https://www.youtube.com/watch?v=\(id)")
        }
    }

    @Test func tiktokPageProviderReadsTheSimulatedPage() async throws {
        try await withSimulator { simulator, base in
            let provider = TikTokWebProvider(client: sharedUpstream, endpoints: .all(at: base))
            let video = VideoURL(platform: .tiktok, externalID: "7430511437199543584", canonicalURL: "https://www.tiktok.com/@creator/video/7430511437199543584")
            let stats = try await provider.fetch([video])[video.externalID]!.get()
            let expected = simulator.counts(for: "7430511437199543584")
            #expect(stats.counts.views == expected.views)
            #expect(stats.counts.saves == expected.saves)
            #expect(stats.author == "creator")
            #expect(simulator.state.requests("tiktok.page") == 1)
        }
    }

    /// A page shell without the video's data and `Set-Cookie` (TikTok's answer to a visitor
    /// without its cookies): asked again once with the cookies, which later pages carry from
    /// the start.
    @Test func tiktokPagesBehindACookieWallAreReadWithTheCookiesTikTokSets() async throws {
        let state = SimulatorState()
        state.set(.cookieWall, forIDsContaining: "743")
        state.set(.empty, forIDsContaining: "7439")
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow })) { simulator, base in
            let provider = TikTokWebProvider(client: sharedUpstream, endpoints: .all(at: base))
            let first = VideoURL(platform: .tiktok, externalID: "7430511437199543584", canonicalURL: "https://www.tiktok.com/@creator/video/7430511437199543584")
            let stats = try await provider.fetch([first])[first.externalID]!.get()
            #expect(stats.counts.views == simulator.counts(for: first.externalID).views)
            #expect(simulator.state.requests("tiktok.page") == 2, "the shell, then the page with the cookies")
            let second = VideoURL(platform: .tiktok, externalID: "7431000000000000001", canonicalURL: "https://www.tiktok.com/@creator/video/7431000000000000001")
            #expect((try? await provider.fetch([second])[second.externalID]!.get()) != nil)
            #expect(simulator.state.requests("tiktok.page") == 3, "the kept cookies open the next page at once")
            let refused = VideoURL(platform: .tiktok, externalID: "7439000000000000001", canonicalURL: "https://www.tiktok.com/@creator/video/7439000000000000001")
            guard case .failure(.malformed)? = await provider.fetch([refused])[refused.externalID] else { Issue.record("an answer without data is malformed"); return }
            #expect(simulator.state.requests("tiktok.page") == 4, "no new cookie, no second try")
        }
        // A stale cookie does not open the wall; the one set in its place does.
        let walled = SimulatorState()
        walled.set(.cookieWall, forIDsContaining: "743")
        try await withSimulator(PlatformSimulator(state: walled, clock: { frozenNow })) { simulator, base in
            let video = VideoURL(platform: .tiktok, externalID: "7430511437199543584", canonicalURL: "https://www.tiktok.com/@creator/video/7430511437199543584")
            let stale = UpstreamCookieJar()  // real time: the simulator's cookies expire in real time
            stale.store(["tt_chain_token=expired; path=/"])
            let provider = TikTokWebProvider(client: sharedUpstream, endpoints: .all(at: base), cookies: stale)
            #expect((try? await provider.fetch([video])[video.externalID]!.get()) != nil, "a stale cookie is replaced by the one set")
            #expect(simulator.state.requests("tiktok.page") == 2)
            // The wall's cookies expire as TikTok's do: the chain token in half a year, ttwid in a year.
            let shell = try await sharedUpstream.get(base + "/@creator/video/7430511437199543584", headers: [])
            let later = UpstreamCookieJar(now: { Date().addingTimeInterval(200 * 86_400) })
            later.store(shell.setCookies)
            #expect(later.header == "ttwid=1%7Csim", "after 200 days only ttwid is left: \(shell.setCookies)")
        }
    }

    @Test func youtubeBatchesFiftyIDsPerCall() async throws {
        try await withSimulator { simulator, base in
            let provider = YouTubeDataAPIProvider(client: sharedUpstream, endpoints: .all(at: base), apiKeys: ["k1", "k2"])
            let fifty = youtubeIDs(50)
            let results = await provider.fetch(fifty)
            #expect(simulator.state.requests("youtube.videos.list") == 1, "one call for 50 ids")
            #expect(results.values.allSatisfy { (try? $0.get()) != nil })
            let third = try results[fifty[3].externalID]!.get()
            #expect(third.counts.views == simulator.counts(for: fifty[3].externalID).views)
            _ = await provider.fetch(youtubeIDs(120))
            #expect(simulator.state.requests("youtube.videos.list") == 4, "120 ids take 3 more calls")
        }
    }

    @Test func youtubeWithoutAKeyIsUnavailable() async {
        let provider = YouTubeDataAPIProvider(client: sharedUpstream, endpoints: PlatformEndpoints(), apiKeys: [])
        #expect(provider.unavailableReason()?.contains("API key") == true)
        let result = await provider.fetch(youtubeIDs(1))
        guard case .failure(.unavailable) = result.values.first else { Issue.record("expected unavailable"); return }
    }

    @Test func youtubeWithoutAKeyFallsBackToTheWatchPage() async throws {
        let state = SimulatorState()
        state.set(.privateVideo, forIDsContaining: "priv")
        state.set(.deleted, forIDsContaining: "gone")
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow })) { simulator, base in
            let chains = try ProviderRegistry.chains(ProviderSettings(endpoints: .all(at: base), youtubeAPIKeys: []), client: sharedUpstream)
            let chain = try #require(chains[.youtube])
            let videos = ["dQw4w9WgXcQ", "privAAAAAAA", "goneAAAAAAA"].map { VideoURL(platform: .youtube, externalID: $0, canonicalURL: "https://www.youtube.com/watch?v=\($0)") }
            let outcomes = await chain.fetch(videos)
            guard case .stats(let stats, let provider) = outcomes["dQw4w9WgXcQ"] else { Issue.record("no stats: \(outcomes)"); return }
            #expect(provider == "youtube-watch-page")
            #expect(stats.counts.views == simulator.counts(for: "dQw4w9WgXcQ").views)
            #expect(stats.counts.likes == nil, "the player response has no likes: null, not 0")
            #expect(stats.title == #"Simulated video dQw4w9WgXcQ {with braces} "quoted""#)
            guard case .failed(let hidden) = outcomes["privAAAAAAA"], case .privateVideo = hidden.decisive,
                  case .failed(let gone) = outcomes["goneAAAAAAA"], case .notFound = gone.decisive else {
                Issue.record("private/deleted not recognised: \(outcomes)")
                return
            }
            #expect(hidden.description.contains("youtube-data-api: unavailable"), "the chain names the provider it skipped")
            #expect(simulator.state.requests("youtube.videos.list") == 0)
        }
    }

    /// An X account that has never posted answers its timeline with only `meta` (as X does):
    /// discovery finds no videos instead of failing, and a creator with posts still lists them.
    @Test func anXAccountWithoutPostsHasNoVideosAndNoFailure() async throws {
        try await withSimulator(PlatformSimulator(epoch: frozenNow, clock: { frozenNow })) { _, base in
            let x = XUserProvider(client: sharedUpstream, endpoints: PlatformEndpoints.all(at: base), bearerToken: "token")
            let none: [ChannelVideo] = try await x.recentVideos(CreatorHandle(platform: .x, username: "noposts_jane"), profile: nil, limit: 10).get()
            #expect(none.isEmpty)
            let some: [ChannelVideo] = try await x.recentVideos(CreatorHandle(platform: .x, username: "jane_doe"), profile: nil, limit: 10).get()
            #expect(some.count == 10)
        }
    }

    @Test func privateAndDeletedAreReportedPerVideo() async throws {
        let state = SimulatorState()
        state.set(.privateVideo, forIDsContaining: "77")
        state.set(.deleted, forIDsContaining: "88")
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow })) { simulator, base in
            let x = XAPIProvider(client: sharedUpstream, endpoints: .all(at: base), bearerToken: "token")
            let posts = ["1001", "1770", "1880"].map { VideoURL(platform: .x, externalID: $0, canonicalURL: "https://x.com/i/status/\($0)") }
            let results = await x.fetch(posts)
            #expect(simulator.state.requests("x.tweets") == 1)
            let visible = try results["1001"]!.get()
            #expect(visible.counts.views == simulator.counts(for: "1001").views)
            guard case .failure(.privateVideo) = results["1770"], case .failure(.notFound) = results["1880"] else {
                Issue.record("got \(results)")
                return
            }
            let tiktok = TikTokWebProvider(client: sharedUpstream, endpoints: .all(at: base))
            let hidden = VideoURL(platform: .tiktok, externalID: "5577", canonicalURL: "https://www.tiktok.com/@a/video/5577")
            guard case .failure(.privateVideo) = await tiktok.fetch([hidden])["5577"] else { Issue.record("tiktok private"); return }
        }
    }

    @Test func instagramMediaInfoByShortcode() async throws {
        try await withSimulator { simulator, base in
            let provider = InstagramMediaProvider(client: sharedUpstream, endpoints: .all(at: base), sessionCookie: "abc")
            let reel = VideoURL(platform: .instagram, externalID: "CAbCdEfGhIj", canonicalURL: "https://www.instagram.com/p/CAbCdEfGhIj/")
            let stats = try await provider.fetch([reel])["CAbCdEfGhIj"]!.get()
            #expect(stats.counts.views == simulator.counts(for: "CAbCdEfGhIj").views)
            #expect(stats.counts.likes == simulator.counts(for: "CAbCdEfGhIj").likes)
            #expect(InstagramMediaProvider(client: sharedUpstream, endpoints: PlatformEndpoints(), sessionCookie: nil).unavailableReason() != nil)
        }
    }

    @Test func ytDlpSubprocessForFacebookAndItsAbsence() async throws {
        try await withSimulator { simulator, base in
            let provider = YtDlpProvider(platform: .facebook, executable: scriptsDirectory.appendingPathComponent("fake-yt-dlp").path, timeout: 20, environment: ["TRENDLINE_SIMULATOR_URL": base])
            #expect(provider.unavailableReason() == nil)
            let video = VideoURL(platform: .facebook, externalID: "1234567890123456", canonicalURL: "https://www.facebook.com/watch/?v=1234567890123456")
            let stats = try await provider.fetch([video])[video.externalID]!.get()
            #expect(stats.counts.views == simulator.counts(for: "1234567890123456").views)
            #expect(stats.counts.shares == simulator.counts(for: "1234567890123456").shares)
        }
        let missing = YtDlpProvider(platform: .linkedin, executable: "/nonexistent/yt-dlp")
        #expect(missing.unavailableReason()?.contains("pip install yt-dlp") == true)
        let result = await missing.fetch([VideoURL(platform: .linkedin, externalID: "1", canonicalURL: "https://www.linkedin.com/feed/update/urn:li:activity:1/")])
        guard case .failure(.unavailable) = result["1"] else { Issue.record("expected unavailable"); return }
    }

    /// X throttles with `x-rate-limit-reset` (the epoch second its window resets), not
    /// Retry-After: the wait is read from it.
    @Test func xRateLimitsAreWaitedOutUntilTheirReset() async throws {
        let state = SimulatorState()
        state.set(.rateLimited, forIDsContaining: "1429")
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow }, retryAfterSeconds: 900)) { _, base in
            let x = XAPIProvider(client: sharedUpstream, endpoints: .all(at: base), bearerToken: "t")
            let post = VideoURL(platform: .x, externalID: "1900000000000001429", canonicalURL: "https://x.com/i/status/1900000000000001429")
            guard case .failure(.rateLimited(let after))? = await x.fetch([post])[post.externalID] else { Issue.record("expected a throttle"); return }
            #expect(after.map { (895...900).contains($0) } == true, "the window's reset, about 900 s away: \(String(describing: after))")
        }
        #expect(UpstreamResponse(status: 429, headers: ["x-rate-limit-reset": "1"]).retryAfter == 0, "a reset in the past is no wait")
        #expect(UpstreamResponse(status: 429, headers: ["retry-after": "5", "x-rate-limit-reset": "1"]).retryAfter == 5, "Retry-After wins")
    }

    @Test func rateLimitingKeepsRetryAfterAndTheChainFallsBack() async throws {
        let state = SimulatorState()
        state.set(.rateLimited, forIDsContaining: "429")
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow }, retryAfterSeconds: 17)) { simulator, base in
            let tiktok = TikTokWebProvider(client: sharedUpstream, endpoints: .all(at: base))
            let video = VideoURL(platform: .tiktok, externalID: "9429", canonicalURL: "https://www.tiktok.com/@a/video/9429")
            guard case .failure(.rateLimited(let after)) = await tiktok.fetch([video])["9429"] else { Issue.record("expected 429"); return }
            #expect(after == 17)

            let chain = ProviderChain(platform: .tiktok, providers: [tiktok, YtDlpProvider(platform: .tiktok, executable: "/nonexistent/yt-dlp")])
            guard case .failed(let failure) = await chain.fetch([video])["9429"] else { Issue.record("expected failure"); return }
            #expect(failure.description.contains("tiktok-web: rate limited"))
            #expect(failure.description.contains("yt-dlp: unavailable"))
            #expect(failure.retryAfter == 17)

            let fine = VideoURL(platform: .tiktok, externalID: "1111", canonicalURL: "https://www.tiktok.com/@a/video/1111")
            let fallback = ProviderChain(platform: .tiktok, providers: [YtDlpProvider(platform: .tiktok, executable: "/nonexistent/yt-dlp"), tiktok])
            guard case .stats(_, let provider) = await fallback.fetch([fine])["1111"] else { Issue.record("expected fallback success"); return }
            #expect(provider == "tiktok-web")
        }
    }

    @Test func shortLinksResolveOverHTTPAndUnsafeRedirectsAreRefused() async throws {
        try await withSimulator { simulator, base in
            simulator.state.addShortLink(host: "vm.tiktok.com", path: "/ZMabc123/", location: "https://www.tiktok.com/t/ZTnext/")
            simulator.state.addShortLink(host: "www.tiktok.com", path: "/t/ZTnext/", location: "https://www.tiktok.com/@someone/video/7430511437199543584?_r=1")
            simulator.state.addShortLink(host: "vm.tiktok.com", path: "/ZMevil/", location: "http://127.0.0.1:1/@a/video/1")
            simulator.state.addShortLink(host: "vm.tiktok.com", path: "/ZMyt/", location: "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
            let resolver = RedirectFollowingResolver(fetcher: HTTPRedirectHopFetcher(client: sharedUpstream, endpoints: .all(at: base)))
            let video = try await resolver.resolve(ShortLink(platform: .tiktok, url: "https://vm.tiktok.com/ZMabc123/")).get()
            #expect(video.externalID == "7430511437199543584")
            #expect(simulator.state.requests("shortlink") == 2)
            let evil = await resolver.resolve(ShortLink(platform: .tiktok, url: "https://vm.tiktok.com/ZMevil/"))
            guard case .failure(let error) = evil else { Issue.record("followed a redirect to 127.0.0.1"); return }
            #expect(error.message.contains("127.0.0.1"))
            guard case .failure = await resolver.resolve(ShortLink(platform: .tiktok, url: "https://vm.tiktok.com/ZMyt/")) else {
                Issue.record("followed a redirect to another platform")
                return
            }
            guard case .failure = await resolver.resolve(ShortLink(platform: .tiktok, url: "https://vm.tiktok.com/ZMnone/")) else {
                Issue.record("an unknown link resolved")
                return
            }
        }
    }

    @Test func malformedAndServerErrorsAreFailuresNotCrashes() async throws {
        let state = SimulatorState()
        state.set(.malformed, forIDsContaining: "666")
        state.set(.serverError, forIDsContaining: "503")
        try await withSimulator(PlatformSimulator(state: state, clock: { frozenNow })) { _, base in
            let tiktok = TikTokWebProvider(client: sharedUpstream, endpoints: .all(at: base))
            let bad = VideoURL(platform: .tiktok, externalID: "6660", canonicalURL: "https://www.tiktok.com/@a/video/6660")
            let down = VideoURL(platform: .tiktok, externalID: "5030", canonicalURL: "https://www.tiktok.com/@a/video/5030")
            let results = await tiktok.fetch([bad, down])
            guard case .failure(.malformed) = results["6660"], case .failure(.upstream) = results["5030"] else {
                Issue.record("got \(results)")
                return
            }
        }
    }
}

/// yt-dlp past its time limit is stopped even when it ignores SIGTERM (here a script that
/// traps it and spins): it is killed `ProgramRun.killAfter` later, and the call fails as a
/// timeout instead of holding the worker's round forever.
struct YtDlpTimeoutTests {
    @Test func aProgramThatIgnoresSIGTERMIsKilled() async throws {
        let script = try ScratchDirectory.make("yt-dlp").appendingPathComponent("stubborn-yt-dlp").path
        try "#!/bin/sh\ntrap '' TERM\nwhile :; do :; done\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let provider = YtDlpProvider(platform: .linkedin, executable: script, timeout: 1)
        let video = VideoURL(platform: .linkedin, externalID: "1", canonicalURL: "https://www.linkedin.com/feed/update/urn:li:activity:1/")
        let started = ContinuousClock.now
        let result = try await withThrowingTaskGroup(of: [String: Result<VideoStats, ProviderFailure>]?.self) { group in
            group.addTask { await provider.fetch([video]) }
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        let answer = try #require(result, "the call was still waiting after 60 s")
        guard case .failure(let failure) = answer["1"] else { Issue.record("expected a failure, got \(String(describing: answer["1"]))"); return }
        #expect("\(failure)".contains("took longer than 1 s"), "\(failure)")
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
