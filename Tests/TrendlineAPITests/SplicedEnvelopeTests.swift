import Foundation
import Hummingbird
import Testing
import TrendlineDomain
import TrendlineStore
@testable import TrendlineAPI

/// A detail envelope rendered once must answer with exactly the bytes the encoder would write,
/// whatever the request id, and must be rendered again when anything it shows changes.
struct SplicedEnvelopeTests {
    struct Detail: Encodable {
        let name: String
        let snapshots: [SnapshotDTO]
        let has_more: Bool
    }

    let snapshots = [
        Snapshot(videoID: 1, takenAt: Date(millisecondsSince1970: 1_780_000_000_123), counts: Counts(views: 10, likes: 1), provider: "youtube-data-api"),
        Snapshot(videoID: 1, takenAt: Date(millisecondsSince1970: 1_780_003_600_000), counts: Counts(views: 20), provider: "yt-dlp"),
    ]

    func body(_ response: Response) async throws -> String {
        var collected = ""
        try await response.body.write(CollectingWriter { collected += String(buffer: $0) })
        return collected
    }

    @Test(arguments: ["0f0e-4a1b:req_1.x", "needs \"escaping\" / \\ \u{1}", ""])
    func answersWithTheEncodersBytes(requestID: String) async throws {
        let spliced = try Envelope.Spliced(Detail(name: "a \"snapshots\":[] inside a string", snapshots: [], has_more: true), filling: #""snapshots":[]"#)
        let response = spliced.filled(with: SnapshotArrayJSON.encode(snapshots)).response(requestID: requestID)
        let expected = try APIJSON.encoder().encode(
            Envelope.Success(data: Detail(name: "a \"snapshots\":[] inside a string", snapshots: snapshots.map(SnapshotDTO.init), has_more: true), meta: ["request_id": .string(requestID)]))
        #expect(try await body(response) == String(decoding: expected, as: UTF8.self))
        #expect(response.headers[.contentType] == Envelope.jsonContentType)
        #expect(response.headers[.contentLength] == "\(expected.count)", "sent with its length, not chunked")
    }

    @Test func aChangedVideoIsRenderedAgain() throws {
        let start = Date(millisecondsSince1970: 1_780_000_000_000)
        let tracking = Tracking(
            id: UUID(), accountID: UUID(), videoID: 1, platform: .youtube, submittedURL: "https://youtu.be/aaaaaaaaaaa", status: .monitoring,
            window: TrackingWindow(start: start, duration: try TrackingDuration(days: 30)), cadence: .hourly, notes: nil, createdAt: start, updatedAt: start)
        let video = Video(id: 1, platform: .youtube, externalID: "aaaaaaaaaaa", canonicalURL: "https://www.youtube.com/watch?v=aaaaaaaaaaa", createdAt: start)
        let item = TrackedVideo(tracking: tracking, video: video)
        let renderings = DetailRenderings()
        var renders = 0
        func envelope(_ item: TrackedVideo, now: Date) throws -> Envelope.Filled {
            let dto = VideoDTO(item, latest: nil, dayBefore: nil, now: now)
            return try renderings.envelope(for: dto) {
                renders += 1
                return try Envelope.Spliced(VideoDetailDTO(video: dto, snapshots: [], has_more_snapshots: false), filling: #""snapshots":[]"#)
                    .filled(with: SnapshotArrayJSON.encode([Snapshot]()))
            }
        }
        let first = try envelope(item, now: start)
        _ = try envelope(item, now: start.addingTimeInterval(60))
        #expect(renders == 1, "nothing shown changed")
        var noted = item
        noted.tracking.notes = "campaign A"
        let second = try envelope(noted, now: start.addingTimeInterval(60))
        #expect(renders == 2)
        #expect(second.prefix != first.prefix)
        _ = try envelope(noted, now: start.addingTimeInterval(2 * 86_400))
        #expect(renders == 3, "days_remaining moved")
    }
}

/// Collects a response body's buffers.
struct CollectingWriter: ResponseBodyWriter {
    let collect: (ByteBuffer) -> Void
    init(_ collect: @escaping (ByteBuffer) -> Void) { self.collect = collect }
    mutating func write(_ buffer: ByteBuffer) async throws { collect(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
