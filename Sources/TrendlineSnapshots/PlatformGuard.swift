import Foundation

/// Protects one platform: a request budget per minute, a circuit breaker that stops calling a
/// platform that keeps failing (so a blocked platform does not eat the worker), and respect for
/// `Retry-After`. One instance per platform, shared by the worker's tasks.
public actor PlatformGuard {
    public struct Configuration: Sendable {
        /// Upstream calls per minute (token bucket).
        public var requestsPerMinute: Double
        /// Failed batches in a row that open the breaker.
        public var failureThreshold: Int
        /// First open period; doubles each time the breaker re-opens, up to `maximumCooldown`.
        public var cooldown: TimeInterval
        public var maximumCooldown: TimeInterval

        public init(requestsPerMinute: Double = 600, failureThreshold: Int = 5, cooldown: TimeInterval = 30, maximumCooldown: TimeInterval = 600) {
            self.requestsPerMinute = requestsPerMinute
            self.failureThreshold = failureThreshold
            self.cooldown = cooldown
            self.maximumCooldown = maximumCooldown
        }
    }

    public enum State: Equatable, Sendable {
        case closed
        case open(until: Date)
        case halfOpen
    }

    let configuration: Configuration
    private var tokens: Double
    private var refilledAt: Date
    private var failuresInARow = 0
    private var opens = 0
    private var openUntil: Date?
    private var trialRunning = false

    public init(configuration: Configuration = Configuration(), now: Date = Date()) {
        self.configuration = configuration
        self.tokens = max(1, configuration.requestsPerMinute / 60)
        self.refilledAt = now
    }

    public func state(at now: Date) -> State {
        guard let openUntil else { return .closed }
        return now < openUntil ? .open(until: openUntil) : .halfOpen
    }

    /// Whether a call may go out now. While open, no; once the open period ends, one trial
    /// call goes out (half-open) and its result closes or re-opens the breaker.
    public func permit(at now: Date) -> Bool {
        switch state(at: now) {
        case .closed: return true
        case .open: return false
        case .halfOpen:
            guard !trialRunning else { return false }
            trialRunning = true
            return true
        }
    }

    /// Seconds to wait before the next call fits the request budget (0 when it fits now); takes
    /// the token when it fits.
    public func reserve(at now: Date) -> TimeInterval {
        let perSecond = configuration.requestsPerMinute / 60
        let capacity = max(1, perSecond)
        tokens = min(capacity, tokens + max(0, now.timeIntervalSince(refilledAt)) * perSecond)
        refilledAt = now
        if tokens >= 1 {
            tokens -= 1
            return 0
        }
        return (1 - tokens) / perSecond
    }

    /// A batch answered (at least one video got counts, or the platform said a video is gone).
    public func recordSuccess() {
        failuresInARow = 0
        opens = 0
        openUntil = nil
        trialRunning = false
    }

    /// A batch failed as a whole (errors, throttling). `retryAfter` opens the breaker for at
    /// least that long.
    public func recordFailure(at now: Date, retryAfter: TimeInterval?) {
        failuresInARow += 1
        let wasTrial = trialRunning
        trialRunning = false
        if let retryAfter, retryAfter > 0 {
            open(until: now.addingTimeInterval(retryAfter))
        } else if wasTrial || failuresInARow >= configuration.failureThreshold {
            let length = min(configuration.maximumCooldown, configuration.cooldown * pow(2, Double(opens)))
            opens += 1
            open(until: now.addingTimeInterval(length))
        }
    }

    private func open(until date: Date) {
        openUntil = max(openUntil ?? date, date)
    }
}
