import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// `/v1/webhooks...`: endpoints (the signing secret shown once), a test event, and the
/// delivery log with redelivery.
struct WebhookRoutes {
    let dependencies: APIDependencies
    var repository: any TrendlineRepository { dependencies.repository }
    var service: WebhookService {
        WebhookService(repository: repository, clock: dependencies.clock, targets: dependencies.webhookTargets)
    }

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.post("webhooks", use: create)
        group.get("webhooks", use: list)
        group.get("webhooks/:id", use: get)
        group.patch("webhooks/:id", use: update)
        group.delete("webhooks/:id", use: delete)
        group.post("webhooks/:id/test", use: test)
        group.get("webhooks/:id/deliveries", use: deliveries)
        group.post("webhooks/:id/deliveries/:delivery/redeliver", use: redeliver)
        group.post("webhooks/:id/replay", use: replay)
    }

    struct CreateBody: Decodable {
        let url: String?
        let events: [String]?
        let description: String?
        /// The signing secret, when the caller chooses it (otherwise a random one is made).
        let secret: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.field(.url, "a URL string")
            events = try container.field(.events, "an array of event names")
            description = try container.field(.description, "a string")
            secret = try container.field(.secret, "a string")
        }
        enum CodingKeys: String, CodingKey { case url, events, description, secret }
    }

    struct UpdateBody: Decodable {
        let url: String?
        let events: [String]?
        let description: String??
        let enabled: Bool?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = try container.field(.url, "a URL string")
            events = try container.field(.events, "an array of event names")
            enabled = try container.field(.enabled, "true or false")
            if container.contains(.description) {
                description = .some(try container.field(.description, "a string or null"))
            } else {
                description = nil
            }
        }
        enum CodingKeys: String, CodingKey { case url, events, description, enabled }
    }

    struct EndpointDTO: Encodable {
        let id: String
        let url: String
        @Nullable var description: String?
        let events: [String]
        let enabled: Bool
        @Nullable var disabled_reason: String?
        @Nullable var failing_since: Date?
        /// Only in the answer to the create request.
        var secret: String?
        let created_at: Date
        let updated_at: Date

        init(_ endpoint: WebhookEndpoint, showSecret: Bool = false) {
            id = UUIDText.lowercase(endpoint.id)
            url = endpoint.url
            description = endpoint.description
            events = endpoint.events.map(\.rawValue)
            enabled = endpoint.enabled
            disabled_reason = endpoint.disabledReason
            failing_since = endpoint.failingSince
            secret = showSecret ? endpoint.secret : nil
            created_at = endpoint.createdAt
            updated_at = endpoint.updatedAt
        }
    }

    struct DeliveryDTO: Encodable {
        let id: Int64
        let event_id: String
        let event_type: String
        let status: String
        let attempts: Int
        @Nullable var next_attempt_at: Date?
        @Nullable var last_status_code: Int?
        @Nullable var last_error: String?
        @Nullable var latency_ms: Int?
        let created_at: Date
        @Nullable var delivered_at: Date?

        init(_ delivery: WebhookDelivery) {
            id = delivery.id
            event_id = "evt_\(delivery.eventID)"
            event_type = delivery.eventType.rawValue
            status = delivery.status.rawValue
            attempts = delivery.attempts
            next_attempt_at = delivery.status == .pending ? delivery.nextAttemptAt : nil
            last_status_code = delivery.lastStatusCode
            last_error = delivery.lastError
            latency_ms = delivery.lastLatencyMilliseconds
            created_at = delivery.createdAt
            delivered_at = delivery.deliveredAt
        }
    }

    @Sendable func create(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let body = try await RequestBody.decode(CreateBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        guard let url = body.url else { throw APIError.validation("missing required field: url", field: "url") }
        guard let events = body.events else { throw APIError.validation("missing required field: events", field: "events") }
        let endpoint = try await checked { try await service.create(accountID: account.id, url: url, events: events, description: body.description, secret: body.secret) }
        return try Envelope.success(EndpointDTO(endpoint, showSecret: true), status: .created, context: context)
    }

    @Sendable func list(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        return try Envelope.success(try await repository.webhooks(accountID: account.id).map { EndpointDTO($0) }, context: context)
    }

    @Sendable func get(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        try Envelope.success(EndpointDTO(try await owned(context)), context: context)
    }

    @Sendable func update(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try Self.endpointID(context)
        let body = try await RequestBody.decode(UpdateBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        guard body.url != nil || body.events != nil || body.description != nil || body.enabled != nil else {
            throw APIError.validation("nothing to change: send url, events, description or enabled", field: nil)
        }
        guard let endpoint = try await checked({
            try await service.update(id: id, accountID: account.id, url: body.url, events: body.events, description: body.description, enabled: body.enabled)
        }) else { throw Self.notFound(context) }
        return try Envelope.success(EndpointDTO(endpoint), context: context)
    }

    @Sendable func delete(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try Self.endpointID(context)
        guard try await repository.deleteWebhook(id: id, accountID: account.id) else { throw Self.notFound(context) }
        return try Envelope.success(VideoRoutes.DeletedDTO(id: UUIDText.lowercase(id), deleted: true), context: context)
    }

    @Sendable func test(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let endpoint = try Self.enabled(try await owned(context))
        guard let delivery = try await repository.enqueueTestEvent(endpointID: endpoint.id, accountID: endpoint.accountID, at: dependencies.clock.now)
        else { throw Self.notFound(context) }
        return try Envelope.success(DeliveryDTO(delivery), status: .accepted, context: context)
    }

    @Sendable func deliveries(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let endpoint = try await owned(context)
        let limit = try QueryValues.integer(request.uri.queryParameters.get("limit"), field: "limit", range: 1...200, default: 50)
        let items = try await repository.deliveries(endpointID: endpoint.id, accountID: endpoint.accountID, limit: limit)
        return try Envelope.success(items.map(DeliveryDTO.init), context: context)
    }

    @Sendable func redeliver(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let endpoint = try Self.enabled(try await owned(context))
        guard let text = context.parameters.get("delivery"), let deliveryID = Int64(text),
              let delivery = try await repository.redeliver(deliveryID: deliveryID, accountID: endpoint.accountID, at: dependencies.clock.now),
              delivery.endpointID == endpoint.id
        else { throw APIError.notFound("no delivery '\(context.parameters.get("delivery") ?? "")' for this webhook") }
        return try Envelope.success(DeliveryDTO(delivery), status: .accepted, context: context)
    }

    /// What `replay` answers.
    struct ReplayDTO: Encodable {
        let webhook_id: String
        let redelivered: Int
    }

    /// `POST /v1/webhooks/{id}/replay[?since=]`: every failed delivery (made since `since`) is
    /// sent again, for a receiver back from an outage.
    @Sendable func replay(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let endpoint = try Self.enabled(try await owned(context))
        let since = try QueryValues.date(request.uri.queryParameters.get("since"), field: "since")
        let count = try await repository.redeliverFailed(endpointID: endpoint.id, accountID: endpoint.accountID, since: since, at: dependencies.clock.now)
        return try Envelope.success(ReplayDTO(webhook_id: UUIDText.lowercase(endpoint.id), redelivered: count), status: .accepted, context: context)
    }

    /// A disabled endpoint is sent nothing (its pending deliveries wait), so a test or a
    /// redelivery asked of it is a 409 saying how to enable it, not a delivery that never leaves.
    static func enabled(_ endpoint: WebhookEndpoint) throws -> WebhookEndpoint {
        if let refusal = WebhookService.refusal(toSend: endpoint) { throw APIError.conflict(refusal) }
        return endpoint
    }

    func owned(_ context: TrendlineRequestContext) async throws -> WebhookEndpoint {
        let account = try context.requireAccount()
        guard let endpoint = try await repository.webhook(id: try Self.endpointID(context), accountID: account.id) else { throw Self.notFound(context) }
        return endpoint
    }

    func checked<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let invalid as WebhookService.Invalid {
            throw APIError.validation(invalid.message, field: invalid.field)
        }
    }

    static func endpointID(_ context: TrendlineRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUIDText.parse(text) else { throw notFound(context) }
        return id
    }

    static func notFound(_ context: TrendlineRequestContext) -> APIError {
        .notFound("no webhook with id '\(context.parameters.get("id") ?? "")'")
    }
}
