import Foundation
import Testing
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// Text from a platform may carry a NUL (U+0000): a caption, a bio, an error answer quoted in a
/// failure. PostgreSQL's text refuses it, and the whole write failed (a 500, or a worker retrying
/// the same check forever). On every backend the write succeeds and the rest of the text is kept.
struct StrayNULContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    static func withoutNUL(_ text: String?) -> String? {
        text?.replacingOccurrences(of: "\u{0}", with: "")
    }

    @Test(arguments: StoreBackend.all)
    func textWithANULIsStoredWithTheRestOfIt(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let url = VideoURL(platform: .tiktok, externalID: "7430511437199543584", canonicalURL: "https://www.tiktok.com/@a/video/7430511437199543584")
        var request = NewTracking.hourly(url, for: account.id)
        request.metadata = VideoMetadata(title: "listed\u{0} title", author: "a\u{0}b")
        let item = try #require(try await store.track([request], at: Self.t0)[0].trackedVideo)
        #expect(Self.withoutNUL(item.video.title) == "listed title")

        let at = Self.t0.addingTimeInterval(60)
        try await store.recordSnapshot(
            Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: 5), provider: "tiktok-web"),
            metadata: VideoMetadata(title: "cap\u{0}tion", author: "au\u{0}thor", thumbnailURL: "https://p.example/\u{0}x.jpg"), at: at)
        let recorded = try #require(try await store.video(id: item.video.id))
        #expect(Self.withoutNUL(recorded.title) == "caption" && Self.withoutNUL(recorded.author) == "author", "\(recorded)")
        #expect(recorded.latest?.views == 5)

        try await store.postponeCheck(videoID: item.video.id, until: at.addingTimeInterval(600), error: "unexpected answer: \u{0}\u{0}PK")
        #expect(Self.withoutNUL(try await store.video(id: item.video.id)?.lastError) == "unexpected answer: PK")

        let followed = Creator(
            id: UUID(), accountID: account.id, handle: CreatorHandle(platform: .tiktok, username: "nul"), mode: .auto,
            discoveryInterval: 6 * 3600, notes: nil, nextCheckAt: Self.t0, createdAt: Self.t0, updatedAt: Self.t0)
        _ = try await store.createCreator(followed, maxCreators: nil)
        let profile = CreatorProfile(handle: followed.handle, platformID: "1", fullName: "Full\u{0} Name", bio: "bio\u{0}", followers: 10)
        try await store.recordCreatorCheck(
            creatorID: followed.id, profile: profile, sources: CreatorSources(profile: "tiktok-web", videos: "tiktok-web"), seen: [], discovered: 0,
            nextCheckAt: Self.t0.addingTimeInterval(3600), at: Self.t0)
        try await store.recordCreatorFailure(creatorID: followed.id, error: "upstream error: \u{0}", nextCheckAt: Self.t0.addingTimeInterval(7200))
        let checked = try #require(try await store.creator(id: followed.id, accountID: account.id))
        #expect(Self.withoutNUL(checked.profile?.fullName) == "Full Name" && Self.withoutNUL(checked.profile?.bio) == "bio", "\(String(describing: checked.profile))")
        #expect(Self.withoutNUL(checked.lastError) == "upstream error: ")
    }
}
