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
        let id = CSVText.fileNamePart(item.video.externalID)
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"\(item.video.platform.rawValue)-\(id).csv\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
