import Foundation
import GRDB
import GRDBSQLite

/// One of GRDB's cached statements, bound, stepped and read through SQLite's C API: for the
/// statements the store runs once per snapshot (the insert, the video's update, the batch's
/// reads, the claim's rows) and the API's two reads per request.
///
/// GRDB's `execute(arguments:)` builds a `StatementArguments` of existentials, checks it against
/// the statement and binds each value through `DatabaseValue`; its rows are read through `Row`.
/// Measured in one process, alternating batch by batch, the insert and the update bound here
/// cost the writer 3.4-4.2 µs less per snapshot, of 14-21 µs (docs/benchmarks.md, sixth round).
/// GRDB keeps owning the statement (its cache prepares and finalizes it); it is reset before
/// binding and after stepping, and each use binds every parameter, so nothing of one use is left
/// for the next. Package-wide: the benchmark's raw insert reference binds its rows the same way,
/// so the two are compared like for like.
package struct DirectStatement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer?

    /// Wraps `statement`, a statement of `db`, reset and ready for its parameters.
    package init(_ statement: Statement, db: Database) {
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        sqlite3_reset(handle)
    }

    /// Binds parameter `index` (1-based), `NULL` when `value` is nil.
    package func bind(_ value: Int64?, at index: Int) {
        if let value {
            sqlite3_bind_int64(handle, Int32(index), value)
        } else {
            sqlite3_bind_null(handle, Int32(index))
        }
    }

    /// Binds parameter `index` (1-based) to a copy of `text`, `NULL` when it is nil.
    package func bind(_ text: String?, at index: Int) {
        guard var text else {
            sqlite3_bind_null(handle, Int32(index))
            return
        }
        text.withUTF8 { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else {
                _ = sqlite3_bind_text(handle, Int32(index), "", 0, Self.transient)
                return
            }
            _ = start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                sqlite3_bind_text(handle, Int32(index), chars, Int32(bytes.count), Self.transient)
            }
        }
    }

    /// Runs a statement that returns no rows.
    package func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Runs a query and hands each row to `body`, which reads it while it is current.
    func forEachRow(_ body: (DirectRow) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try body(DirectRow(handle: handle))
        }
    }

    /// Runs a query and decodes its first row, if any; the statement is not stepped further.
    func first<T>(_ decode: (DirectRow) throws -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code) }
        return try decode(DirectRow(handle: handle))
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code),
            message: connection.map { String(cString: sqlite3_errmsg($0)) },
            sql: String(cString: sqlite3_sql(handle)))
    }

    /// SQLite copies the bound bytes (`SQLITE_TRANSIENT`): Swift's buffer lives only for the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// The current row of a ``DirectStatement``, read by 0-based column position.
struct DirectRow: PositionalRow {
    fileprivate let handle: OpaquePointer

    func isNull(_ column: Int) -> Bool {
        sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL
    }

    func int64(_ column: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(column))
    }

    func optionalInt64(_ column: Int) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func text(_ column: Int) -> String {
        guard let bytes = sqlite3_column_text(handle, Int32(column)) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int) -> String? {
        isNull(column) ? nil : text(column)
    }

    func columnName(_ column: Int) -> String {
        sqlite3_column_name(handle, Int32(column)).map { String(cString: $0) } ?? "column \(column)"
    }
}
