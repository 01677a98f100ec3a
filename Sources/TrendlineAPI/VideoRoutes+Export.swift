import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

extension VideoRoutes {
    /// `GET /v1/videos/{id}/export`: the video's whole visible history as CSV, oldest first, for
    /// a spreadsheet (`from`/`to` narrow it as they do `/snapshots`). A counter the platform did
    /// not report is an empty field, never 0. With `interval=hour|day`, the history's grid
    /// instead (``VideoHistory``, as `/history` answers it): a report's views per day.
    @Sendable func export(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let item = try await owned(request, context)
        let fileName = "\(item.video.platform.rawValue)-\(CSVText.fileNamePart(item.video.externalID))"
        if request.uri.queryParameters["interval"] != nil {
            let (grid, points) = try await historyPoints(of: item, request)
            var text = CSVText.line(StatsReport.gridHeader.map(CSVText.Field.text))
            for point in points {
                text += CSVText.line([.text(TimestampText.string(point.at))] + CSVText.counts(point.counts) + [.number(point.viewsGained)])
            }
            return CSVText.download(text, fileName: "\(fileName)-\(grid.interval).csv")
        }
        let range = try Self.requestedRange(request.uri.queryParameters, of: item)
        var text = CSVText.line(StatsReport.snapshotHeader.map(CSVText.Field.text))
        if let range {
            try await repository.forEachSnapshotPage(videoID: item.video.id, in: range) { page in
                for snapshot in page {
                    text += CSVText.line([.text(TimestampText.string(snapshot.takenAt))] + CSVText.counts(snapshot.counts) + [.text(snapshot.provider)])
                }
            }
        }
        return CSVText.download(text, fileName: "\(fileName).csv")
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
        let name = CSVText.fileName([
            "videos", filter.platform?.rawValue, filter.campaign.map(CSVText.fileNamePart), filter.published.fileNamePart("posted"), filter.added.fileNamePart("added"),
        ])
        return CSVText.download(VideoListCSV.text(entries, at: now), fileName: name)
    }
}
