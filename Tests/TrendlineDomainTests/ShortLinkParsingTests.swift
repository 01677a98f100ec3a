import Testing
import TrendlineDomain

/// Short links are recognised per platform and returned for resolution, normalised.
struct ShortLinkParsingTests {
    @Test(arguments: [
        ("https://vm.tiktok.com/ZMabc123/", Platform.tiktok, "https://vm.tiktok.com/ZMabc123/"),
        ("vm.tiktok.com/ZMabc123", .tiktok, "https://vm.tiktok.com/ZMabc123/"),
        ("https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/", .tiktok, "https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/"),
        ("https://www.tiktok.com/t/ZTabc123/", .tiktok, "https://www.tiktok.com/t/ZTabc123/"),
        ("https://www.tiktok.com/t/ZTabc123?_r=1", .tiktok, "https://www.tiktok.com/t/ZTabc123/"),
        ("https://www.instagram.com/share/reel/BAabc123/", .instagram, "https://www.instagram.com/share/reel/BAabc123/"),
        ("https://www.instagram.com/share/BAabc123", .instagram, "https://www.instagram.com/share/BAabc123/"),
        ("https://t.co/AbCdEf1234", .x, "https://t.co/AbCdEf1234"),
        ("https://fb.watch/abcDEF123/", .facebook, "https://fb.watch/abcDEF123/"),
        ("https://www.facebook.com/share/v/1AbCdEf/", .facebook, "https://www.facebook.com/share/v/1AbCdEf/"),
        ("https://www.facebook.com/share/r/1AbCdEf/", .facebook, "https://www.facebook.com/share/r/1AbCdEf/"),
        ("https://lnkd.in/eAbCd12", .linkedin, "https://lnkd.in/eAbCd12"),
    ])
    func shortLinks(input: String, platform: Platform, url: String) throws {
        #expect(try VideoURLParser.parse(input).get() == .shortLink(ShortLink(platform: platform, url: url)))
    }
}
