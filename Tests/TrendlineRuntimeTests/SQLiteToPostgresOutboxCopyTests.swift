import Foundation
import PostgresNIO
import Testing
import TrendlineDomain
import TrendlinePostgres
import TrendlineRuntime
import TrendlineSQLite
import TrendlineStore

/// `migrate-data` and the webhook outbox: events queued when the old node stopped are sent by the
/// new nodes under the same event ids (receivers deduplicate on them), the delivery log comes
/// along, and a second run adds nothing and sends nothing twice.
extension SQLiteToPostgresCopierTests {
    @Test func copiesTheWebhookOutboxUnderTheSameEventIDs() async throws {
        let (source, path) = try Self.sourceStore()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let account = try await source.createAccount(name: "acme", at: t0)
        let endpoint = WebhookEndpoint(
            id: UUID(), accountID: account.id, url: "https://hooks.example.com/t", description: nil, events: [.snapshotCreated],
            secret: "whsec_outbox", createdAt: t0, updatedAt: t0)
        try await source.createWebhook(endpoint)
        let requests = (0..<2).map { index in
            NewTracking(
                accountID: account.id, video: VideoURL(platform: .tiktok, externalID: "\(7100 + index)", canonicalURL: "https://www.tiktok.com/@a/video/\(7100 + index)"),
                submittedURL: "u\(index)", duration: .default, cadence: .hourly, notes: nil)
        }
        let tracked = try await source.track(requests, at: t0).compactMap(\.trackedVideo)
        for hour in 0..<3 {
            let at = t0.addingTimeInterval(Double(hour) * 3600)
            for item in tracked {
                try await source.recordSnapshot(
                    Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: Int64(hour), likes: nil), provider: "t"), metadata: .init(), at: at)
            }
        }
        // Six events: four fanned out (one delivered, one failed once and waiting, two never
        // tried), two never fanned out, as when the old node stopped mid-round.
        #expect(try await source.fanOutWebhookEvents(limit: 4, at: t0) == 4)
        let due = try await source.claimDueDeliveries(at: t0, limit: 2, leaseUntil: t0.addingTimeInterval(120))
        #expect(due.count == 2)
        try await source.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 200, latencyMilliseconds: 12, error: nil, retryAt: nil), deliveryID: due[0].delivery.id, at: t0,
            disableFailingSince: t0.addingTimeInterval(-86_400))
        try await source.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 500, latencyMilliseconds: 30, error: "HTTP 500", retryAt: t0.addingTimeInterval(30)),
            deliveryID: due[1].delivery.id, at: t0, disableFailingSince: t0.addingTimeInterval(-86_400))
        let sourceLog = try await source.deliveries(endpointID: endpoint.id, accountID: account.id, limit: 100)
        #expect(sourceLog.count == 4)

        // The target already holds an event of its own under id 1: the source's event 1 takes a
        // new id there, and is still copied once.
        let target = try await postgresStore()
        try await target.migrate()
        let other = try await target.createAccount(name: "other", at: t0)
        let otherEndpoint = WebhookEndpoint(
            id: UUID(), accountID: other.id, url: "https://hooks.example.com/o", description: nil, events: [.snapshotCreated],
            secret: "whsec_other", createdAt: t0, updatedAt: t0)
        try await target.createWebhook(otherEndpoint)
        let clashing = try #require(try await target.enqueueTestEvent(endpointID: otherEndpoint.id, accountID: other.id, at: t0))
        #expect(clashing.eventID == 1 && due[0].event.id == 1, "the target's own event and the source's first one share id 1")

        let copier = SQLiteToPostgresCopier(sourcePath: path, target: target)
        let report = try await copier.copy()
        #expect(report.webhookEvents == 6 && report.webhookDeliveries == 4)
        let copiedLog = try await target.deliveries(endpointID: endpoint.id, accountID: account.id, limit: 100)
        #expect(copiedLog.count == 4)
        // Event 1 and delivery 1 were the target's already: the source's take new ids there.
        let firstCopy = try #require(copiedLog.first { !sourceLog.map(\.id).contains($0.id) })
        #expect(firstCopy.id != 1 && firstCopy.eventID != 1, "the clashing event and delivery took new ids")
        for original in sourceLog {
            let copy = try #require(original.id == 1 ? firstCopy : copiedLog.first { $0.id == original.id }, "delivery \(original.id) keeps its id where free")
            #expect(original.id == 1 || copy.eventID == original.eventID, "the event keeps its id where free")
            #expect(copy.status == original.status && copy.attempts == original.attempts && copy.lastError == original.lastError)
            #expect(copy.lastStatusCode == original.lastStatusCode && copy.deliveredAt == original.deliveredAt && copy.nextAttemptAt == original.nextAttemptAt)
        }
        #expect(try await target.deliveries(endpointID: otherEndpoint.id, accountID: other.id, limit: 10).map(\.eventID) == [1], "the target's own event is untouched")

        // The source made another attempt after the first run; the second run brings it over and
        // copies nothing twice.
        let retried = try await source.claimDueDeliveries(at: t0.addingTimeInterval(60), limit: 10, leaseUntil: t0.addingTimeInterval(180))
        let failedOnce = try #require(retried.first { $0.delivery.id == due[1].delivery.id })
        try await source.recordDeliveryAttempt(
            DeliveryAttempt(statusCode: 204, latencyMilliseconds: 9, error: nil, retryAt: nil), deliveryID: failedOnce.delivery.id,
            at: t0.addingTimeInterval(60), disableFailingSince: t0.addingTimeInterval(-86_400))
        let again = try await copier.copy()
        #expect(again.webhookEvents == 6)
        #expect(try await count("webhook_events", in: target) == 7, "six copied once, and the target's own")
        let secondLog = try await target.deliveries(endpointID: endpoint.id, accountID: account.id, limit: 100)
        #expect(secondLog.count == 4)
        #expect(secondLog.first { $0.id == failedOnce.delivery.id }?.status == .delivered, "the attempt made after the first run comes along")

        // The new node fans out the two events the old one had not, and sends every pending
        // delivery under the source's event ids.
        #expect(try await target.fanOutWebhookEvents(limit: 100, at: t0.addingTimeInterval(120)) == 2)
        let sending = try await target.claimDueDeliveries(at: t0.addingTimeInterval(3600), limit: 100, leaseUntil: t0.addingTimeInterval(3720))
        let sentEventIDs = Set(sending.filter { $0.endpoint.id == endpoint.id }.map(\.event.publicID))
        let stillPending = Set(try await source.deliveries(endpointID: endpoint.id, accountID: account.id, limit: 100).filter { $0.status == .pending }.map(\.eventID))
        #expect(stillPending.count == 2, "the two never tried")
        // The source file is new, so its six events are 1...6.
        #expect(Set(sourceLog.map(\.eventID)).isSubset(of: 1...6))
        let sourceEventIDs = Set((1...6).map { "evt_\($0)" })
        #expect(sentEventIDs.count == 4, "the two pending deliveries and the two events fanned out here")
        #expect(sentEventIDs.isSubset(of: sourceEventIDs), "sent under the ids the old node would have used")
        #expect(stillPending.allSatisfy { sentEventIDs.contains("evt_\($0)") })
        let next = try await target.enqueueTestEvent(endpointID: endpoint.id, accountID: account.id, at: t0)
        #expect((next?.eventID ?? 0) > 7, "new events follow the copied ids")
    }

    func count(_ table: String, in store: PostgresRepository) async throws -> Int {
        try await store.client.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger: .init(label: "test"))
            .collect { try $0.decode(Int.self) }.first ?? -1
    }
}
