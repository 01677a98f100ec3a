import Foundation

/// What a webhook endpoint can subscribe to.
public enum WebhookEventType: String, CaseIterable, Sendable, Hashable {
    /// A snapshot a tracking of the account can see was stored.
    case snapshotCreated = "snapshot.created"
    /// A tracking's window closed.
    case trackingCompleted = "tracking.completed"
    /// The platform confirmed twice that the video is private or gone.
    case videoUnavailable = "video.unavailable"
    /// Discovery found a new video of a followed creator (tracked at once, or in the inbox).
    case videoDiscovered = "video.discovered"
    /// A snapshot showed a video at or above one of its milestones for the first time.
    case milestoneReached = "milestone.reached"
    /// Sent by `POST /v1/webhooks/{id}/test` only; cannot be subscribed to.
    case webhookTest = "webhook.test"

    /// The types an endpoint may list.
    public static let subscribable: [WebhookEventType] = [.snapshotCreated, .trackingCompleted, .videoUnavailable, .videoDiscovered, .milestoneReached]
}

/// Where an account wants its events POSTed, and the secret they are signed with.
public struct WebhookEndpoint: Sendable, Hashable {
    public var id: UUID
    public var accountID: UUID
    public var url: String
    public var description: String?
    public var events: [WebhookEventType]
    /// `whsec_...`; shown once when created.
    public var secret: String
    public var enabled: Bool
    /// Why the endpoint was disabled automatically, if it was.
    public var disabledReason: String?
    /// Since when every delivery has failed (`nil` while it works).
    public var failingSince: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, accountID: UUID, url: String, description: String?, events: [WebhookEventType], secret: String, enabled: Bool = true,
        disabledReason: String? = nil, failingSince: Date? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.accountID = accountID
        self.url = url
        self.description = description
        self.events = events
        self.secret = secret
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.failingSince = failingSince?.truncatedToMilliseconds
        self.createdAt = createdAt.truncatedToMilliseconds
        self.updatedAt = updatedAt.truncatedToMilliseconds
    }
}

extension WebhookEndpoint {
    /// What a disabled endpoint says about why.
    public static func disabledReason(failingSince: Date, lastError: String?) -> String {
        "disabled: every delivery has failed since \(failingSince.formatted(.iso8601)); last error: \(lastError ?? "unknown")"
    }
}

/// One event for one endpoint, and how its delivery went.
public struct WebhookDelivery: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Waiting for its first or next attempt.
        case pending
        case delivered
        /// Given up after the retry period.
        case failed
    }

    public var id: Int64
    public var eventID: Int64
    public var endpointID: UUID
    public var eventType: WebhookEventType
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastStatusCode: Int?
    public var lastError: String?
    public var lastLatencyMilliseconds: Int?
    public var createdAt: Date
    public var deliveredAt: Date?

    public init(
        id: Int64, eventID: Int64, endpointID: UUID, eventType: WebhookEventType, status: Status, attempts: Int, nextAttemptAt: Date?,
        lastStatusCode: Int?, lastError: String?, lastLatencyMilliseconds: Int?, createdAt: Date, deliveredAt: Date?
    ) {
        self.id = id
        self.eventID = eventID
        self.endpointID = endpointID
        self.eventType = eventType
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.lastLatencyMilliseconds = lastLatencyMilliseconds
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}

/// An event as the outbox holds it: what happened to which tracking. The body is built when it is
/// sent, from these ids; `id` is stable across retries so receivers can deduplicate.
public struct WebhookEvent: Sendable, Hashable {
    public var id: Int64
    public var accountID: UUID
    public var type: WebhookEventType
    public var trackingID: UUID?
    public var videoID: Int64?
    /// The snapshot's time, for `snapshot.created`.
    public var takenAt: Date?
    public var createdAt: Date
    /// The threshold, for `milestone.reached`.
    public var milestone: Int64?
    /// The creator whose discovery found the video, for `video.discovered`.
    public var creatorID: UUID?

    public init(
        id: Int64, accountID: UUID, type: WebhookEventType, trackingID: UUID?, videoID: Int64?, takenAt: Date?, createdAt: Date,
        milestone: Int64? = nil, creatorID: UUID? = nil
    ) {
        self.milestone = milestone
        self.creatorID = creatorID
        self.id = id
        self.accountID = accountID
        self.type = type
        self.trackingID = trackingID
        self.videoID = videoID
        self.takenAt = takenAt
        self.createdAt = createdAt
    }

    /// `evt_` and the outbox id: what receivers deduplicate on.
    public var publicID: String { "evt_\(id)" }
}

/// When a failed delivery is tried again: 30 s, then doubling up to 2 h between attempts, for
/// about a day after the event; then the delivery fails. An endpoint whose every delivery has
/// failed for ``disableAfter`` is disabled.
public struct WebhookRetryPolicy: Sendable {
    public var firstDelay: TimeInterval = 30
    public var maximumDelay: TimeInterval = 7200
    public var giveUpAfter: TimeInterval = 86_400
    public var disableAfter: TimeInterval = 3 * 86_400

    public init() {}

    /// The next attempt after `attempts` failed ones, or `nil` when it is time to give up.
    public func nextAttempt(after attempts: Int, eventCreatedAt: Date, now: Date) -> Date? {
        let delay = min(maximumDelay, firstDelay * pow(2, Double(max(0, attempts - 1))))
        let next = now.addingTimeInterval(delay)
        return next.timeIntervalSince(eventCreatedAt) > giveUpAfter ? nil : next
    }
}

/// Which URLs may receive webhooks: http or https, and not loopback, link-local or private
/// addresses (or bare local names) unless the operator allows them.
public struct WebhookTargetPolicy: Sendable {
    public var allowPrivateAddresses: Bool

    public init(allowPrivateAddresses: Bool = false) {
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// The URL, or why it is refused.
    public func check(_ text: String) -> Result<String, WebhookTargetError> {
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)), let scheme = url.scheme?.lowercased(),
              let rawHost = url.host, !rawHost.isEmpty
        else { return .failure(.invalid("'\(text)' is not an absolute http(s) URL")) }
        guard scheme == "https" || scheme == "http" else { return .failure(.invalid("the scheme must be https or http, not '\(scheme)'")) }
        guard url.user == nil, url.password == nil else { return .failure(.invalid("the URL must not carry credentials")) }
        var host = rawHost.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        if !allowPrivateAddresses, let why = Self.privateReason(host) {
            return .failure(.privateAddress("'\(host)' is \(why); only public addresses can receive webhooks here"))
        }
        return .success(url.absoluteString)
    }

    /// Why a resolved address (numeric text, IPv4 or IPv6) may not receive webhooks, or `nil`
    /// when it is public: what a receiver's name is checked against before each delivery.
    public static func privateAddressReason(_ address: String) -> String? {
        let bare = address.split(separator: "%", maxSplits: 1).first.map(String.init) ?? address
        return privateReason(bare.lowercased())
    }

    static func privateReason(_ host: String) -> String? {
        if host == "localhost" || host.hasSuffix(".localhost") { return "a loopback name" }
        if !host.contains(".") && !host.contains(":") { return "a local name" }
        if host.hasSuffix(".local") || host.hasSuffix(".internal") { return "a local name" }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare.contains(":") {
            if bare == "::1" || bare == "::" { return "a loopback address" }
            if bare.hasPrefix("fe80") { return "a link-local address" }
            if bare.hasPrefix("fc") || bare.hasPrefix("fd") { return "a private address" }
            if bare.hasPrefix("::ffff:") { return privateReason(String(bare.dropFirst(7))) }
            return nil
        }
        let parts = bare.split(separator: ".").compactMap { UInt8($0) }
        guard parts.count == 4, VideoURLParser.isIPLiteral(bare) else { return nil }
        switch (parts[0], parts[1]) {
        case (127, _): return "a loopback address"
        case (0, _): return "an unspecified address"
        case (10, _), (192, 168): return "a private address"
        case (172, 16...31): return "a private address"
        case (169, 254): return "a link-local address"
        case (100, 64...127): return "a shared (carrier-grade NAT) address"
        default: return nil
        }
    }
}

/// A webhook URL that cannot be used.
public enum WebhookTargetError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String)
    case privateAddress(String)

    public var message: String {
        switch self {
        case .invalid(let why), .privateAddress(let why): return why
        }
    }

    /// The message, as a delivery log records it.
    public var description: String { message }
}
