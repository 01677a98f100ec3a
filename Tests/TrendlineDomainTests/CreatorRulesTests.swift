import Foundation
import Testing
import TrendlineDomain

/// E-mail extraction, median views, creator names and the discovery cut.
struct CreatorRulesTests {
    @Test(arguments: [
        ("Dancer from Ohio. New videos every Friday!", [String]()),
        ("📩 business: Jane.Doe+collabs@Example.com", ["jane.doe+collabs@example.com"]),
        ("brands: jane [at] studio [dot] co", ["jane@studio.co"]),
        ("contact: jane(at)studio.io", ["jane@studio.io"]),
        ("mail me at jane {at} studio {dot} io for work", ["jane@studio.io"]),
        ("jane at studio dot com", ["jane@studio.com"]),
        ("jane @ studio . com", ["jane@studio.com"]),
        ("a@x.com and b@y.org, a@x.com again", ["a@x.com", "b@y.org"]),
        ("find me @jane on insta, not an email", [String]()),
        ("price 5@10 each; version 1.2 at launch", [String]()),
    ])
    func emailsAreOnlyWhatIsWritten(_ text: String, _ expected: [String]) {
        #expect(EmailExtractor.extract(from: text) == expected)
    }

    @Test func medianOfOddEvenAndNone() {
        #expect(MedianViews.median([]) == nil)
        #expect(MedianViews.median([7]) == 7)
        #expect(MedianViews.median([300, 100, 200]) == 200)
        #expect(MedianViews.median([1, 4, 2, 3]) == 2, "the mean of 2 and 3, rounded down")
        #expect(MedianViews.median([Int64.max, Int64.max]) == Int64.max, "no overflow")
    }

    @Test(arguments: [
        ("https://www.tiktok.com/@Charli.DAmelio?lang=en", Platform.tiktok, "charli.damelio"),
        ("instagram.com/natgeo/", .instagram, "natgeo"),
        ("https://www.youtube.com/@MrBeast/videos", .youtube, "@mrbeast"),
        ("https://youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA", .youtube, "UCX6OQ3DkcsbYNE6H8uQQuVA"),
        ("https://x.com/NASA", .x, "nasa"),
        ("https://twitter.com/nasa/media", .x, "nasa"),
        ("<https://www.tiktok.com/@charli.damelio>", .tiktok, "charli.damelio"),
        ("https://x.com/NASA).", .x, "nasa"),
        ("\"https://www.youtube.com/@MrBeast\"", .youtube, "@mrbeast"),
    ])
    func profileURLsNameCreators(_ url: String, _ platform: Platform, _ username: String) throws {
        let handle = try CreatorHandle.from(url: url).get()
        #expect(handle == CreatorHandle(platform: platform, username: username))
    }

    @Test func videoURLsAndUnsupportedPlatformsAreNotProfiles() throws {
        #expect(throws: CreatorHandleError.self) { try CreatorHandle.from(url: "https://www.instagram.com/reel/ABC123/").get() }
        #expect(throws: CreatorHandleError.self) { try CreatorHandle.from(url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ").get() }
        #expect(throws: CreatorHandleError.self) { try CreatorHandle.from(url: "https://example.com/@someone").get() }
        #expect(CreatorHandle.from(username: "page", platform: .facebook) == .failure(.unsupportedPlatform(.facebook)))
        #expect(CreatorHandle.from(username: "bad name!", platform: .tiktok) == .failure(.invalidUsername("bad name!", .tiktok)))
        #expect(try CreatorHandle.from(username: "@Jane_Doe", platform: .tiktok).get().username == "jane_doe")
        #expect(try CreatorHandle.from(username: "MrBeast", platform: .youtube).get().username == "@mrbeast")
    }

    /// `trendline creators follow`: a URL, or a username with its platform.
    @Test func aReferenceIsAURLOrAUsernameWithItsPlatform() throws {
        #expect(try CreatorHandle.from(reference: " https://www.tiktok.com/@Charli ", platform: nil).get() == CreatorHandle(platform: .tiktok, username: "charli"))
        #expect(try CreatorHandle.from(reference: "tiktok.com/@charli", platform: .tiktok).get().platform == .tiktok, "a URL without scheme")
        #expect(try CreatorHandle.from(reference: "@charli.d", platform: .tiktok).get() == CreatorHandle(platform: .tiktok, username: "charli.d"))
        #expect(try CreatorHandle.from(reference: "MrBeast", platform: .youtube).get().username == "@mrbeast")
        guard case .failure(.notAProfile(_, let reason)) = CreatorHandle.from(reference: "charli", platform: nil) else {
            Issue.record("a bare username has no platform"); return
        }
        #expect(reason.contains("the username with its platform (tiktok, instagram, youtube, x)"), "\(reason)")
        guard case .failure(.notAProfile(_, let mismatch)) = CreatorHandle.from(reference: "https://x.com/jack", platform: .tiktok) else {
            Issue.record("the URL's platform must be the one named"); return
        }
        #expect(mismatch.contains("a profile on X, not TikTok"), "\(mismatch)")
        #expect(CreatorHandle.from(reference: "page", platform: .facebook) == .failure(.unsupportedPlatform(.facebook)))
    }

    @Test func discoveryStopsAtTheFirstKnownVideo() {
        let videos = ["n3", "n2", "k1", "n0"].map { ChannelVideo(id: $0, url: "u/\($0)", counts: Counts()) }
        #expect(DiscoveryCut.newVideos(videos, known: ["k1"]).map(\.id) == ["n3", "n2"])
        #expect(DiscoveryCut.newVideos(videos, known: []).count == 4)
        #expect(DiscoveryCut.newVideos(videos, known: ["n3"]).isEmpty)
    }

    @Test func milestonesRoundTripAndFireOnce() {
        let list = [Milestone(views: 1_000, reachedAt: Date(millisecondsSince1970: 1_700_000_000_000)), Milestone(views: 50_000)]
        #expect(MilestoneList.decode(MilestoneList.encode(list)) == list)
        #expect(MilestoneList.newlyReached(list, views: 60_000) == [50_000], "1k was reached before")
        #expect(MilestoneList.newlyReached(list, views: nil).isEmpty)
        #expect(MilestoneList.validated([5, 5, 1]).values == [1, 5])
        #expect(MilestoneList.validated([0]).values == nil)
        #expect(MilestoneList.validated(Array(1...21)).values == nil)
    }

    /// Milestones typed in the CLI: commas or spaces between view counts.
    @Test func milestonesTypedAsTextAreReadAndChecked() {
        #expect(MilestoneList.parsed("500000,50000").values == [50_000, 500_000])
        #expect(MilestoneList.parsed(" 1000 , 1000  50000 ").values == [1_000, 50_000])
        #expect(MilestoneList.parsed("50k").problem?.hasPrefix("milestones are view counts separated by commas") == true)
        #expect(MilestoneList.parsed("").values == nil && MilestoneList.parsed(",").values == nil)
        #expect(MilestoneList.parsed("0,5").problem == "milestones are view counts above zero", "the API's rule applies")
    }

    /// Dated videos go newest first; undated ones (YouTube's channel tab through yt-dlp) go last
    /// and keep the listing's order, which is already newest first.
    @Test func newestFirstKeepsTheListingsOrderWhereDatesDoNotDecide() {
        func video(_ id: String, _ at: TimeInterval?) -> ChannelVideo {
            ChannelVideo(id: id, url: "https://www.youtube.com/watch?v=\(id)", counts: Counts(), createdAt: at.map { Date(timeIntervalSince1970: $0) })
        }
        let undated = (0..<40).map { video("u\($0)", nil) }
        #expect(undated.newestFirst.map(\.id) == undated.map(\.id))
        let mixed = [video("a", 100), video("u0", nil), video("b", 300), video("u1", nil), video("c", 200), video("d", 300)]
        #expect(mixed.newestFirst.map(\.id) == ["b", "d", "c", "a", "u0", "u1"])
    }

    /// A partial reading keeps what the last full one said of the account, but no count.
    @Test func aPartialReadingIsFilledFromTheKnownProfileButNotItsCounts() {
        let handle = CreatorHandle(platform: .tiktok, username: "a")
        let known = CreatorProfile(
            handle: handle, platformID: "sec", fullName: "A", bio: "bio", profilePicURL: "https://p/a.jpg", followers: 900,
            following: 4, postsCount: 30, isVerified: true, externalURL: "https://linktr.ee/a")
        var partial = CreatorProfile(handle: handle, platformID: "sec2", fullName: nil)
        partial.isPartial = true
        let filled = partial.filled(from: known)
        #expect(filled.platformID == "sec2" && filled.fullName == "A" && filled.bio == "bio" && filled.profilePicURL == "https://p/a.jpg")
        #expect(filled.externalURL == "https://linktr.ee/a" && filled.isVerified)
        #expect(filled.followers == nil && filled.following == nil && filled.postsCount == nil && !filled.hasCounts)
        #expect(partial.filled(from: nil) == partial)

        let whole = CreatorProfile(handle: handle, fullName: nil, followers: 1)
        #expect(whole.filled(from: known) == whole, "a full reading's nil is the platform's word")
    }
}
