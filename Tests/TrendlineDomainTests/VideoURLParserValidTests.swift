import Testing
import TrendlineDomain

/// Every accepted URL form maps to the right platform, id and canonical URL.
struct VideoURLParserValidTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let platform: Platform
        let id: String
        let canonical: String
        var testDescription: String { input }
        init(_ input: String, _ platform: Platform, _ id: String, _ canonical: String) {
            self.input = input
            self.platform = platform
            self.id = id
            self.canonical = canonical
        }
    }

    static let tiktokID = "7430511437199543584"
    static let tiktok: [Case] = [
        Case("https://www.tiktok.com/@conversion.doc/video/7430511437199543584", .tiktok, tiktokID, "https://www.tiktok.com/@conversion.doc/video/7430511437199543584"),
        Case("https://www.tiktok.com/@conversion.doc/video/7430511437199543584?is_from_webapp=1&sender_device=pc", .tiktok, tiktokID, "https://www.tiktok.com/@conversion.doc/video/7430511437199543584"),
        Case("https://m.tiktok.com/@conversion.doc/video/7430511437199543584", .tiktok, tiktokID, "https://www.tiktok.com/@conversion.doc/video/7430511437199543584"),
        Case("tiktok.com/@conversion.doc/video/7430511437199543584", .tiktok, tiktokID, "https://www.tiktok.com/@conversion.doc/video/7430511437199543584"),
        Case("http://TikTok.com/@conversion.doc/video/7430511437199543584/", .tiktok, tiktokID, "https://www.tiktok.com/@conversion.doc/video/7430511437199543584"),
        Case("https://www.tiktok.com/@user_1/photo/7430511437199543584", .tiktok, tiktokID, "https://www.tiktok.com/@user_1/photo/7430511437199543584"),
        Case("https://m.tiktok.com/v/7430511437199543584.html", .tiktok, tiktokID, "https://www.tiktok.com/@/video/7430511437199543584"),
        Case("https://www.tiktokv.com/share/video/7430511437199543584/", .tiktok, tiktokID, "https://www.tiktok.com/@/video/7430511437199543584"),
        Case("https://www.tiktok.com/embed/v2/7430511437199543584", .tiktok, tiktokID, "https://www.tiktok.com/@/video/7430511437199543584"),
        Case("https://www.tiktok.com/embed/7430511437199543584", .tiktok, tiktokID, "https://www.tiktok.com/@/video/7430511437199543584"),
        Case("https://www.tiktok.com/@username/video/1234567890", .tiktok, "1234567890", "https://www.tiktok.com/@username/video/1234567890"),
        Case("https://www.tiktok.com/@/video/7430511437199543584", .tiktok, tiktokID, "https://www.tiktok.com/@/video/7430511437199543584"),
        Case("  https://www.tiktok.com/@a.b/video/7430511437199543584#comments  ", .tiktok, tiktokID, "https://www.tiktok.com/@a.b/video/7430511437199543584"),
    ]

    static let youtubeID = "dQw4w9WgXcQ"
    static let watch = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    static let youtube: [Case] = [
        Case("https://www.youtube.com/watch?v=dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s&list=PL123&utm_source=x", .youtube, youtubeID, watch),
        Case("https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://m.youtube.com/watch?v=dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=abc", .youtube, youtubeID, watch),
        Case("https://youtu.be/dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://youtu.be/dQw4w9WgXcQ?si=Ab12Cd34", .youtube, youtubeID, watch),
        Case("https://youtu.be/dQw4w9WgXcQ?t=120", .youtube, youtubeID, watch),
        Case("youtu.be/dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://youtube.com/shorts/dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share", .youtube, youtubeID, watch),
        Case("https://www.youtube.com/live/dQw4w9WgXcQ?si=x", .youtube, youtubeID, watch),
        Case("https://www.youtube.com/embed/dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0", .youtube, youtubeID, watch),
        Case("https://www.youtube.com/v/dQw4w9WgXcQ", .youtube, youtubeID, watch),
        Case("https://www.youtube.com/watch?v=a-b_c-d_e-f", .youtube, "a-b_c-d_e-f", "https://www.youtube.com/watch?v=a-b_c-d_e-f"),
    ]

    static let instagram: [Case] = [
        Case("https://www.instagram.com/reel/ABC123DEF456/", .instagram, "ABC123DEF456", "https://www.instagram.com/p/ABC123DEF456/"),
        Case("https://instagram.com/p/ABC123DEF456/", .instagram, "ABC123DEF456", "https://www.instagram.com/p/ABC123DEF456/"),
        Case("https://www.instagram.com/p/ABC123DEF456/", .instagram, "ABC123DEF456", "https://www.instagram.com/p/ABC123DEF456/"),
        Case("https://www.instagram.com/reels/C_x-Y1z2AbC/", .instagram, "C_x-Y1z2AbC", "https://www.instagram.com/p/C_x-Y1z2AbC/"),
        Case("https://www.instagram.com/tv/CAbCdEfGhIj/", .instagram, "CAbCdEfGhIj", "https://www.instagram.com/p/CAbCdEfGhIj/"),
        Case("https://www.instagram.com/some.user/p/CAbCdEfGhIj/", .instagram, "CAbCdEfGhIj", "https://www.instagram.com/p/CAbCdEfGhIj/"),
        Case("https://www.instagram.com/some.user/reel/CAbCdEfGhIj/", .instagram, "CAbCdEfGhIj", "https://www.instagram.com/p/CAbCdEfGhIj/"),
        Case("https://www.instagram.com/reel/CAbCdEfGhIj/?igsh=MWQ1ZGUxMzBkMA==", .instagram, "CAbCdEfGhIj", "https://www.instagram.com/p/CAbCdEfGhIj/"),
        Case("https://www.instagram.com/p/CAbCdEfGhIj/?utm_source=ig_web_copy_link&img_index=1", .instagram, "CAbCdEfGhIj", "https://www.instagram.com/p/CAbCdEfGhIj/"),
        Case("https://m.instagram.com/p/CAbCdEfGhIj", .instagram, "CAbCdEfGhIj", "https://www.instagram.com/p/CAbCdEfGhIj/"),
        Case("https://instagr.am/p/CAbCdEfGhIj/", .instagram, "CAbCdEfGhIj", "https://www.instagram.com/p/CAbCdEfGhIj/"),
    ]

    static let xID = "1234567890123456789"
    static let x: [Case] = [
        Case("https://x.com/elonmusk/status/1234567890", .x, "1234567890", "https://x.com/elonmusk/status/1234567890"),
        Case("https://twitter.com/jack/status/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://www.twitter.com/jack/status/1234567890123456789?s=20&t=abc", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://mobile.twitter.com/jack/status/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://mobile.x.com/jack/status/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://m.twitter.com/jack/status/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://x.com/i/web/status/1234567890123456789", .x, xID, "https://x.com/i/status/1234567890123456789"),
        Case("https://x.com/i/status/1234567890123456789", .x, xID, "https://x.com/i/status/1234567890123456789"),
        Case("https://x.com/jack/status/1234567890123456789/video/1", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://twitter.com/jack/status/1234567890123456789/photo/1", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://twitter.com/jack/statuses/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://fxtwitter.com/jack/status/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://vxtwitter.com/jack/status/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
        Case("https://fixupx.com/jack/status/1234567890123456789", .x, xID, "https://x.com/jack/status/1234567890123456789"),
    ]

    static let fbID = "1234567890123456"
    static let fbCanonical = "https://www.facebook.com/watch/?v=1234567890123456"
    static let facebook: [Case] = [
        Case("https://www.facebook.com/watch/?v=1234567890123456", .facebook, fbID, fbCanonical),
        Case("https://www.facebook.com/watch?v=1234567890123456&ref=sharing", .facebook, fbID, fbCanonical),
        Case("https://m.facebook.com/watch/?v=1234567890123456", .facebook, fbID, fbCanonical),
        Case("https://web.facebook.com/watch/?v=1234567890123456", .facebook, fbID, fbCanonical),
        Case("https://www.facebook.com/SomePage/videos/1234567890123456/", .facebook, fbID, fbCanonical),
        Case("https://www.facebook.com/SomePage/videos/my-great-video/1234567890123456/", .facebook, fbID, fbCanonical),
        Case("https://www.facebook.com/reel/1234567890123456", .facebook, fbID, fbCanonical),
        Case("https://www.facebook.com/reel/1234567890123456/?mibextid=abc", .facebook, fbID, fbCanonical),
        Case("https://www.facebook.com/video.php?v=1234567890123456", .facebook, fbID, fbCanonical),
        Case("https://facebook.com/watch/?v=1234567890123456", .facebook, fbID, fbCanonical),
    ]

    static let liID = "7123456789012345678"
    static let liCanonical = "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/"
    static let linkedin: [Case] = [
        Case("https://www.linkedin.com/posts/jane-doe_launch-activity-7123456789012345678-AbCd/", .linkedin, liID, liCanonical),
        Case("https://www.linkedin.com/posts/jane-doe_launch-activity-7123456789012345678-AbCd?utm_source=share&utm_medium=member_desktop", .linkedin, liID, liCanonical),
        Case("https://linkedin.com/posts/acme-activity-7123456789012345678-x_Yz", .linkedin, liID, liCanonical),
        Case("https://www.linkedin.com/posts/jane-doe_activity-7123456789012345678-AbCd/", .linkedin, liID, liCanonical),
        Case("https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/", .linkedin, liID, liCanonical),
        Case("https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678", .linkedin, liID, liCanonical),
        Case("https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7123456789012345678/", .linkedin, liID, liCanonical),
        Case("https://www.linkedin.com/feed/update/urn:li:ugcPost:7123456789012345678/", .linkedin, "ugcPost:7123456789012345678", "https://www.linkedin.com/feed/update/urn:li:ugcPost:7123456789012345678/"),
        Case("https://www.linkedin.com/posts/jane_x-ugcPost-7123456789012345678-AbCd", .linkedin, "ugcPost:7123456789012345678", "https://www.linkedin.com/feed/update/urn:li:ugcPost:7123456789012345678/"),
    ]

    static let all = tiktok + youtube + instagram + x + facebook + linkedin

    @Test(arguments: all)
    func parsesToVideo(_ c: Case) throws {
        let parsed = try VideoURLParser.parse(c.input).get()
        #expect(parsed == .video(VideoURL(platform: c.platform, externalID: c.id, canonicalURL: c.canonical)))
    }

    @Test(arguments: all)
    func canonicalURLParsesToItself(_ c: Case) throws {
        let again = try VideoURLParser.parse(c.canonical).get()
        #expect(again == .video(VideoURL(platform: c.platform, externalID: c.id, canonicalURL: c.canonical)))
    }

    @Test func everyPlatformHasCases() {
        for platform in Platform.allCases {
            #expect(Self.all.contains { $0.platform == platform }, "no valid cases for \(platform)")
        }
    }

    @Test func examplesShownByThePlatformsRouteParse() {
        for descriptor in PlatformCatalog.all {
            for example in descriptor.exampleURLs {
                #expect((try? VideoURLParser.parse(example).get())?.platform == descriptor.platform, "\(example)")
            }
        }
    }
}
