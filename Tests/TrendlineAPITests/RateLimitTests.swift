import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineCore
import TrendlineStore

/// Per-key request and URL budgets, with their headers on every /v1 answer.
struct RateLimitTests {
    let limitHeader = HTTPField.Name("X-RateLimit-Limit")!
    let remainingHeader = HTTPField.Name("X-RateLimit-Remaining")!
    let resetHeader = HTTPField.Name("X-RateLimit-Reset")!

    /// Buckets the store cannot take from (PostgreSQL's rows, on a full disk).
    struct UnavailableLimiter: RateLimiter {
        func take(_ name: String, limit: Int, per period: TimeInterval, cost: Int, at date: Date) async throws -> RateTake {
            throw StoreError.unavailable("the database server's disk is full; nothing was changed")
        }
    }

    @Test func aLimiterThatCannotWriteDoesNotRefuseReads() async throws {
        var made = try await TestApp.make()
        made.dependencies.rateLimiter = UnavailableLimiter()
        let app = made
        try await app.test { client in
            let list = try await client.call(.get, "/v1/videos", key: app.key)
            #expect(list.status == .ok, "\(list.json)")
            #expect(list.headers[limitHeader] == nil, "uncounted, so no budget is announced")
        }
    }

    @Test func headersOnEveryAnswerAnd429WithRetryAfter() async throws {
        var configuration = APIConfiguration()
        configuration.requestsPerMinute = 4
        let app = try await TestApp.make(configuration: configuration)
        try await app.test { client in
            let ok = try await client.call(.get, "/v1/ping", key: app.key)
            #expect(ok.headers[limitHeader] == "4")
            #expect(ok.headers[remainingHeader] == "3")
            #expect(ok.headers[resetHeader].flatMap(Int.init).map { $0 > 0 && $0 <= 60 } == true)
            let notFound = try await client.call(.get, "/v1/videos/\(UUID().uuidString)", key: app.key)
            expectError(notFound, .notFound, "NOT_FOUND")
            #expect(notFound.headers[remainingHeader] == "2", "errors carry the headers too")
            let invalid = try await client.call(.post, "/v1/videos/track", key: app.key, json: "{}")
            expectError(invalid, .badRequest, "VALIDATION_ERROR")
            #expect(invalid.headers[remainingHeader] == "1")
            _ = try await client.call(.get, "/v1/ping", key: app.key)
            let limited = try await client.call(.get, "/v1/ping", key: app.key)
            expectError(limited, .tooManyRequests, "RATE_LIMIT_EXCEEDED")
            #expect(limited.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 && $0 <= 15 } == true)
            #expect(limited.headers[remainingHeader] == "0")

            let other = try await app.otherKey()
            #expect(try await client.call(.get, "/v1/ping", key: other).status == .ok, "each key has its own budget")
            #expect(try await client.call(.get, "/health", key: nil).headers[limitHeader] == nil, "only /v1 is limited")
        }
    }

    @Test func urlBudgetRefusesABatchWholeAndSaysWhen() async throws {
        var configuration = APIConfiguration()
        configuration.urlsPerMinute = 60
        // A still clock: on a loaded machine real seconds pass between the two batches.
        let app = try await TestApp.make(configuration: configuration, clock: ManualClock(Date()).wallClock)
        @Sendable func batch(_ start: Int) -> String {
            #"{"urls": [\#((start..<start + 50).map { "\"https://www.tiktok.com/@u/video/\(1000 + $0)\"" }.joined(separator: ","))]}"#
        }
        try await app.test { client in
            let first = try await client.call(.post, "/v1/videos/track", key: app.key, json: batch(0))
            #expect(first.status == .ok)
            let second = try await client.call(.post, "/v1/videos/track", key: app.key, json: batch(50))
            expectError(second, .tooManyRequests, "RATE_LIMIT_EXCEEDED")
            #expect((second.error["message"] as? String)?.contains("60 URLs per minute") == true)
            #expect(second.headers[.retryAfter].flatMap(Int.init).map { $0 == 40 } == true, "40 more tokens at one a second")
            let listed = try await client.call(.get, "/v1/videos?limit=100", key: app.key)
            #expect(listed.dataArray.count == 50, "nothing of the refused batch was tracked")
        }
    }

    @Test func aSharedStoreLimiterHoldsAcrossTwoServers() async throws {
        var configuration = APIConfiguration()
        configuration.requestsPerMinute = 3
        var first = try await TestApp.make(configuration: configuration)
        first.dependencies.rateLimiter = StoreRateLimiter(repository: first.store)
        var second = first
        second.dependencies = APIDependencies(repository: first.store, configuration: configuration)
        second.dependencies.rateLimiter = StoreRateLimiter(repository: first.store)
        let (a, b) = (first, second)
        let statuses = StatusLog()
        for app in [a, b, a, b] {
            try await app.test { client in
                statuses.add(try await client.call(.get, "/v1/ping", key: a.key).status)
            }
        }
        #expect(statuses.all == [.ok, .ok, .ok, .tooManyRequests], "two routers, one budget")
    }
}

final class StatusLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [HTTPResponse.Status] = []
    func add(_ status: HTTPResponse.Status) { lock.withLock { statuses.append(status) } }
    var all: [HTTPResponse.Status] { lock.withLock { statuses } }
}
