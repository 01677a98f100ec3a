import Foundation
import Hummingbird
import TrendlineDomain
import TrendlineStore

extension VideoRoutes {
    static let snapshotExportHeader = ["taken_at", "views", "likes", "comments", "shares", "saves", "provider"]

    /// `GET /v1/videos/{id}/export`: the video's whole visible history as CSV, oldest first, for
    /// a spreadsheet (`from`/`to` narrow it as they do `/snapshots`). A counter the platform did
    /// not report is an empty field, never 0.
    @Sendable func export(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let item = try await owned(request, context)
        let range = try Self.requestedRange(request.uri.queryParameters, of: item)
        var text = CSVText.line(Self.snapshotExportHeader.map(CSVText.Field.text))
        if let range {
            try await repository.forEachSnapshotPage(videoID: item.video.id, in: range) { page in
                for snapshot in page {
                    let counts = snapshot.counts
                    text += CSVText.line([
                        .text(TimestampText.string(snapshot.takenAt)), .number(counts.views), .number(counts.likes), .number(counts.comments),
                        .number(counts.shares), .number(counts.saves), .text(snapshot.provider),
                    ])
                }
            }
        }
        return CSVText.download(text, fileName: "\(item.video.platform.rawValue)-\(CSVText.fileNamePart(item.video.externalID)).csv")
    }

    /// `GET /v1/videos/export`: every video `GET /v1/videos` lists under the same filters, with
    /// its newest visible counts, as CSV (no pages: the whole list in one file), named after
    /// the platform and campaign it is narrowed to (`videos-tiktok-Spring.csv`).
    @Sendable func exportList(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let filter = try await requestedFilter(request)
        let now = dependencies.clock.now
        let entries = try await repository.visibleLatestAndDayBefore(
            repository.allTrackedVideos(accountID: account.id, filter: filter, at: now))
        let name = ["videos", filter.platform?.rawValue, filter.campaign.map(CSVText.fileNamePart)].compactMap { $0 }.joined(separator: "-")
        return CSVText.download(VideoListCSV.text(entries, at: now), fileName: name + ".csv")
    }
}
