import Foundation
import Testing
import TrendlineDomain

/// The rate-limit bucket, driven by an injected clock.
struct TokenBucketTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    @Test func burstThenRefillAtTheRate() {
        var bucket = TokenBucket.limit(60, per: 60, now: t0)
        var taken = 0
        for _ in 0..<61 where bucket.take(1, at: t0) { taken += 1 }
        #expect(taken == 60, "a burst of 60, the 61st refused")
        #expect(bucket.remaining == 0)
        #expect(bucket.secondsUntil(1) == 1)
        let halfSecond = bucket.take(1, at: at(0.5))
        let oneSecond = bucket.take(1, at: at(1))
        let again = bucket.take(1, at: at(1))
        let tenLater = bucket.take(10, at: at(11))
        #expect(!halfSecond && oneSecond && !again, "one token per second")
        #expect(tenLater, "ten seconds refill ten tokens")
        #expect(bucket.secondsUntilFull == 60)
    }

    @Test func neverAboveCapacityAndClockSkewIsHarmless() {
        var bucket = TokenBucket.limit(5, per: 60, now: t0)
        let afterAnHour = bucket.take(1, at: at(3600))
        #expect(afterAnHour && bucket.remaining == 4, "an hour idle still caps at 5")
        let backwards = bucket.take(1, at: t0)
        #expect(backwards && bucket.remaining == 3, "a clock step backwards neither refills nor breaks it")
    }

    @Test func largeCostsWaitForEnoughTokens() {
        var bucket = TokenBucket.limit(1000, per: 60, now: t0)
        let first = bucket.take(950, at: t0)
        let second = bucket.take(100, at: t0)
        #expect(first && !second, "a 100-URL batch does not fit in 50 tokens")
        #expect(bucket.remaining == 50, "a refused take costs nothing")
        #expect(abs(bucket.secondsUntil(100) - 3) < 0.001)
    }
}
