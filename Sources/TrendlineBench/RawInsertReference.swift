import Foundation
import GRDB
import TrendlineSQLite

/// The reference for the pipeline: the same snapshot rows inserted straight into a fresh SQLite
/// file with the same table definition and the same settings (WAL, GRDB's defaults), one
/// transaction per batch, with nothing else around them.
enum RawInsertReference {
    /// How each row is bound and stepped.
    enum Binding {
        /// Through SQLite's C API (``DirectStatement``), as the pipeline's own snapshot insert
        /// binds: the reference the target is judged against.
        case sqliteCAPI
        /// Through GRDB's `StatementArguments`, as the reference did until the pipeline stopped
        /// binding that way (shown beside it: building the arguments was most of its time).
        case grdbArguments
    }

    /// Copies the rows taken at or after `since` out of `source` once, then times inserting them
    /// into a new file in batches of `batch`, once per binding in `bindings` (a new file each).
    /// Returns rows per second for each binding, in order, and the number of rows.
    static func rowsPerSecond(
        from source: DatabaseQueue, since: Int64, batch: Int, directory: String, bindings: [Binding]
    ) throws -> (rates: [Double], rows: Int) {
        let (definition, rows) = try source.read { db in
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'snapshots'") ?? ""
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM snapshots WHERE taken_at >= ? ORDER BY taken_at, video_id", arguments: [since])
            // Every snapshot column is an integer or NULL.
            return (definition, rows.map { row in Array(row.databaseValues.map { Int64.fromDatabaseValue($0) }) })
        }
        let rates = try bindings.map { binding in
            try rowsPerSecond(inserting: rows, definition: definition, batch: batch, directory: directory, binding: binding)
        }
        return (rates, rows.count)
    }

    /// Times inserting `rows` into a new file whose snapshots table is `definition`.
    private static func rowsPerSecond(inserting rows: [[Int64?]], definition: String, batch: Int, directory: String, binding: Binding) throws -> Double {
        let path = SQLiteScratchFile.path(in: directory, prefix: "raw")
        defer { SQLiteScratchFile.remove(path) }
        // The copied definition names videos(id); the reference has no videos table.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in try db.execute(sql: definition) }
        let columns = rows.first?.count ?? 0
        let placeholders = Array(repeating: "?", count: columns).joined(separator: ", ")
        let start = ContinuousClock.now
        var index = 0
        while index < rows.count {
            let chunk = rows[index..<min(index + batch, rows.count)]
            try pool.write { db in
                let statement = try db.cachedStatement(sql: "INSERT INTO snapshots VALUES (\(placeholders))")
                for values in chunk {
                    switch binding {
                    case .sqliteCAPI:
                        let insert = DirectStatement(statement, db: db)
                        for (index, value) in values.enumerated() { insert.bind(value, at: index + 1) }
                        try insert.execute()
                    case .grdbArguments:
                        try statement.execute(arguments: StatementArguments(values))
                    }
                }
            }
            index += batch
        }
        let seconds = (ContinuousClock.now - start).seconds
        return Double(rows.count) / seconds
    }
}
