import Logging
import Synchronization
import Testing
import TrendlineRuntime

/// Collects what a stream handler writes.
final class CollectedLines: TextOutputStream, Sendable {
    private let text = Mutex("")
    var lines: [String] { text.withLock { $0 }.split(separator: "\n").map(String.init) }
    func write(_ string: String) { text.withLock { $0 += string } }
}

struct DeferredMetadataLogHandlerTests {
    /// The line without its leading timestamp, which differs between two writes.
    static func withoutTimestamp(_ line: String) -> String {
        String(line.drop { $0 != " " })
    }

    @Test func writesTheLinesTheStreamHandlerWrites() throws {
        let plain = CollectedLines()
        let deferred = CollectedLines()
        var plainLogger = Logger(label: "trendline.test") { StreamLogHandler(label: $0, stream: plain) }
        var deferredLogger = Logger(label: "trendline.test") { DeferredMetadataLogHandler(StreamLogHandler(label: $0, stream: deferred)) }
        plainLogger[metadataKey: "request_id"] = "r-1"
        plainLogger[metadataKey: "path"] = "/v1/videos"
        deferredLogger[metadataKey: "request_id"] = "r-1"
        deferredLogger[metadataKey: "path"] = "/v1/videos"
        for logger in [plainLogger, deferredLogger] {
            logger.warning("upstream or database failure", metadata: ["error": "HTTP 503", "path": "/v1/videos/x"])
            logger.info("plain line")
            logger.debug("below the level")
        }
        #expect(deferred.lines.count == 2)
        #expect(deferred.lines.map(Self.withoutTimestamp) == plain.lines.map(Self.withoutTimestamp))
        let first = try #require(deferred.lines.first)
        #expect(first.contains("error=HTTP 503 path=/v1/videos/x request_id=r-1"), "explicit metadata wins over the logger's: \(first)")
        #expect(deferred.lines.last?.contains("path=/v1/videos request_id=r-1") == true)
    }

    @Test func levelAndMetadataAreTheHandlers() {
        var handler = DeferredMetadataLogHandler(StreamLogHandler(label: "t", stream: CollectedLines()))
        handler.logLevel = .error
        handler[metadataKey: "a"] = "1"
        #expect(handler.logLevel == .error)
        #expect(handler.metadata == ["a": "1"])
        #expect(DeferredMetadataLogHandler.standardError(label: "t", level: .notice).logLevel == .notice)

        let lines = CollectedLines()
        var stream = StreamLogHandler(label: "t", stream: lines)
        stream.metadata = ["node": "api-1"]
        let adopted = Logger(label: "t") { _ in DeferredMetadataLogHandler(stream) }
        adopted.info("started")
        #expect(lines.lines.first?.contains("node=api-1") == true, "metadata set on the stream handler before is kept: \(lines.lines)")
    }
}
