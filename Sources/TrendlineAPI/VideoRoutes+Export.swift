import Foundation
import Hummingbird
import NIOCore
import TrendlineDomain

extension VideoRoutes {
    static let snapshotExportHeader = ["taken_at", "views", "likes", "comments", "shares", "saves", "provider"]

    /// `GET /v1/videos/{id}/export`: the video's whole visible history as CSV, oldest first, for
    /// a spreadsheet (`from`/`to` narrow it as they do `/snapshots`). A counter the platform did
    /// not report is an empty field, never 0.
    @Sendable func export(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let item = try await owned(request, context)
        let query = request.uri.queryParameters
        let from = try QueryValues.date(query["from"].map(String.init), field: "from")
        let to = try QueryValues.date(query["to"].map(String.init), field: "to")
        if let from, let to, from > to { throw APIError.validation("from must not be after to", field: "from") }
        let visible = item.tracking.visibleRange
        let lower = max(visible.lowerBound, from ?? visible.lowerBound)
        let upper = min(visible.upperBound, to ?? visible.upperBound)
        var text = CSVText.line(Self.snapshotExportHeader.map(CSVText.Field.text))
        if lower <= upper {
            try await repository.forEachSnapshotPage(videoID: item.video.id, in: lower...upper) { page in
                for snapshot in page {
                    let counts = snapshot.counts
                    text += CSVText.line([
                        .text(TimestampText.string(snapshot.takenAt)), .number(counts.views), .number(counts.likes), .number(counts.comments),
                        .number(counts.shares), .number(counts.saves), .text(snapshot.provider),
                    ])
                }
            }
        }
        let id = CSVText.fileNamePart(item.video.externalID)
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"\(item.video.platform.rawValue)-\(id).csv\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
