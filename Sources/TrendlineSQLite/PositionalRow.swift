import Foundation
import GRDB
import TrendlineStore

/// A result row read by column position: GRDB's `Row`, or the current row of a statement
/// stepped through SQLite's C API (``DirectRow``). The decoders of the rows the hot paths read
/// (videos, trackings, accounts, keys) take either, so one decoder serves both.
protocol PositionalRow {
    func int64(_ column: Int) throws -> Int64
    func optionalInt64(_ column: Int) throws -> Int64?
    func text(_ column: Int) throws -> String
    func optionalText(_ column: Int) throws -> String?
    /// The column's name in the statement, for error messages.
    func columnName(_ column: Int) -> String
}

extension PositionalRow {
    func int(_ column: Int) throws -> Int {
        Int(try int64(column))
    }

    /// The milliseconds in `column` as a date, nil for `NULL`.
    func date(_ column: Int) throws -> Date? {
        try optionalInt64(column).map(Date.init(millisecondsSince1970:))
    }

    /// The milliseconds in a `NOT NULL` column as a date.
    func requiredDate(_ column: Int) throws -> Date {
        Date(millisecondsSince1970: try int64(column))
    }

    /// The text in `column` as one of `T`'s cases; a value no case has is a corrupt row.
    func enumValue<T: RawRepresentable>(_ column: Int) throws -> T where T.RawValue == String {
        let text = try text(column)
        guard let value = T(rawValue: text) else { throw StoreError.corrupt("unknown value '\(text)' in \(columnName(column))") }
        return value
    }
}

/// GRDB's rows decode with its throwing accessors: a value of another type than the column's
/// (which SQLite's non-STRICT tables let a hand-made write store) is an error for the request
/// that reads it, where GRDB's subscripts would stop the whole process.
extension Row: PositionalRow {
    func int64(_ column: Int) throws -> Int64 { try decode(atIndex: column) }
    func optionalInt64(_ column: Int) throws -> Int64? { try decode(atIndex: column) }
    func text(_ column: Int) throws -> String { try decode(atIndex: column) }
    func optionalText(_ column: Int) throws -> String? { try decode(atIndex: column) }
    func columnName(_ column: Int) -> String { Array(columnNames)[column] }
}
