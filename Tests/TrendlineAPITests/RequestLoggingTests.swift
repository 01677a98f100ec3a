import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import TrendlineAPI

/// Keeps every line logged through it, with its metadata.
final class CapturedLog: Sendable {
    struct Line: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
    }

    private let captured = Mutex<[Line]>([])
    var lines: [Line] { captured.withLock { $0 } }

    func logger() -> Logger {
        Logger(label: "trendline.test") { _ in Handler(log: self) }
    }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            log.captured.withLock { $0.append(Line(level: event.level, message: event.message.description, metadata: merged)) }
        }
    }
}

struct RequestLoggingTests {
    /// A failed upstream call is logged with the request id the client was given, so a user's
    /// report (which quotes the id) leads to its log line.
    @Test func serverSideFailuresAreLoggedWithTheirRequestID() async throws {
        let test = try await TestApp.make(liveStats: ScriptedLiveStats())
        let log = CapturedLog()
        let app = Application(router: buildResponder(test.dependencies), logger: log.logger())
        try await app.test(.router) { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: test.key, json: #"{"url":"https://www.tiktok.com/@a/video/999"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let response = try await client.call(.post, "/v1/videos/\(id)/refresh", key: test.key, headers: [HTTPField.Name("X-Request-Id")!: "report-42"])
            expectError(response, .badGateway, "UPSTREAM_ERROR")
            let failures = log.lines.filter { $0.level >= .warning }
            #expect(failures.count == 1, "lines: \(log.lines.map(\.message))")
            let line = try #require(failures.first)
            #expect(line.metadata["request_id"] == "report-42")
            #expect(line.metadata["path"] == .string("/v1/videos/\(id)/refresh"))
            #expect(line.metadata["error"].map { "\($0)".contains("tiktok-web") } == true)
        }
    }
}
