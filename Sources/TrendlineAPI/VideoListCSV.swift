import Foundation
import TrendlineDomain
import TrendlineStore

/// Videos as CSV for a spreadsheet, each with the newest counts this account may see: what a
/// campaign's export and the video list's export answer, in the same columns.
enum VideoListCSV {
    static let header = [
        "id", "platform", "url", "canonical_url", "author", "title", "status", "tracking_status",
        "views", "likes", "comments", "shares", "saves", "last_snapshot_at", "created_at", "campaign", "views_gained_24h", "published_at",
    ]

    static func text(_ entries: [VisibleVideo], at now: Date) -> String {
        var text = CSVText.line(header.map(CSVText.Field.text))
        for entry in entries {
            let (item, latest, dayBefore) = (entry.item, entry.latest, entry.dayBefore)
            text += CSVText.line([
                .text(UUIDText.lowercase(item.tracking.id)), .text(item.video.platform.rawValue), .text(item.tracking.submittedURL),
                .text(item.video.canonicalURL), .text(item.video.author), .text(item.video.title),
                .text(item.tracking.effectiveStatus(at: now).rawValue), .text(item.tracking.reviewStatus.rawValue),
            ] + CSVText.counts(latest?.counts) + [
                .text(latest.map { TimestampText.string($0.takenAt) }), .text(TimestampText.string(item.tracking.createdAt)),
                .text(item.tracking.campaign), .number(latest?.viewsGained(since: dayBefore)),
                .text(item.video.publishedAt.map(TimestampText.string)),
            ])
        }
        return text
    }
}
