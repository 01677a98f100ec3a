import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline webhooks [list|add|test|enable|disable|delete|deliveries]`: an account's webhook
/// endpoints, as `/v1/webhooks` manages them, so an operator can script a receiver's set-up. The
/// sender of `serve` (or `worker`) delivers what they queue.
struct Webhooks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, add, test, enable, disable or delete webhook endpoints, show one's deliveries, or send its failed ones again.",
        subcommands: [List.self, Add.self, Test.self, Enable.self, Disable.self, Delete.self, Deliveries.self, Replay.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the endpoints as tab-separated lines with a header.")
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let lines = try await Webhooks.withAccount(account, common) { repository, owner in
                let endpoints = try await repository.webhooks(accountID: owner.id)
                return [["id", "url", "events", "state", "failing_since"].joined(separator: "\t")] + endpoints.map(Webhooks.line)
            }
            for line in lines { print(line) }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an endpoint; its signing secret is printed once, on a line of its own.",
            discussion: "Targets must be public http(s) addresses unless TRENDLINE_WEBHOOKS_ALLOW_PRIVATE=true.")
        @Argument(help: "The receiver's URL.") var url: String
        @Option(help: "Events, comma-separated: snapshot.created, tracking.completed, video.unavailable, milestone.reached, video.discovered.")
        var events: String = "snapshot.created,tracking.completed,video.unavailable"
        @Option(help: "A description.") var description: String?
        @Option(help: "Sign with this secret (16-200 printable ASCII characters) instead of a new random one.") var secret: String?
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let settings = try await common.settings()
            let endpoint = try await StoreOpener.withStore(settings) { store in
                let owner = try await AccountChoice.resolve(account, in: store.repository)
                let service = WebhookService(repository: store.repository, targets: settings.webhookTargets)
                let names = events.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                do {
                    return try await service.create(accountID: owner.id, url: url, events: names, description: description, secret: secret)
                } catch let invalid as WebhookService.Invalid {
                    throw ValidationError("\(invalid.field == "url" ? "URL" : "--" + invalid.field): \(invalid.message)")
                }
            }
            print("added\t" + Webhooks.line(endpoint))
            print("secret\t\(endpoint.secret)")
            FileHandle.standardError.write(Data("the signing secret is shown only now: store it where the receiver verifies signatures\n".utf8))
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a webhook.test event to the endpoint (the running sender delivers it).")
        @OptionGroup var endpoint: EndpointOptions

        func run() async throws {
            let line = try await endpoint.with { repository, endpoint in
                if let refusal = WebhookService.refusal(toSend: endpoint) { throw ValidationError(refusal) }
                guard let delivery = try await repository.enqueueTestEvent(endpointID: endpoint.id, accountID: endpoint.accountID, at: Date()) else {
                    throw ValidationError("no webhook '\(endpoint.id)'")
                }
                return "queued\t\(delivery.id)\tevt_\(delivery.eventID)\t\(endpoint.url)"
            }
            print(line)
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable the endpoint: its waiting deliveries are due at once.")
        @OptionGroup var endpoint: EndpointOptions

        func run() async throws { print(try await endpoint.setEnabled(true)) }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable the endpoint: nothing is sent until it is enabled again.")
        @OptionGroup var endpoint: EndpointOptions

        func run() async throws { print(try await endpoint.setEnabled(false)) }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the endpoint and its deliveries.")
        @OptionGroup var endpoint: EndpointOptions

        func run() async throws {
            let line = try await endpoint.with { repository, endpoint in
                _ = try await repository.deleteWebhook(id: endpoint.id, accountID: endpoint.accountID)
                return "deleted\t\(UUIDText.lowercase(endpoint.id))\t\(endpoint.url)"
            }
            print(line)
        }
    }

    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the endpoint's newest deliveries as tab-separated lines with a header.")
        @OptionGroup var endpoint: EndpointOptions
        @Option(help: "How many (default 20).") var limit: Int = 20

        func validate() throws {
            guard (1...200).contains(limit) else { throw ValidationError("--limit must be 1 to 200") }
        }

        func run() async throws {
            let lines = try await endpoint.with { repository, endpoint in
                let deliveries = try await repository.deliveries(endpointID: endpoint.id, accountID: endpoint.accountID, limit: limit)
                let header = ["id", "event", "type", "status", "attempts", "last_answer", "next_attempt_at", "delivered_at"].joined(separator: "\t")
                return [header] + deliveries.map { delivery in
                    let answer = delivery.lastStatusCode.map { "HTTP \($0)" } ?? delivery.lastError.map(Webhooks.field) ?? "-"
                    let next = delivery.status != .pending ? "-" : delivery.nextAttemptAt.map(TimestampText.string) ?? "when enabled"
                    return [
                        "\(delivery.id)", "evt_\(delivery.eventID)", delivery.eventType.rawValue, delivery.status.rawValue, "\(delivery.attempts)", answer, next,
                        delivery.deliveredAt.map(TimestampText.string) ?? "-",
                    ].joined(separator: "\t")
                }
            }
            for line in lines { print(line) }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send every failed delivery of the endpoint again (the running sender delivers them): after its receiver was down.")
        @OptionGroup var endpoint: EndpointOptions
        @Option(help: "Only deliveries made at or after this day or ISO 8601 time (e.g. 2026-12-01 or 2026-12-01T09:00:00Z).") var since: String?

        func run() async throws {
            let start = try PublishedRangeOptions.bounds(from: since, to: nil, options: ("since", "since")).from
            let line = try await endpoint.with { repository, endpoint in
                if let refusal = WebhookService.refusal(toSend: endpoint) { throw ValidationError(refusal) }
                let count = try await repository.redeliverFailed(endpointID: endpoint.id, accountID: endpoint.accountID, since: start, at: Date())
                return "replayed\t\(count)\t\(UUIDText.lowercase(endpoint.id))\t\(endpoint.url)"
            }
            print(line)
        }
    }

    /// One endpoint: id, URL, events, state (`enabled`, or `disabled` and why), failing since.
    static func line(_ endpoint: WebhookEndpoint) -> String {
        let state = endpoint.enabled ? "enabled" : "disabled" + (endpoint.disabledReason.map { ": " + field($0) } ?? "")
        return [
            UUIDText.lowercase(endpoint.id), endpoint.url, endpoint.events.map(\.rawValue).joined(separator: ","), state,
            endpoint.failingSince.map(TimestampText.string) ?? "-",
        ].joined(separator: "\t")
    }

    /// Free text (an error, a reason) on one tab-separated line.
    static func field(_ text: String) -> String {
        text.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static func withAccount<T: Sendable>(
        _ account: String?, _ common: CommonOptions, _ body: @escaping @Sendable (any TrendlineRepository, Account) async throws -> T
    ) async throws -> T {
        try await StoreOpener.withStore(try await common.settings()) { store in
            let owner = try await AccountChoice.resolve(account, in: store.repository)
            return try await body(store.repository, owner)
        }
    }
}

/// The endpoint a `trendline webhooks` subcommand acts on, by id, in the chosen account.
struct EndpointOptions: ParsableArguments {
    @Argument(help: "The endpoint's id (from `trendline webhooks`).") var id: String
    @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
    @OptionGroup var common: CommonOptions

    /// Runs `body` on the account's endpoint named by ``id``; a usage error when there is none.
    func with<T: Sendable>(_ body: @escaping @Sendable (any TrendlineRepository, WebhookEndpoint) async throws -> T) async throws -> T {
        guard let uuid = UUIDText.parse(id) else { throw ValidationError("a webhook id is a UUID (from `trendline webhooks`), got '\(id)'") }
        let id = id
        return try await Webhooks.withAccount(account, common) { repository, owner in
            guard let endpoint = try await repository.webhook(id: uuid, accountID: owner.id) else { throw ValidationError("no webhook '\(id)' for \(owner.name)") }
            return try await body(repository, endpoint)
        }
    }

    func setEnabled(_ enabled: Bool) async throws -> String {
        try await with { repository, endpoint in
            let changed = try await repository.updateWebhook(id: endpoint.id, accountID: endpoint.accountID, change: WebhookChange(enabled: enabled), at: Date())
            return (enabled ? "enabled\t" : "disabled\t") + Webhooks.line(changed ?? endpoint)
        }
    }
}
