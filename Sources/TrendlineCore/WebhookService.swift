import Foundation
import TrendlineDomain
import TrendlineStore

/// Creates and changes an account's webhook endpoints, checking targets and event names.
public struct WebhookService: Sendable {
    let repository: any TrendlineRepository
    let clock: WallClock
    public let targets: WebhookTargetPolicy

    public init(repository: any TrendlineRepository, clock: WallClock = .system, targets: WebhookTargetPolicy = WebhookTargetPolicy()) {
        self.repository = repository
        self.clock = clock
        self.targets = targets
    }

    /// Longest description kept.
    public static let maximumDescription = 500

    /// A request the service refuses, naming the field.
    public struct Invalid: Error, Sendable, Equatable {
        public let field: String
        public let message: String
    }

    /// The length a secret chosen by the caller must have.
    public static let secretLength = 16...200

    /// Creates an endpoint signed with `secret` when the caller chose one (as ContentStats'
    /// webhook requests carry), else with a new random one.
    public func create(accountID: UUID, url: String, events: [String], description: String?, secret: String? = nil) async throws -> WebhookEndpoint {
        let target = try checkURL(url)
        let types = try checkEvents(events)
        try checkDescription(description)
        if let secret { try checkSecret(secret) }
        let now = clock.now
        let endpoint = WebhookEndpoint(
            id: UUIDText.random(), accountID: accountID, url: target, description: description, events: types, secret: secret ?? Self.newSecret(),
            createdAt: now, updatedAt: now)
        try await repository.createWebhook(endpoint)
        return endpoint
    }

    public func update(id: UUID, accountID: UUID, url: String?, events: [String]?, description: String??, enabled: Bool?) async throws -> WebhookEndpoint? {
        var change = WebhookChange(description: description, enabled: enabled)
        if let url { change.url = try checkURL(url) }
        if let events { change.events = try checkEvents(events) }
        if let description { try checkDescription(description) }
        return try await repository.updateWebhook(id: id, accountID: accountID, change: change, at: clock.now)
    }

    /// Why nothing can be sent to `endpoint` now (a test or a redelivery), or `nil` when it is
    /// enabled: a disabled endpoint is sent nothing, its pending deliveries wait.
    public static func refusal(toSend endpoint: WebhookEndpoint) -> String? {
        guard !endpoint.enabled else { return nil }
        let why = endpoint.disabledReason.map { " (\($0))" } ?? ""
        return "the webhook is disabled\(why): enable it with PATCH {\"enabled\": true} (trendline webhooks enable ID) first"
    }

    func checkURL(_ url: String) throws -> String {
        switch targets.check(url) {
        case .success(let target): return target
        case .failure(let error): throw Invalid(field: "url", message: error.message)
        }
    }

    func checkEvents(_ names: [String]) throws -> [WebhookEventType] {
        let allowed = WebhookEventType.subscribable.map(\.rawValue).joined(separator: ", ")
        guard !names.isEmpty else { throw Invalid(field: "events", message: "events must name at least one of \(allowed)") }
        var types: [WebhookEventType] = []
        for name in names {
            guard let type = WebhookEventType(rawValue: name), WebhookEventType.subscribable.contains(type) else {
                throw Invalid(field: "events", message: "unknown event '\(name)': use \(allowed)")
            }
            if !types.contains(type) { types.append(type) }
        }
        return types
    }

    func checkDescription(_ description: String?) throws {
        if let description, description.count > Self.maximumDescription {
            throw Invalid(field: "description", message: "description must be at most \(Self.maximumDescription) characters")
        }
        if let description, let refusal = StoredText.refusal(description, field: "description") {
            throw Invalid(field: "description", message: refusal)
        }
    }

    /// A chosen secret: long enough to sign with, and printable ASCII without spaces so it
    /// survives being copied into a receiver's configuration.
    func checkSecret(_ secret: String) throws {
        guard Self.secretLength.contains(secret.count) else {
            throw Invalid(field: "secret", message: "secret must be \(Self.secretLength.lowerBound) to \(Self.secretLength.upperBound) characters, got \(secret.count); leave it out to get a random one")
        }
        guard secret.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw Invalid(field: "secret", message: "secret must be printable ASCII without spaces")
        }
    }

    /// `whsec_` and 32 random letters and digits.
    static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + String((0..<32).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
