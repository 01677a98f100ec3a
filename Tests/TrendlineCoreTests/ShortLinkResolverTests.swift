import Testing
import TrendlineCore
import TrendlineDomain

/// Short links are followed hop by hop under the redirect policy, using the scripted double.
struct ShortLinkResolverTests {
    let link = ShortLink(platform: .tiktok, url: "https://vm.tiktok.com/ZMabc123/")

    func resolve(_ table: [String: String], failing: Set<String> = [], link: ShortLink? = nil) async -> Result<VideoURL, VideoURLError> {
        await RedirectFollowingResolver(fetcher: ScriptedRedirects(table, failing: failing)).resolve(link ?? self.link)
    }

    @Test func followsToTheVideoAndStopsThere() async throws {
        let video = try await resolve([
            "https://vm.tiktok.com/ZMabc123/": "https://www.tiktok.com/t/ZTxyz/",
            "https://www.tiktok.com/t/ZTxyz/": "https://www.tiktok.com/@someone/video/7430511437199543584?_r=1&u_code=abc",
            "https://www.tiktok.com/@someone/video/7430511437199543584?_r=1&u_code=abc": "https://127.0.0.1/never-asked",
        ]).get()
        #expect(video == VideoURL(platform: .tiktok, externalID: "7430511437199543584", canonicalURL: "https://www.tiktok.com/@someone/video/7430511437199543584"))
    }

    @Test func refusesARedirectToLoopback() async {
        let result = await resolve(["https://vm.tiktok.com/ZMabc123/": "http://127.0.0.1:9900/@a/video/1"])
        #expect(result.errorMessage.contains("127.0.0.1"))
    }

    @Test func refusesARedirectToAnotherPlatform() async {
        let result = await resolve(["https://vm.tiktok.com/ZMabc123/": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"])
        #expect(result.errorMessage.contains("www.youtube.com"))
    }

    @Test func refusesAPrivateAddressAfterSomeHops() async {
        let result = await resolve([
            "https://vm.tiktok.com/ZMabc123/": "https://www.tiktok.com/t/a1b/",
            "https://www.tiktok.com/t/a1b/": "http://10.1.2.3/x",
        ])
        #expect(result.errorMessage.contains("10.1.2.3"))
    }

    @Test func givesUpAfterFiveRedirects() async {
        var table: [String: String] = ["https://vm.tiktok.com/ZMabc123/": "https://www.tiktok.com/t/h1x/"]
        for hop in 1...6 { table["https://www.tiktok.com/t/h\(hop)x/"] = "https://www.tiktok.com/t/h\(hop + 1)x/" }
        let result = await resolve(table)
        #expect(result.errorMessage.contains("more than 5 redirects"))
    }

    @Test func networkFailureAndDeadEndsAreErrors() async {
        let timedOut = await resolve([:], failing: ["https://vm.tiktok.com/ZMabc123/"])
        #expect(timedOut.errorMessage.contains("timed out"))
        let deadEnd = await resolve([:])
        #expect(deadEnd.errorMessage.contains("does not lead to a video"))
    }

    @Test func resolvesEveryPlatformsShortLinks() async throws {
        let cases: [(ShortLink, String, String)] = [
            (ShortLink(platform: .x, url: "https://t.co/AbCdEf1234"), "https://x.com/jack/status/123", "123"),
            (ShortLink(platform: .facebook, url: "https://fb.watch/abcDEF123/"), "https://www.facebook.com/reel/987", "987"),
            (ShortLink(platform: .instagram, url: "https://www.instagram.com/share/reel/BAabc123/"), "https://www.instagram.com/reel/CAbCdEfGhIj/", "CAbCdEfGhIj"),
            (ShortLink(platform: .linkedin, url: "https://lnkd.in/eAbCd12"), "https://www.linkedin.com/posts/a-activity-7123-x", "7123"),
        ]
        for (link, target, id) in cases {
            let video = try await resolve([link.url: target], link: link).get()
            #expect(video.externalID == id)
            #expect(video.platform == link.platform)
        }
    }

    @Test func unconfiguredResolverSaysSo() async {
        let result = await UnconfiguredShortLinkResolver().resolve(link)
        #expect(result.errorMessage.contains("not enabled"))
    }
}

extension Result where Failure == VideoURLError {
    var errorMessage: String {
        switch self {
        case .success(let value): return "unexpected success: \(value)"
        case .failure(let error): return error.message
        }
    }
}
