import Foundation
import GRDB
import TrendlineStore

/// A result row read by column position: GRDB's `Row`, or the current row of a statement
/// stepped through SQLite's C API (``DirectRow``). The decoders of the rows the hot paths read
/// (videos, trackings, accounts, keys) take either, so one decoder serves both.
protocol PositionalRow {
    func int64(_ column: Int) -> Int64
    func optionalInt64(_ column: Int) -> Int64?
    func text(_ column: Int) -> String
    func optionalText(_ column: Int) -> String?
    /// The column's name in the statement, for error messages.
    func columnName(_ column: Int) -> String
}

extension PositionalRow {
    func int(_ column: Int) -> Int {
        Int(int64(column))
    }

    /// The milliseconds in `column` as a date, nil for `NULL`.
    func date(_ column: Int) -> Date? {
        optionalInt64(column).map(Date.init(millisecondsSince1970:))
    }

    /// The milliseconds in a `NOT NULL` column as a date.
    func requiredDate(_ column: Int) -> Date {
        Date(millisecondsSince1970: int64(column))
    }

    /// The text in `column` as one of `T`'s cases; a value no case has is a corrupt row.
    func enumValue<T: RawRepresentable>(_ column: Int) throws -> T where T.RawValue == String {
        let text = text(column)
        guard let value = T(rawValue: text) else { throw StoreError.corrupt("unknown value '\(text)' in \(columnName(column))") }
        return value
    }
}

extension Row: PositionalRow {
    func int64(_ column: Int) -> Int64 { self[column] }
    func optionalInt64(_ column: Int) -> Int64? { self[column] }
    func text(_ column: Int) -> String { self[column] }
    func optionalText(_ column: Int) -> String? { self[column] }
    func columnName(_ column: Int) -> String { Array(columnNames)[column] }
}
