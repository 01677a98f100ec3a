import Foundation
import Synchronization
import Testing
@testable import TrendlineCore

/// ``FetchCache``: asks at once share one fetch, answers are kept for their time, failures are not.
struct FetchCacheTests {
    struct Refused: Error {}

    final class Upstream: Sendable {
        let calls = Mutex(0)
        let failing = Mutex(false)
        func fetch() async -> Result<Int, Refused> {
            try? await Task.sleep(for: .milliseconds(200))
            let call = calls.withLock { value -> Int in
                value += 1
                return value
            }
            return failing.withLock { $0 } ? .failure(Refused()) : .success(call)
        }
        var count: Int { calls.withLock { $0 } }
    }

    @Test func asksAtOnceShareOneFetchAndAnswersAreKeptForTheirTime() async throws {
        let upstream = Upstream()
        let cache = FetchCache<String, Int, Refused>(timeToLive: 60)
        let t0 = Date()
        let answers = await withTaskGroup(of: (Int?, Bool).self) { group in
            for _ in 0..<5 {
                group.addTask {
                    let (result, cached) = await cache.value(for: "k", at: t0) { await upstream.fetch() }
                    return (try? result.get(), cached)
                }
            }
            return await group.reduce(into: [(Int?, Bool)]()) { $0.append($1) }
        }
        #expect(upstream.count == 1)
        #expect(answers.allSatisfy { $0.0 == 1 } && answers.filter { !$0.1 }.count == 1, "one made the call, four shared it")
        let kept = await cache.value(for: "k", at: t0.addingTimeInterval(59)) { await upstream.fetch() }
        #expect(kept.cached)
        let expired = await cache.value(for: "k", at: t0.addingTimeInterval(61)) { await upstream.fetch() }
        #expect(try expired.result.get() == 2 && !expired.cached, "fetched again once its time is up")
    }

    @Test func failuresAreNotKept() async throws {
        let upstream = Upstream()
        upstream.failing.withLock { $0 = true }
        let cache = FetchCache<String, Int, Refused>(timeToLive: 60)
        let t0 = Date()
        let failed = await cache.value(for: "k", at: t0) { await upstream.fetch() }
        #expect(failed.cached == false)
        upstream.failing.withLock { $0 = false }
        let again = await cache.value(for: "k", at: t0) { await upstream.fetch() }
        #expect(try again.result.get() == 2 && !again.cached)
    }
}
