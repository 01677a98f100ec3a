import Testing
import TrendlineDomain

/// Malformed or unsupported input gives a typed error whose code names the problem.
struct VideoURLParserMalformedTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let code: String
        var testDescription: String { "\(input.prefix(80)) -> \(code)" }
        init(_ input: String, _ code: String) {
            self.input = input
            self.code = code
        }
    }

    static let invalidURL = "INVALID_URL"
    static let unsupported = "UNSUPPORTED_PLATFORM"
    static let notAVideo = "NOT_A_VIDEO_URL"
    static let badID = "INVALID_VIDEO_ID"

    static let generic: [Case] = [
        Case("", invalidURL), Case("   ", invalidURL), Case("\n\t", invalidURL),
        Case(String(repeating: "a", count: 2049), invalidURL),
        Case("ftp://www.tiktok.com/@a/video/1", invalidURL), Case("javascript:alert(1)", invalidURL),
        Case("mailto:someone@example.com", invalidURL), Case("file:///etc/passwd", invalidURL),
        Case("https://", invalidURL), Case("https:///video/1", invalidURL),
        Case("https://www.tiktok.com/@a/video/1 2", invalidURL), Case("https://www.you tube.com/watch?v=dQw4w9WgXcQ", invalidURL),
        Case("https://example.com/watch?v=dQw4w9WgXcQ", unsupported), Case("https://vimeo.com/123456", unsupported),
        Case("https://127.0.0.1/@a/video/1", unsupported), Case("https://[::1]/watch?v=dQw4w9WgXcQ", unsupported),
        Case("https://tiktok.com.evil.example/@a/video/1", unsupported), Case("https://eviltiktok.com/@a/video/1", unsupported),
        Case("https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ", unsupported), Case("just some words", invalidURL),
        Case("localhost:8080/watch", unsupported), Case("https://notyoutube.com/watch?v=dQw4w9WgXcQ", unsupported),
    ]

    static let tiktok: [Case] = [
        Case("https://www.tiktok.com/", notAVideo), Case("https://www.tiktok.com/@user", notAVideo),
        Case("https://www.tiktok.com/@user/", notAVideo), Case("https://www.tiktok.com/@user/video", notAVideo),
        Case("https://www.tiktok.com/@user/video/", notAVideo), Case("https://www.tiktok.com/@user/video/abc", badID),
        Case("https://www.tiktok.com/@user/video/12345678901234567890123", badID), Case("https://www.tiktok.com/@user/video/-1", badID),
        Case("https://www.tiktok.com/@user/video/12.5", badID), Case("https://www.tiktok.com/@user/video/７４３", badID),
        Case("https://www.tiktok.com/@us er/video/1", invalidURL), Case("https://www.tiktok.com/@us%20er/video/1", notAVideo),
        Case("https://www.tiktok.com/@user/live", notAVideo), Case("https://www.tiktok.com/music/song-123", notAVideo),
        Case("https://www.tiktok.com/tag/dance", notAVideo), Case("https://www.tiktok.com/discover", notAVideo),
        Case("https://www.tiktok.com/foryou", notAVideo), Case("https://m.tiktok.com/v/abc.html", badID),
        Case("https://m.tiktok.com/v/.html", badID), Case("https://www.tiktokv.com/share/video/xyz/", badID),
        Case("https://www.tiktok.com/embed/v2/notanumber", badID), Case("https://vm.tiktok.com/", notAVideo),
        Case("https://vm.tiktok.com/a/b", notAVideo), Case("https://vt.tiktok.com/!!!/", notAVideo),
        Case("https://vt.tiktok.com/ab/", notAVideo), Case("https://www.tiktok.com/t/", notAVideo),
        Case("https://www.tiktok.com/t/a$b/", notAVideo), Case("https://www.tiktok.com/@user/videos/1", notAVideo),
        Case("https://www.tiktok.com/@user/following", notAVideo), Case("https://www.tiktok.com/login", notAVideo),
    ]

    static let youtube: [Case] = [
        Case("https://www.youtube.com/", notAVideo), Case("https://www.youtube.com/watch", notAVideo),
        Case("https://www.youtube.com/watch?x=dQw4w9WgXcQ", notAVideo), Case("https://www.youtube.com/watch?v=", badID),
        Case("https://www.youtube.com/watch?v=short", badID), Case("https://www.youtube.com/watch?v=dQw4w9WgXcQQ", badID),
        Case("https://www.youtube.com/watch?v=dQw4w9WgXc!", badID), Case("https://www.youtube.com/watch?v=dQw4w9WgX%20Q", badID),
        Case("https://youtu.be/", notAVideo), Case("https://youtu.be/dQw4w9WgXc", badID),
        Case("https://youtu.be/dQw4w9WgXcQ/extra", notAVideo), Case("https://youtu.be/dQw4w9WgXcQx", badID),
        Case("https://www.youtube.com/shorts/", notAVideo), Case("https://www.youtube.com/shorts/abc", badID),
        Case("https://www.youtube.com/live/", notAVideo), Case("https://www.youtube.com/embed/", notAVideo),
        Case("https://www.youtube.com/embed/toolongvideoid", badID), Case("https://www.youtube.com/@MrBeast", notAVideo),
        Case("https://www.youtube.com/@MrBeast/videos", notAVideo), Case("https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA", notAVideo),
        Case("https://www.youtube.com/c/SomeChannel", notAVideo), Case("https://www.youtube.com/user/someone", notAVideo),
        Case("https://www.youtube.com/playlist?list=PL123", notAVideo), Case("https://www.youtube.com/results?search_query=cats", notAVideo),
        Case("https://www.youtube.com/feed/trending", notAVideo), Case("https://music.youtube.com/browse/abc", notAVideo),
        Case("https://www.youtube-nocookie.com/", notAVideo), Case("https://www.youtube.com/v/", notAVideo),
        Case("https://www.youtube.com/watch?v=dQw4w9WgXc\u{00e9}", badID), Case("https://m.youtube.com/shorts/12345", badID),
    ]

    static let instagram: [Case] = [
        Case("https://www.instagram.com/", notAVideo), Case("https://www.instagram.com/someuser/", notAVideo),
        Case("https://www.instagram.com/p/", notAVideo), Case("https://www.instagram.com/reel/", notAVideo),
        Case("https://www.instagram.com/p/abc/", badID), Case("https://www.instagram.com/p/a$bcdef/", badID),
        Case("https://www.instagram.com/reel/CAbC%21dEf/", badID), Case("https://www.instagram.com/p/\(String(repeating: "A", count: 65))/", badID),
        Case("https://www.instagram.com/stories/someuser/3123456789/", notAVideo), Case("https://www.instagram.com/explore/", notAVideo),
        Case("https://www.instagram.com/explore/tags/cats/", notAVideo), Case("https://www.instagram.com/accounts/login/", notAVideo),
        Case("https://www.instagram.com/share/", notAVideo), Case("https://www.instagram.com/share/reel/!!/", notAVideo),
        Case("https://www.instagram.com/tv/", notAVideo), Case("https://www.instagram.com/reels/", notAVideo),
        Case("https://www.instagram.com/someuser/p/", notAVideo), Case("https://www.instagram.com/direct/inbox/", notAVideo),
        Case("https://instagr.am/", notAVideo), Case("https://www.instagram.com/p/ab/", badID),
        Case("https://www.instagram.com/reel/ab.cd/", badID), Case("https://www.instagram.com/someuser/tagged/", notAVideo),
        Case("https://www.instagram.com/someuser/reels/", notAVideo), Case("https://www.instagram.com/p/AB CD/", invalidURL),
        Case("https://www.instagram.com/reel/ÄBCDEF/", badID), Case("https://www.instagram.com/about/", notAVideo),
        Case("https://www.instagram.com/stories/highlights/123/", notAVideo), Case("https://www.instagram.com/a/b/c/d/", notAVideo),
        Case("https://www.instagram.com/tv/x/", badID), Case("https://www.instagram.com/reels/audio/123/", notAVideo),
    ]

    static let x: [Case] = [
        Case("https://x.com/", notAVideo), Case("https://x.com/jack", notAVideo), Case("https://twitter.com/jack/", notAVideo),
        Case("https://x.com/jack/status/", notAVideo), Case("https://x.com/jack/status/abc", badID),
        Case("https://x.com/jack/status/12345678901234567890123", badID), Case("https://x.com/jack/status/-5", badID),
        Case("https://x.com/jack/status/1.5", badID), Case("https://x.com/i/web/status/", notAVideo),
        Case("https://x.com/i/web/status/x1", badID), Case("https://x.com/jack/likes", notAVideo),
        Case("https://x.com/search?q=cats", notAVideo), Case("https://x.com/home", notAVideo),
        Case("https://x.com/jack/lists/123", notAVideo), Case("https://x.com/hashtag/cats", notAVideo),
        Case("https://t.co/", notAVideo), Case("https://t.co/a/b", notAVideo), Case("https://t.co/ab", notAVideo),
        Case("https://t.co/\(String(repeating: "a", count: 33))", notAVideo), Case("https://t.co/a!b", notAVideo),
        Case("https://twitter.com/jack/status/123abc/video/1", badID),
        Case("https://x.com/ja ck/status/1", invalidURL), Case("https://x.com/ja!ck/status/1", notAVideo),
        Case("https://mobile.twitter.com/", notAVideo), Case("https://twitter.com/i/spaces/1abc", notAVideo),
        Case("https://x.com/jack/status/%31%32a", badID), Case("https://x.com/messages", notAVideo),
        Case("https://x.com/settings/profile", notAVideo), Case("https://x.com/jack/media", notAVideo),
        Case("https://x.com/i/bookmarks", notAVideo),
    ]

    static let facebook: [Case] = [
        Case("https://www.facebook.com/", notAVideo), Case("https://www.facebook.com/watch/", notAVideo),
        Case("https://www.facebook.com/watch/?x=1", notAVideo), Case("https://www.facebook.com/watch/?v=abc", badID),
        Case("https://www.facebook.com/watch/?v=", badID), Case("https://www.facebook.com/watch/?v=12345678901234567890123456", badID),
        Case("https://www.facebook.com/SomePage", notAVideo), Case("https://www.facebook.com/SomePage/videos/", notAVideo),
        Case("https://www.facebook.com/SomePage/videos/abc/", badID), Case("https://www.facebook.com/reel/", notAVideo),
        Case("https://www.facebook.com/reel/abc", badID), Case("https://www.facebook.com/reel/-12", badID),
        Case("https://www.facebook.com/video.php", notAVideo), Case("https://www.facebook.com/video.php?v=x", badID),
        Case("https://fb.watch/", notAVideo), Case("https://fb.watch/a/b/", notAVideo), Case("https://fb.watch/ab/", notAVideo),
        Case("https://fb.watch/a!bc/", notAVideo), Case("https://www.facebook.com/share/v/", notAVideo),
        Case("https://www.facebook.com/share/v/!!!/", notAVideo), Case("https://www.facebook.com/groups/123/", notAVideo),
        Case("https://www.facebook.com/events/123/", notAVideo), Case("https://www.facebook.com/marketplace/", notAVideo),
        Case("https://www.facebook.com/photo/?fbid=123", notAVideo), Case("https://www.facebook.com/profile.php?id=123", notAVideo),
        Case("https://www.facebook.com/SomePage/posts/123", notAVideo), Case("https://www.facebook.com/stories/123", notAVideo),
        Case("https://www.facebook.com/watch/live/?v=x", badID), Case("https://www.facebook.com/gaming/", notAVideo),
        Case("https://www.facebook.com/SomePage/videos/slug-only/", badID),
    ]

    static let linkedin: [Case] = [
        Case("https://www.linkedin.com/", notAVideo), Case("https://www.linkedin.com/in/jane-doe/", notAVideo),
        Case("https://www.linkedin.com/company/acme/", notAVideo), Case("https://www.linkedin.com/posts/", notAVideo),
        Case("https://www.linkedin.com/posts/jane-doe_launch", notAVideo), Case("https://www.linkedin.com/posts/jane-activity-abc-XyZ", badID),
        Case("https://www.linkedin.com/posts/jane-activity-", notAVideo), Case("https://www.linkedin.com/feed/", notAVideo),
        Case("https://www.linkedin.com/feed/update/", notAVideo), Case("https://www.linkedin.com/feed/update/urn:li:activity:", notAVideo),
        Case("https://www.linkedin.com/feed/update/urn:li:activity:abc/", badID), Case("https://www.linkedin.com/feed/update/urn:li:group:123/", notAVideo),
        Case("https://www.linkedin.com/feed/update/urn:li:activity/", notAVideo), Case("https://www.linkedin.com/feed/update/activity:123/", notAVideo),
        Case("https://www.linkedin.com/feed/update/urn:xx:activity:123/", notAVideo), Case("https://www.linkedin.com/jobs/view/123/", notAVideo),
        Case("https://www.linkedin.com/learning/course", notAVideo), Case("https://www.linkedin.com/pulse/article-slug/", notAVideo),
        Case("https://www.linkedin.com/events/123/", notAVideo), Case("https://www.linkedin.com/groups/123/", notAVideo),
        Case("https://lnkd.in/", notAVideo), Case("https://lnkd.in/a/b", notAVideo), Case("https://lnkd.in/ab", notAVideo),
        Case("https://lnkd.in/a!bc", notAVideo), Case("https://www.linkedin.com/feed/update/urn:li:activity:12345678901234567890123456/", badID),
        Case("https://www.linkedin.com/posts/x-activity-12345678901234567890123456-ab", badID), Case("https://www.linkedin.com/search/results/all/", notAVideo),
        Case("https://www.linkedin.com/messaging/", notAVideo), Case("https://www.linkedin.com/feed/update/urn:li:share:x1/", badID),
        Case("https://www.linkedin.com/mynetwork/", notAVideo),
    ]

    static let all = generic + tiktok + youtube + instagram + x + facebook + linkedin

    @Test(arguments: all)
    func rejected(_ c: Case) {
        switch VideoURLParser.parse(c.input) {
        case .success(let parsed):
            Issue.record("expected \(c.code), parsed \(parsed)")
        case .failure(let error):
            #expect(error.code == c.code, "\(error.message)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func atLeastThirtyMalformedPerPlatform() {
        for (name, cases) in [("tiktok", Self.tiktok), ("youtube", Self.youtube), ("instagram", Self.instagram), ("x", Self.x), ("facebook", Self.facebook), ("linkedin", Self.linkedin)] {
            #expect(cases.count >= 29, "\(name) has \(cases.count) malformed cases")
        }
    }

    @Test func errorsNameWhatIsWrong() {
        #expect(VideoURLParser.parse("https://vimeo.com/1").failureMessage.contains("vimeo.com"))
        #expect(VideoURLParser.parse("https://www.youtube.com/watch?v=short").failureMessage.contains("'short'"))
        #expect(VideoURLParser.parse("https://www.tiktok.com/@someone").failureMessage.contains("profile"))
        #expect(VideoURLParser.parse("ftp://x.com/a").failureMessage.contains("ftp"))
    }
}

extension Result where Failure == VideoURLError {
    var failureMessage: String {
        if case .failure(let error) = self { return error.message }
        return ""
    }
}
