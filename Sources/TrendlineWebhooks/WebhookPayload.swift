import Foundation
import TrendlineDomain
import TrendlineStore

/// Builds the JSON body of an event when it is sent: `{id, type, created_at, data}`. The ids in
/// the outbox are resolved against the store at send time; a snapshot never changes, so a retry
/// sends the same `data` (a tracking deleted in between sends only its ids).
public struct WebhookPayloadBuilder: Sendable {
    let repository: any TrendlineRepository

    public init(repository: any TrendlineRepository) {
        self.repository = repository
    }

    public func body(for event: WebhookEvent) async throws -> Data {
        var data: [String: Any] = [:]
        if let trackingID = event.trackingID {
            data["video_id"] = UUIDText.lowercase(trackingID)
            if let item = try await repository.trackedVideo(id: trackingID, accountID: event.accountID) {
                data["platform"] = item.video.platform.rawValue
                data["external_video_id"] = item.video.externalID
                data["canonical_url"] = item.video.canonicalURL
                data["url"] = item.tracking.submittedURL
                data["title"] = item.video.title ?? NSNull()
                data["status"] = item.tracking.status.rawValue
                data["window_end"] = Self.format(item.tracking.window.end)
                if event.type == .videoUnavailable { data["reason"] = item.tracking.statusReason ?? NSNull() }
                data["tracking_status"] = item.tracking.reviewStatus.rawValue
                data["campaign"] = item.tracking.campaign ?? NSNull()
                if event.type == .snapshotCreated || event.type == .milestoneReached, let takenAt = event.takenAt,
                   let snapshot = try await repository.snapshots(videoID: item.video.id, in: takenAt...takenAt, after: nil, limit: 1).first {
                    // The day's gain up to this snapshot, as the API shows it for the video's
                    // newest: older snapshots never change, so a retry sends the same figure.
                    var shown = Self.snapshot(snapshot)
                    let dayBefore = try await repository.visibleDayBefore(item, latest: snapshot)
                    shown["views_gained_24h"] = snapshot.viewsGained(since: dayBefore).map { $0 as Any } ?? NSNull()
                    data["snapshot"] = shown
                }
            }
        }
        if let milestone = event.milestone { data["milestone"] = milestone }
        if let creatorID = event.creatorID {
            data["creator_id"] = UUIDText.lowercase(creatorID)
            if let creator = try await repository.creator(id: creatorID, accountID: event.accountID) {
                data["creator"] = ["platform": creator.handle.platform.rawValue, "username": creator.handle.username, "mode": creator.mode.rawValue]
            }
        }
        if event.type == .webhookTest {
            data["message"] = "This is a test event from Trendline. Verify its signature as the docs show."
        }
        let body: [String: Any] = [
            "id": event.publicID, "type": event.type.rawValue, "created_at": Self.format(event.createdAt), "data": data,
        ]
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func snapshot(_ snapshot: Snapshot) -> [String: Any] {
        func count(_ value: Int64?) -> Any { value.map { $0 as Any } ?? NSNull() }
        return [
            "taken_at": format(snapshot.takenAt), "views": count(snapshot.counts.views), "likes": count(snapshot.counts.likes),
            "comments": count(snapshot.counts.comments), "shares": count(snapshot.counts.shares), "saves": count(snapshot.counts.saves),
            "provider": snapshot.provider,
        ]
    }

    static func format(_ date: Date) -> String {
        TimestampText.string(date)
    }
}
