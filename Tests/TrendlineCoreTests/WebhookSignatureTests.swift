import Foundation
import Testing
import TrendlineCore

/// The signature receivers verify, checked against an HMAC computed independently (Python's hmac).
struct WebhookSignatureTests {
    @Test func signatureMatchesAnIndependentHMACAndVerifies() {
        let body = Data(#"{"id":"evt_1","type":"webhook.test"}"#.utf8)
        // python3 -c 'import hmac,hashlib;print(hmac.new(b"whsec_test",b"1700000000."+b"{\"id\":\"evt_1\",\"type\":\"webhook.test\"}",hashlib.sha256).hexdigest())'
        let expected = "684fbc8999ff13aa332102c10e23ad56af8cb3b34c5d3bcba8bf53317e5f6c33"
        #expect(WebhookSignature.sign(secret: "whsec_test", timestamp: 1_700_000_000, body: body) == expected)
        let header = WebhookSignature.headerValue(secret: "whsec_test", timestamp: 1_700_000_000, body: body)
        #expect(header == "t=1700000000,v1=\(expected)")
        let now = Date(timeIntervalSince1970: 1_700_000_100)
        #expect(WebhookSignature.verify(header: header, secret: "whsec_test", body: body, now: now))
        #expect(!WebhookSignature.verify(header: header, secret: "whsec_other", body: body, now: now))
        #expect(!WebhookSignature.verify(header: header, secret: "whsec_test", body: Data("{}".utf8), now: now), "a changed body fails")
        #expect(!WebhookSignature.verify(header: header, secret: "whsec_test", body: body, now: now.addingTimeInterval(3600)), "an old timestamp fails")
        #expect(!WebhookSignature.verify(header: "garbage", secret: "whsec_test", body: body, now: now))
    }
}
