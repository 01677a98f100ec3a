import Foundation
import Testing
import TrendlineCore
import TrendlineDomain
@testable import TrendlineProviders
import TrendlineSimulator

/// TikTok's creator post list (`/api/creator/item_list/`, the one TikTok answers unsigned), paged
/// back from a time cursor as TikTok's web app and yt-dlp page it, against the simulator.
struct TikTokCreatorListTests {
    func provider(_ base: String) -> TikTokCreatorProvider {
        TikTokCreatorProvider(client: sharedUpstream, endpoints: .all(at: base), clock: WallClock { frozenNow })
    }

    @Test func aListingLongerThanAPageIsReadPageByPageNewestFirst() async throws {
        try await withSimulator(PlatformSimulator(epoch: frozenNow, clock: { frozenNow })) { simulator, base in
            let handle = CreatorHandle(platform: .tiktok, username: "prolific")
            let all = try await provider(base).recentVideos(handle, profile: nil, limit: 30).get()
            #expect(simulator.state.requests("tiktok.item_list") == 2, "15 per page")
            #expect(all.count == 30)
            #expect(Set(all.map(\.id)).count == 30, "no video twice across pages")
            let dates = all.compactMap(\.createdAt)
            #expect(dates.count == 30 && dates == dates.sorted(by: >), "newest first")
            #expect(all.first?.counts == simulator.counts(for: all.first!.id))

            let few = try await provider(base).recentVideos(handle, profile: nil, limit: 5).get()
            #expect(few.map(\.id) == Array(all.prefix(5)).map(\.id))
            #expect(simulator.state.requests("tiktok.item_list") == 3, "one page is enough for 5")
        }
    }

    @Test func theListAsksLikeTheWebApp() {
        let url = provider("https://www.tiktok.com").listURL(secUid: "MS4wLjABAAAAabc", cursor: 1_790_000_000_000, deviceID: "7300000000000000000")
        let items = URLComponents(string: url)?.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        #expect(url.hasPrefix("https://www.tiktok.com/api/creator/item_list/?"))
        #expect(value("secUid") == "MS4wLjABAAAAabc" && value("cursor") == "1790000000000" && value("type") == "1")
        #expect(value("count") == "15" && value("aid") == "1988" && value("device_id") == "7300000000000000000")
        #expect(value("verifyFp")?.hasPrefix("verify_") == true)
    }

    /// The older list answers an unsigned call with an empty 200; read as the platform's
    /// refusal (malformed), which hands the creator to the next provider.
    @Test func anEmptyAnswerIsMalformedNotAnEmptyListing() async throws {
        try await withSimulator { _, base in
            let response = try await sharedUpstream.get(base + "/api/post/item_list/?aid=1988&secUid=MS4wLjABAAAAx&count=30&cursor=0", headers: [])
            #expect(response.status == 200 && response.body.isEmpty)
            guard case .failure(.malformed) = TikTokCreatorParser.page(response.body, username: "x") else {
                Issue.record("an empty body is not a listing"); return
            }
        }
    }
}
