import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain

/// The `interval` (`hour` or `day`, default `day`), `from` and `to` of a history answer (a
/// campaign's, a video's): whole UTC hours or days, at most ``maximumPoints`` of them.
struct HistoryRange {
    static let maximumPoints = StatsReport.maximumGridPoints

    let interval: String
    let step: TimeInterval
    let from: Date?
    let to: Date

    /// Read from the query; a 400 naming the parameter that is wrong.
    init(_ request: Request, now: Date) throws {
        let query = request.uri.queryParameters
        let asked = query["interval"].map(String.init) ?? "day"
        guard let grid = HistoryInterval(named: asked) else { throw APIError.validation("unknown interval '\(asked.prefix(100))': use hour or day", field: "interval") }
        interval = grid.rawValue
        step = grid.seconds
        from = try QueryValues.date(query["from"].map(String.init), field: "from")
        to = try QueryValues.date(query["to"].map(String.init), field: "to", endOfDay: true) ?? now
        if let from, from > to { throw APIError.validation("from must not be after to", field: "from") }
    }

    /// The points' times from `from` (else `start`, or `to` when that is later) to `to`, or
    /// `nil` when there would be more than ``maximumPoints``.
    func times(startingAt start: Date) -> [Date]? {
        CountTimeline.times(from: from, startingAt: start, to: to, step: step, limit: Self.maximumPoints)
    }

    var tooManyPoints: APIError {
        APIError.validation("the range holds more than \(Self.maximumPoints) \(interval)s: narrow from/to or use a longer interval", field: "from")
    }
}
