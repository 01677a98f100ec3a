import Foundation
import Synchronization
import Testing
import TrendlineProviders

/// The cookies a platform sets, kept and sent back.
struct UpstreamCookieJarTests {
    /// 2026-12-07T10:00:00Z: the cookies below expire in 2027.
    static let now = Date(timeIntervalSince1970: 1_796_637_600)

    @Test func cookiesAsTikTokSetsThemAreKeptAndSentBack() {
        let jar = UpstreamCookieJar(now: { Self.now })
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
        let jar = UpstreamCookieJar(now: { Self.now })
        jar.store((0..<100).map { "c\($0)=v" })
        #expect(jar.header?.split(separator: ";").count == UpstreamCookieJar.maximumCookies)
        #expect(jar.store(["c0=changed"]), "a cookie already kept can still change at the limit")
    }

    /// A cookie is sent until its Max-Age or Expires passes; one set already expired removes it.
    @Test func cookiesAreSentUntilTheyExpire() {
        let clock = Mutex(Self.now)
        let jar = UpstreamCookieJar(now: { clock.withLock { $0 } })
        #expect(jar.store([
            "msToken=short; Max-Age=60; Path=/", "ttwid=1%7Cyear; Expires=Tue, 07 Dec 2027 10:00:00 GMT; Path=/", "session=s; Path=/",
        ]))
        #expect(jar.header == "msToken=short; session=s; ttwid=1%7Cyear")
        clock.withLock { $0 = Self.now.addingTimeInterval(61) }
        #expect(jar.header == "session=s; ttwid=1%7Cyear", "Max-Age passed")
        #expect(!jar.store(["gone=x; Expires=Thu, 01 Jan 2026 00:00:00 GMT"]), "already expired: not kept")
        #expect(jar.store(["ttwid=1%7Cyear; Expires=Thu, 01 Jan 2026 00:00:00 GMT"]), "an expiry in the past removes it")
        #expect(jar.header == "session=s")
        clock.withLock { $0 = Self.now.addingTimeInterval(400 * 86_400) }
        #expect(jar.header == "session=s", "a session cookie lasts while the process runs")
        #expect(!jar.store(["x=1; Max-Age=0"]) && jar.header == "session=s")
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
