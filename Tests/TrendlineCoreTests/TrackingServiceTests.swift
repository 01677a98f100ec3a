import Foundation
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// Batches: per-URL results, short links resolved, duplicates recognised, bad URLs isolated.
struct TrackingServiceTests {
    @Test func batchWithPartialFailures() async throws {
        let store = try makeTestStore()
        let account = try await AccountService(repository: store).create(name: "acme")
        let resolver = RedirectFollowingResolver(fetcher: ScriptedRedirects([
            "https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/": "https://www.tiktok.com/@someone/video/7430511437199543584",
            "https://vm.tiktok.com/ZMevil1/": "http://127.0.0.1/@a/video/1",
        ]))
        let service = TrackingService(repository: store, resolver: resolver)
        let urls = [
            "https://www.tiktok.com/@username/video/1234567890",
            "https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/",
            "not a url",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?si=abc",
            "https://vm.tiktok.com/ZMevil1/",
            "https://vimeo.com/1",
        ]
        let results = try await service.track(urls: urls, accountID: account.id, options: .init(duration: try TrackingDuration(days: 7), cadence: .hourly))
        #expect(results.map(\.index) == Array(0..<7))
        #expect(results.map(\.status) == [.tracked, .tracked, .error, .tracked, .alreadyTracked, .error, .error])
        #expect(results[1].trackedVideo?.video.externalID == "7430511437199543584")
        #expect(results[1].trackedVideo?.tracking.submittedURL == "https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/")
        #expect(results[2].error?.code == "INVALID_URL")
        #expect(results[4].trackedVideo?.tracking.id == results[3].trackedVideo?.tracking.id)
        #expect(results[5].error?.code == "UNRESOLVABLE_SHORT_LINK")
        #expect(results[5].platform == .tiktok)
        #expect(results[6].error?.code == "UNSUPPORTED_PLATFORM")
        #expect(results[0].trackedVideo?.tracking.window.duration.days == 7)
        #expect(results[0].trackedVideo?.tracking.cadence == .hourly)

        let again = try await service.track(urls: [urls[0]], accountID: account.id, options: .init())
        #expect(again[0].status == .alreadyTracked)
        #expect(again[0].trackedVideo?.tracking.id == results[0].trackedVideo?.tracking.id)
    }
}
