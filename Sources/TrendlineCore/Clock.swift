import Foundation

/// Where "now" comes from, so tests and the demo can move time.
public struct WallClock: Sendable {
    private let source: @Sendable () -> Date

    public init(_ source: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
    }

    public var now: Date { source().truncatedToMilliseconds }

    /// The real clock.
    public static let system = WallClock()
}
