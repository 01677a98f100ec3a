import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// `/v1/webhooks` over HTTP.
struct WebhookEndpointTests {
    @Test func createShowsTheSecretOnceAndListsWithout() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let created = try await client.call(
                .post, "/v1/webhooks", key: app.key,
                json: #"{"url": "https://hooks.example.com/t", "events": ["snapshot.created", "tracking.completed"], "description": "crm"}"#)
            #expect(created.status == .created)
            let secret = try #require(created.dataObject["secret"] as? String)
            #expect(secret.hasPrefix("whsec_") && secret.count == 38)
            #expect(created.dataObject["events"] as? [String] == ["snapshot.created", "tracking.completed"])
            let id = try #require(created.dataObject["id"] as? String)
            let listed = try await client.call(.get, "/v1/webhooks", key: app.key)
            #expect(listed.dataArray.count == 1)
            #expect(listed.dataArray.first?["secret"] == nil, "the secret is shown once")
            let one = try await client.call(.get, "/v1/webhooks/\(id)", key: app.key)
            #expect(one.dataObject["enabled"] as? Bool == true)
            #expect(one.dataObject["secret"] == nil)

            let patched = try await client.call(.patch, "/v1/webhooks/\(id)", key: app.key, json: #"{"enabled": false, "events": ["video.unavailable"]}"#)
            #expect(patched.dataObject["enabled"] as? Bool == false)
            #expect(patched.dataObject["events"] as? [String] == ["video.unavailable"])

            let other = try await app.otherKey()
            expectError(try await client.call(.get, "/v1/webhooks/\(id)", key: other), .notFound, "NOT_FOUND")
            expectError(try await client.call(.delete, "/v1/webhooks/\(id)", key: other), .notFound, "NOT_FOUND")
            #expect(try await client.call(.delete, "/v1/webhooks/\(id)", key: app.key).status == .ok)
            expectError(try await client.call(.get, "/v1/webhooks/\(id)", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    /// ContentStats' webhook request carries the receiver's own secret: deliveries are signed
    /// with it, so the receiver's check works unchanged.
    @Test func aSecretTheCallerChoosesIsTheOneDeliveriesAreSignedWith() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let created = try await client.call(
                .post, "/api/v1/webhooks", key: app.key,
                json: #"{"events": ["snapshot.created", "tracking.completed"], "url": "https://your-app.com/webhooks/contentstats", "secret": "whsec_your_secret"}"#)
            #expect(created.status == .created, "\(created.json)")
            #expect(created.dataObject["secret"] as? String == "whsec_your_secret")
            let acme = try #require(try await app.store.account(named: "acme"))
            #expect(try await app.store.webhooks(accountID: acme.id).map(\.secret) == ["whsec_your_secret"], "stored, so the sender signs with it")
        }
    }

    @Test func badTargetsAndEventsAreRefusedNamingTheField() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let cases: [(String, String)] = [
                (#"{"url": "http://127.0.0.1:9000/x", "events": ["snapshot.created"]}"#, "url"),
                (#"{"url": "http://169.254.169.254/", "events": ["snapshot.created"]}"#, "url"),
                (#"{"url": "ftp://example.com/x", "events": ["snapshot.created"]}"#, "url"),
                (#"{"url": "https://hooks.example.com/x", "events": ["video.exploded"]}"#, "events"),
                (#"{"url": "https://hooks.example.com/x", "events": []}"#, "events"),
                (#"{"url": "https://hooks.example.com/x", "events": ["webhook.test"]}"#, "events"),
                (#"{"events": ["snapshot.created"]}"#, "url"),
                (#"{"url": "https://hooks.example.com/x"}"#, "events"),
                (#"{"url": 5, "events": ["snapshot.created"]}"#, "url"),
                (#"{"url": "https://hooks.example.com/x", "events": ["snapshot.created"], "secret": "short"}"#, "secret"),
                (#"{"url": "https://hooks.example.com/x", "events": ["snapshot.created"], "secret": "a secret with spaces"}"#, "secret"),
                (#"{"url": "https://hooks.example.com/x", "events": ["snapshot.created"], "secret": 1234567890123456}"#, "secret"),
            ]
            for (body, field) in cases {
                expectError(try await client.call(.post, "/v1/webhooks", key: app.key, json: body), .badRequest, "VALIDATION_ERROR", field: field)
            }
            #expect(try await client.call(.get, "/v1/webhooks", key: app.key).dataArray.isEmpty)
        }
    }

    @Test func loopbackTargetsWhenTheOperatorAllowsThem() async throws {
        var open = try await TestApp.make()
        open.dependencies.webhookTargets = WebhookTargetPolicy(allowPrivateAddresses: true)
        let app = open
        try await app.test { client in
            let created = try await client.call(.post, "/v1/webhooks", key: app.key, json: #"{"url": "http://127.0.0.1:9000/x", "events": ["snapshot.created"]}"#)
            #expect(created.status == .created)
        }
    }

    @Test func testEventsQueueADeliveryThatCanBeRedelivered() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let created = try await client.call(.post, "/v1/webhooks", key: app.key, json: #"{"url": "https://hooks.example.com/t", "events": ["snapshot.created"]}"#)
            let id = try #require(created.dataObject["id"] as? String)
            let test = try await client.call(.post, "/v1/webhooks/\(id)/test", key: app.key)
            #expect(test.status == .accepted)
            #expect(test.dataObject["event_type"] as? String == "webhook.test")
            #expect(test.dataObject["status"] as? String == "pending")
            let deliveryID = try #require(test.dataObject["id"] as? Int)
            let log = try await client.call(.get, "/v1/webhooks/\(id)/deliveries", key: app.key)
            #expect(log.dataArray.map { $0["id"] as? Int } == [deliveryID])
            #expect((log.dataArray.first?["event_id"] as? String)?.hasPrefix("evt_") == true)
            let again = try await client.call(.post, "/v1/webhooks/\(id)/deliveries/\(deliveryID)/redeliver", key: app.key)
            #expect(again.status == .accepted)
            expectError(try await client.call(.post, "/v1/webhooks/\(id)/deliveries/999999/redeliver", key: app.key), .notFound, "NOT_FOUND")
            expectError(try await client.call(.post, "/v1/webhooks/\(UUID().uuidString)/test", key: app.key), .notFound, "NOT_FOUND")
            expectError(try await client.call(.get, "/v1/webhooks/\(id)/deliveries?limit=0", key: app.key), .badRequest, "VALIDATION_ERROR", field: "limit")

            // A disabled endpoint is sent nothing: a test or a redelivery is refused, saying how to enable it.
            _ = try await client.call(.patch, "/v1/webhooks/\(id)", key: app.key, json: #"{"enabled": false}"#)
            let refused = try await client.call(.post, "/v1/webhooks/\(id)/test", key: app.key)
            expectError(refused, .conflict, "CONFLICT")
            #expect((refused.error["message"] as? String)?.contains(#"PATCH {"enabled": true}"#) == true, "\(refused.json)")
            expectError(try await client.call(.post, "/v1/webhooks/\(id)/deliveries/\(deliveryID)/redeliver", key: app.key), .conflict, "CONFLICT")
            let parked = try await client.call(.get, "/v1/webhooks/\(id)/deliveries", key: app.key).dataArray
            #expect(parked.count == 1 && parked.first?["status"] as? String == "pending" && parked.first?["next_attempt_at"] is NSNull, "it waits: \(parked)")
            _ = try await client.call(.patch, "/v1/webhooks/\(id)", key: app.key, json: #"{"enabled": true}"#)
            #expect(try await client.call(.post, "/v1/webhooks/\(id)/test", key: app.key).status == .accepted)
            let resumed = try await client.call(.get, "/v1/webhooks/\(id)/deliveries", key: app.key).dataArray
            #expect(resumed.count == 2 && resumed.allSatisfy { $0["next_attempt_at"] is String }, "due again: \(resumed)")
        }
    }

    /// `POST /v1/webhooks/{id}/replay`: the failed deliveries go out again after an outage.
    @Test func failedDeliveriesAreReplayed() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let created = try await client.call(.post, "/v1/webhooks", key: app.key, json: #"{"url": "https://hooks.example.com/r", "events": ["snapshot.created"]}"#)
            let id = try #require(created.dataObject["id"] as? String)
            let test = try await client.call(.post, "/v1/webhooks/\(id)/test", key: app.key)
            let deliveryID = try #require((test.dataObject["id"] as? Int).map(Int64.init))
            try await app.store.recordDeliveryAttempt(
                DeliveryAttempt(statusCode: 502, latencyMilliseconds: 3, error: "HTTP 502", retryAt: nil), deliveryID: deliveryID, at: Date(),
                disableFailingSince: Date().addingTimeInterval(-86_400))
            #expect(try await client.call(.get, "/v1/webhooks/\(id)/deliveries", key: app.key).dataArray.first?["status"] as? String == "failed")

            let later = try await client.call(.post, "/v1/webhooks/\(id)/replay?since=2999-01-01T00:00:00Z", key: app.key)
            #expect(later.status == .accepted && later.dataObject["redelivered"] as? Int == 0, "nothing failed since then")
            let replayed = try await client.call(.post, "/v1/webhooks/\(id)/replay", key: app.key)
            #expect(replayed.status == .accepted && replayed.dataObject["redelivered"] as? Int == 1 && replayed.dataObject["webhook_id"] as? String == id)
            let log = try await client.call(.get, "/v1/webhooks/\(id)/deliveries", key: app.key).dataArray
            #expect(log.first?["status"] as? String == "pending" && log.first?["next_attempt_at"] is String, "\(log)")

            expectError(try await client.call(.post, "/v1/webhooks/\(id)/replay?since=yesterday", key: app.key), .badRequest, "VALIDATION_ERROR", field: "since")
            expectError(try await client.call(.post, "/v1/webhooks/\(UUID().uuidString)/replay", key: app.key), .notFound, "NOT_FOUND")
            _ = try await client.call(.patch, "/v1/webhooks/\(id)", key: app.key, json: #"{"enabled": false}"#)
            expectError(try await client.call(.post, "/v1/webhooks/\(id)/replay", key: app.key), .conflict, "CONFLICT")
        }
    }
}
