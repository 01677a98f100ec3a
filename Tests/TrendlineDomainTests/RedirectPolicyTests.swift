import Testing
import TrendlineDomain

/// The rules a short-link redirect must pass before it is followed.
struct RedirectPolicyTests {
    let policy = RedirectPolicy()
    let link = ShortLink(platform: .tiktok, url: "https://vm.tiktok.com/ZMabc123/")

    @Test func followsRedirectsInsideThePlatform() throws {
        let next = try policy.check(location: "https://www.tiktok.com/@a/video/123?_r=1", from: link.url, hop: 1, link: link).get()
        #expect(next == "https://www.tiktok.com/@a/video/123?_r=1")
    }

    @Test func resolvesRelativeLocations() throws {
        let next = try policy.check(location: "/@a/video/123", from: "https://www.tiktok.com/t/x/", hop: 2, link: link).get()
        #expect(next == "https://www.tiktok.com/@a/video/123")
    }

    @Test(arguments: [
        "http://127.0.0.1/@a/video/1", "http://127.0.0.1:8080/", "https://10.0.0.5/x", "https://192.168.1.1/",
        "https://[::1]/x", "http://localhost/x", "http://foo.localhost/x", "https://169.254.169.254/latest/meta-data",
        "https://intranet/x", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://evil.example/tiktok.com",
        "https://tiktok.com.evil.example/", "ftp://www.tiktok.com/x", "javascript:alert(1)", "file:///etc/passwd",
    ])
    func refusesLeavingThePlatformOrLocalAddresses(location: String) {
        let result = policy.check(location: location, from: link.url, hop: 1, link: link)
        guard case .failure(let error) = result else {
            Issue.record("followed \(location)")
            return
        }
        #expect(error.code == "UNRESOLVABLE_SHORT_LINK")
    }

    @Test func atMostFiveRedirects() {
        #expect((try? policy.check(location: "https://www.tiktok.com/t/a/", from: link.url, hop: 5, link: link).get()) != nil)
        let sixth = policy.check(location: "https://www.tiktok.com/t/a/", from: link.url, hop: 6, link: link)
        guard case .failure(let error) = sixth else {
            Issue.record("a sixth redirect was followed")
            return
        }
        #expect(error.message.contains("more than 5 redirects"))
    }
}
