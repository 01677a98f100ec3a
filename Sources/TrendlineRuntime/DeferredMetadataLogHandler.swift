import Logging

/// swift-log's `StreamLogHandler`, with the logger's metadata rendered when a line is written
/// instead of each time it is set. The stream handler renders all its metadata again on every
/// change, and Hummingbird sets a request id on every request's logger: that rendering was
/// about 2 % of a video detail's cost (perf, docs/benchmarks.md), for lines most requests never
/// write. Lines look exactly as the stream handler writes them.
public struct DeferredMetadataLogHandler: LogHandler {
    /// Writes the lines; it holds no metadata of its own, it gets it with each line.
    var stream: StreamLogHandler
    public var metadata: Logger.Metadata

    /// Takes over `stream`'s metadata, so none set on it before is lost.
    public init(_ stream: StreamLogHandler) {
        self.metadata = stream.metadata
        self.stream = stream
        self.stream.metadata = [:]
    }

    /// Lines to standard error (command output stays clean on standard output) from `level` up.
    public static func standardError(label: String, level: Logger.Level) -> DeferredMetadataLogHandler {
        var handler = DeferredMetadataLogHandler(.standardError(label: label))
        handler.logLevel = level
        return handler
    }

    /// Makes it the handler of every logger of the process.
    public static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in standardError(label: label, level: level) }
    }

    public var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        stream.log(event: event)
    }
}
