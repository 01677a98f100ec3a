import Foundation

/// Parses query-string values, answering 400 with the parameter's name when one is wrong.
enum QueryValues {
    static func integer(_ text: String?, field: String, range: ClosedRange<Int>, default value: Int) throws -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.validation("\(field) must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'", field: field)
        }
        return number
    }

    static func date(_ text: String?, field: String) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = APIJSON.parseDate(text) else {
            throw APIError.validation("\(field) must be an ISO 8601 date such as 2026-01-29T10:00:00Z, got '\(text)'", field: field)
        }
        return date
    }
}
