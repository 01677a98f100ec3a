import Foundation
import Hummingbird
import TrendlineDomain
import TrendlineStore

/// Parses query-string values, answering 400 with the parameter's name when one is wrong.
enum QueryValues {
    static func integer(_ text: String?, field: String, range: ClosedRange<Int>, default value: Int) throws -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.validation("\(field) must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'", field: field)
        }
        return number
    }

    /// A platform by its API name (`twitter` is read as `x`); a 400 naming `field` and listing
    /// `choices` otherwise.
    static func platform(_ text: String, field: String, choices: [Platform] = Platform.allCases) throws -> Platform {
        guard let platform = Platform(named: text) else {
            throw APIError.validation("unknown platform '\(text)': use one of \(choices.map(\.rawValue).joined(separator: ", "))", field: field)
        }
        return platform
    }

    /// A text parameter read as HTML forms and `URLSearchParams` send it: `+` is a space (a
    /// literal plus is `%2B`). Hummingbird's decoded values keep `+`, so the raw query is read.
    static func formText(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0] == name else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            let spaced = raw.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return nil
    }

    /// `limit` (1-100, default 50) and `cursor` (a previous `meta.next_cursor`) of a list; a list
    /// of trackings in another `order` than newest first takes only cursors of that order.
    static func page(_ limit: String?, cursor: String?, order: TrackingOrder = .newest) throws -> PageRequest {
        var page = PageRequest(limit: try integer(limit, field: "limit", range: 1...100, default: 50))
        if let cursor, !cursor.isEmpty {
            guard let decoded = CursorCoding.decodePage(cursor, order: order) else {
                throw APIError.validation("the cursor is not valid; pass next_cursor back unchanged, with the same sort", field: "cursor")
            }
            page.after = decoded
        }
        return page
    }

    /// The `meta` of one page of a list (in `order`, for a list of trackings).
    static func pageMeta(count: Int, limit: Int, next: PageCursor?, order: TrackingOrder = .newest) -> [String: MetaValue] {
        let cursor = next.map { CursorCoding.encode($0, order: order) }
        return ["count": .int(count), "limit": .int(limit), "next_cursor": cursor.map(MetaValue.string) ?? .null, "has_more": .bool(cursor != nil)]
    }

    /// One end of a range the query names: a day (`2026-11-01`, its first instant, or with
    /// `endOfDay` its last millisecond, UTC) or an ISO 8601 time, as the `*_from`/`*_to` filters
    /// read them; `nil` when absent or empty, a 400 naming `field` when it is neither.
    static func date(_ text: String?, field: String, endOfDay: Bool = false) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = TimestampText.bound(text, endOfDay: endOfDay) else { throw notATime(field, text) }
        return date
    }

    static func notATime(_ field: String, _ text: String) -> APIError {
        APIError.validation("\(field) must be a day such as 2026-11-01 or an ISO 8601 time such as 2026-11-01T10:00:00Z, got '\(text.prefix(100))'", field: field)
    }

    /// A list filter's `<name>_from` and `<name>_to` in the request's query
    /// (``DateBounds/read(from:to:)``; an empty value is an open end); a 400 naming the one that
    /// is wrong, or `<name>_from` when it is after `<name>_to`.
    static func bounds(_ request: Request, _ name: String) throws -> DateBounds {
        let query = request.uri.queryParameters
        let (fromField, toField) = (name + "_from", name + "_to")
        func text(_ field: String) -> String? { query[Substring(field)].flatMap { $0.isEmpty ? nil : String($0) } }
        switch DateBounds.read(from: text(fromField), to: text(toField)) {
        case .success(let bounds):
            return bounds
        case .failure(.notATime(let end, let text)):
            throw notATime(end == .from ? fromField : toField, text)
        case .failure(.backwards):
            throw APIError.validation("\(fromField) must not be after \(toField)", field: fromField)
        }
    }
}
