/// The length of a tracking window in days: 1 to 30, 30 by default.
public struct TrackingDuration: Sendable, Hashable {
    public static let allowed: ClosedRange<Int> = 1...30
    public static let `default` = TrackingDuration(uncheckedDays: 30)

    public let days: Int

    /// Fails with a message naming the allowed range when `days` is outside it.
    public init(days: Int) throws(TrackingDurationError) {
        guard Self.allowed.contains(days) else { throw TrackingDurationError(days: days) }
        self.days = days
    }

    private init(uncheckedDays: Int) { self.days = uncheckedDays }
}

/// A tracking duration outside 1...30 days.
public struct TrackingDurationError: Error, Sendable, Equatable {
    public let days: Int
    public init(days: Int) { self.days = days }
    public var message: String {
        "duration_days must be between \(TrackingDuration.allowed.lowerBound) and \(TrackingDuration.allowed.upperBound), got \(days)"
    }
}
