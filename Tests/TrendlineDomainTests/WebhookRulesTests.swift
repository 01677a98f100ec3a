import Foundation
import Testing
import TrendlineDomain

/// Which webhook targets are accepted and when failed deliveries are retried.
struct WebhookRulesTests {
    @Test func privateTargetsAreRefusedUnlessAllowed() {
        let strict = WebhookTargetPolicy()
        for url in ["https://hooks.example.com/x", "http://203.0.113.9:8080/in", "https://[2001:db8::1]/x"] {
            #expect((try? strict.check(url).get()) != nil, "\(url) is public")
        }
        for url in ["http://127.0.0.1:9000/x", "http://localhost/x", "http://10.1.2.3/x", "http://192.168.1.5/x", "http://172.20.0.1/x",
                    "http://169.254.169.254/latest", "http://[::1]/x", "http://[fe80::1]/x", "http://intranet/x", "http://printer.local/x",
                    "http://100.64.0.1/x"] {
            guard case .failure(.privateAddress) = strict.check(url) else { Issue.record("\(url) should be refused as private"); continue }
        }
        for url in ["ftp://example.com/x", "not a url", "https://user:pw@example.com/x", "/relative"] {
            guard case .failure(.invalid) = strict.check(url) else { Issue.record("\(url) should be invalid"); continue }
        }
        let open = WebhookTargetPolicy(allowPrivateAddresses: true)
        #expect((try? open.check("http://127.0.0.1:9000/x").get()) == "http://127.0.0.1:9000/x")
    }

    @Test func retriesBackOffAndGiveUpAfterADay() {
        let policy = WebhookRetryPolicy()
        let created = Date(timeIntervalSince1970: 1_000_000)
        #expect(policy.nextAttempt(after: 1, eventCreatedAt: created, now: created) == created.addingTimeInterval(30))
        #expect(policy.nextAttempt(after: 2, eventCreatedAt: created, now: created) == created.addingTimeInterval(60))
        #expect(policy.nextAttempt(after: 5, eventCreatedAt: created, now: created) == created.addingTimeInterval(480))
        #expect(policy.nextAttempt(after: 20, eventCreatedAt: created, now: created) == created.addingTimeInterval(7200), "capped at 2 h")
        #expect(policy.nextAttempt(after: 20, eventCreatedAt: created, now: created.addingTimeInterval(23 * 3600)) == nil, "past 24 h: fail")
        var attempts = 0
        var now = created
        while let next = policy.nextAttempt(after: attempts + 1, eventCreatedAt: created, now: now) { attempts += 1; now = next }
        #expect((15...25).contains(attempts), "about a day of retries: \(attempts)")
    }
}
