import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// Plans, credits and `GET /v1/usage` over HTTP.
struct PlanEndpointTests {
    static let free = Plan(name: "free", maxTrackedVideos: 2, minimumSnapshotInterval: 7200, requestsPerMinute: 100)
    static let paid = Plan(name: "paid", requestsPerMinute: 100, snapshotPrice: Money(decimal: "0.015")!)

    /// The test app with the plans above, "acme" on `plan` and `credit` dollars.
    func app(plan: String, credit: String? = nil, clock: WallClock = .system) async throws -> TestApp {
        var app = try await TestApp.make(clock: clock)
        app.dependencies.plans = try PlanCatalog(plans: [Self.free, Self.paid, Plan(name: "tiny", requestsPerMinute: 2)], defaultPlanName: "free")
        let account = try #require(try await app.store.account(named: "acme"))
        _ = try await app.store.setPlan(accountID: account.id, plan: plan)
        if let credit { _ = try await app.store.addCredit(accountID: account.id, amount: Money(decimal: credit)!, note: "test", at: Date()) }
        return app
    }

    func url(_ n: Int) -> String { "https://www.tiktok.com/@u/video/\(7_000_000_000_000_000_000 + n)" }

    @Test func aBatchOverTheVideoLimitTracksTheRestAndNamesPlanLimitAndUsage() async throws {
        let app = try await app(plan: "free")
        try await app.test { client in
            let batch = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"urls": ["\#(url(1))", "\#(url(2))", "\#(url(3))"]}"#)
            #expect(batch.status == .ok)
            #expect(batch.results.map { $0["status"] as? String } == ["tracked", "tracked", "error"])
            let refused = try #require(batch.results[2]["error"] as? [String: Any])
            #expect(refused["code"] as? String == "SUBSCRIPTION_LIMIT")
            #expect(refused["plan"] as? String == "free")
            #expect(refused["limit"] as? Int == 2)
            #expect(refused["current"] as? Int == 2)
            #expect((refused["message"] as? String)?.contains("free plan allows 2 tracked videos. Current usage: 2") == true)

            let single = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"video_link": "\#(url(4))"}"#)
            expectError(single, .forbidden, "SUBSCRIPTION_LIMIT", field: "video_link")
            #expect(single.error["limit"] as? Int == 2)

            let hourly = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "\#(url(5))", "cadence": "hourly"}"#)
            expectError(hourly, .forbidden, "SUBSCRIPTION_LIMIT", field: "cadence")
            #expect(hourly.error["minimum_interval_seconds"] as? Int == 7200)
        }
    }

    @Test func trackingReturnsItsEstimatedCostAndRefusesWhatTheBalanceCannotCover() async throws {
        let app = try await app(plan: "paid", credit: "3")
        try await app.test { client in
            let first = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"video_link": "\#(url(1))", "duration_days": 7, "cadence": "hourly"}"#)
            #expect(first.status == .ok)
            #expect(first.results.first?["estimated_cost"] as? Double == 2.52)
            let second = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"video_link": "\#(url(2))", "duration_days": 7, "cadence": "hourly"}"#)
            expectError(second, HTTPResponse.Status(code: 402), "INSUFFICIENT_BALANCE", field: "video_link")
            #expect(second.error["balance"] as? Double == 3)
            #expect(second.error["needed"] as? Double == 2.52)
            #expect(second.error["available"] as? Double == 0.48)
            let daily = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"video_link": "\#(url(3))", "duration_days": 7, "cadence": "daily"}"#)
            #expect(daily.status == .ok, "7 daily snapshots ($0.105) fit in what is left")
        }
    }

    @Test func stoppingEarlyChargesOnlyTheSnapshotsTakenAndUsageShowsIt() async throws {
        let clock = ManualClock(Date())
        let app = try await app(plan: "paid", credit: "10", clock: clock.wallClock)
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"video_link": "\#(url(1))", "duration_days": 7, "cadence": "hourly"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let account = try #require(try await app.store.account(named: "acme"))
            let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: account.id))
            for hour in 0..<4 {
                let at = item.tracking.window.start.addingTimeInterval(Double(hour) * 1800)
                let snapshot = Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: 100, likes: 1), provider: "test")
                try await app.store.recordSnapshot(snapshot, metadata: VideoMetadata(), at: at)
            }
            clock.advance(7200)
            let stopped = try await client.call(.post, "/v1/videos/\(id)/stop", key: app.key)
            #expect(stopped.dataObject["charged"] as? Double == 0.06)
            #expect(stopped.dataObject["estimated_cost"] as? Double == 2.52)

            let usage = try await client.call(.get, "/v1/usage", key: app.key)
            #expect(usage.status == .ok)
            #expect(usage.headers[HTTPField.Name("X-RateLimit-Limit")!] == "100")
            let data = usage.dataObject
            #expect(data["balance_usd"] as? Double == 9.94)
            #expect(data["held_usd"] as? Double == 0)
            #expect(data["available_usd"] as? Double == 9.94)
            let plan = try #require(data["plan"] as? [String: Any])
            #expect(plan["name"] as? String == "paid")
            #expect(plan["price_per_snapshot"] as? Double == 0.015)
            #expect(plan["credits"] as? Bool == true)
            let counts = try #require(data["usage"] as? [String: Any])
            #expect(counts["tracked_videos"] as? Int == 0, "the stopped tracking no longer counts")
            #expect(counts["snapshots_this_month"] as? Int == 4)
            let requests = try #require(counts["requests"] as? [String: Any])
            #expect(requests["limit"] as? Int == 100)
            #expect(requests["used"] as? Int == 2, "the bucket refilled over the two hours; the stop and this request used it")
            let ledger = try #require(data["ledger"] as? [[String: Any]])
            #expect(ledger.count == 5)
            #expect(ledger.filter { $0["kind"] as? String == "snapshot" }.allSatisfy { $0["video_id"] as? String == id && $0["amount"] as? Double == -0.015 })
            let sum = ledger.compactMap { $0["amount"] as? Double }.reduce(0, +)
            #expect(abs(sum - 9.94) < 1e-9, "the ledger sums to the balance")
        }
    }

    @Test func theRequestLimitComesFromThePlan() async throws {
        let app = try await app(plan: "tiny")
        try await app.test { client in
            #expect(try await client.call(.get, "/v1/usage", key: app.key).status == .ok)
            #expect(try await client.call(.get, "/v1/ping", key: app.key).status == .ok)
            let limited = try await client.call(.get, "/v1/ping", key: app.key)
            expectError(limited, .tooManyRequests, "RATE_LIMIT_EXCEEDED")
            #expect(limited.headers[HTTPField.Name("X-RateLimit-Limit")!] == "2")
        }
    }

    @Test func withoutPlansUsageShowsTheUnlimitedPlan() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let usage = try await client.call(.get, "/v1/usage", key: app.key)
            let plan = try #require(usage.dataObject["plan"] as? [String: Any])
            #expect(plan["name"] as? String == "unlimited")
            #expect(plan["max_tracked_videos"] is NSNull)
            #expect(plan["credits"] as? Bool == false)
            #expect(usage.dataObject["balance_usd"] as? Double == 0)
        }
    }

    /// `PATCH /v1/videos/{id}` with `duration_days` and `cadence`: a week lengthened within the
    /// balance, a completed tracking monitoring again, and every refusal in the envelope.
    @Test func aTrackingIsLengthenedOrRePacedWithinThePlanAndTheBalance() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        let app = try await app(plan: "paid", credit: "3", clock: clock.wallClock)
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "\#(url(1))", "duration_days": 7, "cadence": "hourly"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            #expect(tracked.results.first?["estimated_cost"] as? Double == 2.52)
            clock.advance(86_400)
            let tooLong = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"duration_days": 30}"#)
            expectError(tooLong, HTTPResponse.Status(code: 402), "INSUFFICIENT_BALANCE", field: "duration_days")
            #expect(tooLong.error["needed"] as? Double == 8.28, "30 days hourly ($10.80) less the week's $2.52 already held")
            #expect((tooLong.error["message"] as? String)?.contains("this change adds $8.28 to what the tracking may cost") == true, "\(tooLong.error)")
            let daily = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"duration_days": 14, "cadence": "daily", "notes": "extended"}"#)
            #expect(daily.status == .ok)
            #expect(daily.dataObject["duration_days"] as? Int == 14 && daily.dataObject["cadence"] as? String == "daily")
            #expect(daily.dataObject["estimated_cost"] as? Double == 0.21 && daily.dataObject["notes"] as? String == "extended")
            #expect(daily.dataObject["days_remaining"] as? Int == 13)

            // Its window passes: completed. A cadence alone cannot reopen it; a window ending
            // before now is refused with the shortest that would not; a longer one reopens it.
            clock.advance(15 * 86_400)
            #expect(try await client.call(.get, "/v1/videos/\(id)", key: app.key).dataObject["status"] as? String == "completed")
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"cadence": "hourly"}"#), .conflict, "CONFLICT")
            let short = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"duration_days": 10}"#)
            expectError(short, .badRequest, "VALIDATION_ERROR", field: "duration_days")
            #expect((short.error["message"] as? String)?.contains("at least 17") == true, "\(short.error)")
            let reopened = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"duration_days": 20}"#)
            #expect(reopened.dataObject["status"] as? String == "monitoring" && reopened.dataObject["days_remaining"] as? Int == 4)
            #expect(reopened.dataObject["next_check_at"] is String, "scheduled again")

            _ = try await client.call(.post, "/v1/videos/\(id)/stop", key: app.key)
            expectError(try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"duration_days": 30}"#), .conflict, "CONFLICT")
            for (body, field) in [(#"{"duration_days": 31}"#, "duration_days"), (#"{"duration_days": "x"}"#, "duration_days"), (#"{"cadence": "weekly"}"#, "cadence")] {
                expectError(try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: body), .badRequest, "VALIDATION_ERROR", field: field)
            }
        }

        // The free plan's floor (two hours) holds for the tracking's whole life.
        let free = try await self.app(plan: "free")
        try await free.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: free.key, json: #"{"url": "\#(url(2))", "cadence": "daily"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let hourly = try await client.call(.patch, "/v1/videos/\(id)", key: free.key, json: #"{"cadence": "hourly"}"#)
            expectError(hourly, .forbidden, "SUBSCRIPTION_LIMIT", field: "cadence")
            #expect(hourly.error["minimum_interval_seconds"] as? Int == 7200)
        }
    }
}
