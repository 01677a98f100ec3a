import Foundation
import Synchronization
import Testing
import TrendlineProviders

/// The cookies a platform sets, kept and sent back.
struct UpstreamCookieJarTests {
    @Test func cookiesAsTikTokSetsThemAreKeptAndSentBack() {
        let jar = UpstreamCookieJar()
        #expect(jar.header == nil)
        // As TikTok sends them: one header per cookie, dates with commas, attributes in any case.
        let changed = jar.store([
            "ttwid=1%7Cabc; Domain=.tiktok.com; Path=/; Expires=Mon, 27 Sep 2027 14:29:06 GMT; HttpOnly; Secure",
            "tt_csrf_token=csrf-x; path=/; domain=.tiktok.com; samesite=lax; secure; httponly",
            "tt_chain_token=chain+A/1==; path=/; expires=Wed, 31 Mar 2027 14:29:07 GMT; domain=.tiktok.com; secure; httponly",
        ])
        #expect(changed)
        #expect(jar.header == "tt_chain_token=chain+A/1==; tt_csrf_token=csrf-x; ttwid=1%7Cabc", "by name, values as given")
        #expect(!jar.store(["ttwid=1%7Cabc; Path=/"]), "the same value again changes nothing")
        #expect(jar.store(["ttwid=1%7Cnew; Path=/", "tt_csrf_token=; Max-Age=0"]), "a new value replaces; an emptied cookie goes")
        #expect(jar.header == "tt_chain_token=chain+A/1==; ttwid=1%7Cnew")
        #expect(!jar.store(["no equals sign", "=value-without-name", "bad name=x", "big=" + String(repeating: "x", count: UpstreamCookieJar.maximumValueLength + 1)]))
        #expect(jar.header == "tt_chain_token=chain+A/1==; ttwid=1%7Cnew", "what cannot be a cookie is ignored")
    }

    @Test func aJarHoldsABoundedNumberOfCookies() {
        let jar = UpstreamCookieJar()
        jar.store((0..<100).map { "c\($0)=v" })
        #expect(jar.header?.split(separator: ";").count == UpstreamCookieJar.maximumCookies)
        #expect(jar.store(["c0=changed"]), "a cookie already kept can still change at the limit")
    }

    /// Answers a cookie on the first call and records the `Cookie` header of each.
    final class RecordingClient: UpstreamClient {
        let sent = Mutex<[String?]>([])
        func get(_ url: String, headers: [(String, String)]) async throws -> UpstreamResponse {
            let count = sent.withLock { sent in
                sent.append(headers.first { $0.0 == "Cookie" }?.1)
                return sent.count
            }
            return UpstreamResponse(status: 200, setCookies: count == 1 ? ["ttwid=1%7Cfirst; Path=/; HttpOnly"] : [])
        }
    }

    @Test func aCookieCarryingClientSendsBackWhatAnswersSet() async throws {
        let recording = RecordingClient()
        let client = CookieCarryingClient(recording, jar: UpstreamCookieJar())
        _ = try await client.get("https://www.tiktok.com/@maker", headers: [("Accept", "text/html")])
        _ = try await client.get("https://www.tiktok.com/api/creator/item_list/", headers: [])
        #expect(recording.sent.withLock { $0 } == [nil, "ttwid=1%7Cfirst"])
    }
}
