import GRDB

extension Row {
    /// The rows of `statement`, each decoded while the cursor is on it.
    ///
    /// `Row.fetchAll` and `fetchOne` copy each row, and a copied row finds a column by name by
    /// lowercasing every column name in turn: with the 40 columns of a tracked video that was
    /// 5 % of the API's time (docs/benchmarks.md). A cursor's row finds it in the statement's
    /// name index instead. `decode` must not keep the row.
    static func decodeAll<T>(_ statement: Statement, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> T) throws -> [T] {
        var values: [T] = []
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() { values.append(try decode(row)) }
        return values
    }

    /// The first row of `statement`, decoded while the cursor is on it (see ``decodeAll(_:arguments:_:)``).
    static func decodeFirst<T>(_ statement: Statement, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        return try cursor.next().map(decode)
    }
}
