import Foundation
import Testing
import TrendlineDomain
@testable import TrendlineProviders

/// The yt-dlp creator parser on yt-dlp's real output: `Fixtures/ytdlp-tiktok-user-*.json` was
/// printed by yt-dlp's own code from the real captured TikTok page (scripts/ytdlp_creator_listing.py),
/// so it must read to that page's expected values.
struct YtDlpCreatorParserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func ytDlpsTikTokListingReadsToTheRealPagesValues() throws {
        let listing = try Data(contentsOf: Self.fixtures.appendingPathComponent("ytdlp-tiktok-user-conversion.doc.json"))
        let expected = try JSONDecoder().decode(TikTokPageParserTests.Expected.self, from: try RealFixtures.data("tiktok-video-7430511437199543584.expected.json"))
        let handle = CreatorHandle(platform: .tiktok, username: expected.author)

        let videos = try YtDlpCreatorParser.videos(listing, handle: handle).get()
        #expect(videos.count == 1)
        let video = try #require(videos.first)
        #expect(video.id == expected.external_id)
        #expect(video.url == "https://www.tiktok.com/@\(expected.author)/video/\(expected.external_id)")
        #expect(video.counts == Counts(views: expected.views, likes: expected.likes, comments: expected.comments, shares: expected.shares, saves: expected.saves))
        #expect(video.createdAt == Date(timeIntervalSince1970: TimeInterval(expected.created_at_unix)))
        #expect(video.description?.hasPrefix("The Price Anchor.") == true)

        let profile = try YtDlpCreatorParser.profile(listing, handle: handle).get()
        #expect(profile.platformID == "MS4wLjABAAAABkgMZNmjbYFP7R2QOwNsPP9qKFMK3LEcUEyNjvwhZPl44oCaW1oYpQQYmW0i-rZx")
        #expect(profile.fullName == "The Conversion Doc")
        #expect(profile.followers == nil, "TikTok's listing carries no follower count")
    }

    /// YouTube's channel tab as yt-dlp's `YoutubeTabIE` flattens it (`_extract_video`): views but no
    /// dates, newest first; a short's URL is `/shorts/ID`.
    @Test func youtubeTabEntriesKeepTheListingsOrderAndTheChannelFields() throws {
        let listing = Data("""
            {"id": "UCuAXFkgsw1L7xaCfnd5JJOw", "channel": "Rick Astley", "channel_id": "UCuAXFkgsw1L7xaCfnd5JJOw",
             "uploader_id": "@RickAstleyYT", "channel_follower_count": 4350000, "description": "The official channel",
             "channel_is_verified": true, "title": "Rick Astley - Videos", "_type": "playlist",
             "entries": [
              {"_type": "url", "ie_key": "Youtube", "id": "newest00001", "url": "https://www.youtube.com/watch?v=newest00001", "title": "Newest", "description": null, "view_count": 1200, "live_status": null},
              {"_type": "url", "ie_key": "Youtube", "id": "middle00002", "url": "https://www.youtube.com/shorts/middle00002", "title": "A short", "view_count": "300"},
              {"_type": "url", "ie_key": "Youtube", "id": "oldest00003", "title": "Oldest, no url", "view_count": 5},
              {"_type": "url", "ie_key": "Youtube", "id": "", "url": "https://www.youtube.com/watch?v=", "title": "no id"},
              null
             ]}
            """.utf8)
        let handle = CreatorHandle(platform: .youtube, username: "@rickastleyyt")
        let videos = try YtDlpCreatorParser.videos(listing, handle: handle).get()
        #expect(videos.map(\.id) == ["newest00001", "middle00002", "oldest00003"])
        #expect(videos.map(\.counts.views) == [1200, 300, 5])
        #expect(videos[0].description == "Newest")
        #expect(videos[2].url == "https://www.youtube.com/watch?v=oldest00003")
        #expect(videos.allSatisfy { $0.createdAt == nil && $0.counts.likes == nil })

        let profile = try YtDlpCreatorParser.profile(listing, handle: handle).get()
        #expect(profile.platformID == "UCuAXFkgsw1L7xaCfnd5JJOw")
        #expect(profile.fullName == "Rick Astley")
        #expect(profile.followers == 4_350_000)
        #expect(profile.bio == "The official channel")
        #expect(profile.isVerified)
    }

    @Test func entriesOfAnotherPlatformAreLeftOut() throws {
        let listing = Data(#"{"id": "x", "entries": [{"id": "1", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}, {"id": "7430511437199543584", "url": "https://www.tiktok.com/@a/video/7430511437199543584"}]}"#.utf8)
        let videos = try YtDlpCreatorParser.videos(listing, handle: CreatorHandle(platform: .tiktok, username: "a")).get()
        #expect(videos.map(\.id) == ["7430511437199543584"])
    }

    @Test func unreadableOutputIsMalformed() {
        guard case .failure(.malformed) = YtDlpCreatorParser.videos(Data("{\"id\": ".utf8), handle: CreatorHandle(platform: .tiktok, username: "a")) else {
            Issue.record("expected malformed"); return
        }
    }

    @Test func ytDlpsErrorLinesForCreators() {
        #expect(YtDlpCreatorParser.meansNoVideos("ERROR: [tiktok:user] a: This account does not have any videos posted"))
        #expect(YtDlpCreatorParser.meansNoVideos("ERROR: [youtube:tab] @a: This channel does not have a videos tab"))
        #expect(!YtDlpCreatorParser.meansNoVideos("ERROR: [tiktok:user] a: HTTP Error 429: Too Many Requests"))
        guard case .notFound = YtDlpParser.failure(fromStderr: "ERROR: [youtube:tab] @nobody: This channel does not exist.") else {
            Issue.record("a channel that does not exist is not found"); return
        }
        guard case .privateVideo = YtDlpParser.failure(fromStderr: "ERROR: [tiktok:user] a: This user's account is private. Log into an account that has access") else {
            Issue.record("a private account is private"); return
        }
    }

    /// The video fallback reads TikTok's saves too (yt-dlp prints them as `save_count`).
    @Test func theVideoParserReadsSaves() throws {
        let stats = try YtDlpParser.parse(Data(#"{"id": "1", "view_count": 10, "like_count": 2, "comment_count": 1, "repost_count": 0, "save_count": 7}"#.utf8), externalID: "1").get()
        #expect(stats.counts == Counts(views: 10, likes: 2, comments: 1, shares: 0, saves: 7))
    }
}
