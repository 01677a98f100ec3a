import Foundation
import GRDB
import GRDBSQLite
import Testing
import TrendlineStore
@testable import TrendlineSQLite

/// The C-API path the store takes for its per-snapshot statements binds and reads what GRDB
/// would, reports SQLite's errors as GRDB's, and leaves GRDB's cached statement usable.
struct DirectStatementTests {
    static func queue() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT, k TEXT UNIQUE)")
        }
        return queue
    }

    @Test func bindsAndReadsIntegersTextAndNulls() throws {
        let texts = ["", "plain", "naïve ☃ 日本", "quote ' and \" and \\"]
        try Self.queue().write { db in
            for (index, text) in texts.enumerated() {
                let insert = DirectStatement(try db.cachedStatement(sql: "INSERT INTO t (id, n, s) VALUES (?, ?, ?)"), db: db)
                insert.bind(Int64(index + 1), at: 1)
                insert.bind(index.isMultiple(of: 2) ? Int64.max - Int64(index) : nil, at: 2)
                insert.bind(text, at: 3)
                try insert.execute()
            }
            let nothing = DirectStatement(try db.cachedStatement(sql: "INSERT INTO t (id, n, s) VALUES (?, ?, ?)"), db: db)
            nothing.bind(Int64(99), at: 1)
            nothing.bind(nil as Int64?, at: 2)
            nothing.bind(nil as String?, at: 3)
            try nothing.execute()

            // What GRDB reads back is what was bound.
            let stored = try Row.fetchAll(db, sql: "SELECT id, n, s FROM t ORDER BY id")
            #expect(stored.count == texts.count + 1)
            for (index, text) in texts.enumerated() {
                #expect(stored[index]["s"] as String? == text)
                #expect(stored[index]["n"] as Int64? == (index.isMultiple(of: 2) ? Int64.max - Int64(index) : nil))
            }
            #expect(stored[texts.count]["s"] as String? == nil)

            // And the direct reader reads the same.
            var read: [(Int64, Int64?, String?)] = []
            try DirectStatement(try db.cachedStatement(sql: "SELECT id, n, s FROM t ORDER BY id"), db: db).forEachRow { row in
                read.append((row.int64(0), row.optionalInt64(1), row.optionalText(2)))
            }
            #expect(read.map(\.0) == stored.map { $0["id"] as Int64 })
            #expect(read.map(\.1) == stored.map { $0["n"] as Int64? })
            #expect(read.map(\.2) == stored.map { $0["s"] as String? })
        }
    }

    @Test func reportsSQLiteErrorsAsDatabaseErrors() throws {
        try Self.queue().write { db in
            try db.execute(sql: "INSERT INTO t (id, k) VALUES (1, 'taken')")
            let insert = DirectStatement(try db.cachedStatement(sql: "INSERT INTO t (id, k) VALUES (?, ?)"), db: db)
            insert.bind(Int64(2), at: 1)
            insert.bind("taken", at: 2)
            do {
                try insert.execute()
                Issue.record("a duplicate key was stored")
            } catch let error as DatabaseError {
                #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
                #expect(error.message?.contains("t.k") == true)
                #expect(error.sql?.contains("INSERT INTO t") == true)
            }
        }
    }

    @Test func leavesTheCachedStatementUsableByGRDB() throws {
        try Self.queue().write { db in
            let sql = "INSERT INTO t (id, n) VALUES (?, ?)"
            let direct = DirectStatement(try db.cachedStatement(sql: sql), db: db)
            direct.bind(Int64(1), at: 1)
            direct.bind(Int64(10), at: 2)
            try direct.execute()
            try db.cachedStatement(sql: sql).execute(arguments: [2, 20])
            let again = DirectStatement(try db.cachedStatement(sql: sql), db: db)
            again.bind(Int64(3), at: 1)
            again.bind(nil as Int64?, at: 2)
            try again.execute()

            // A read that stops early (its body throws) resets the statement too.
            let select = "SELECT id FROM t ORDER BY id"
            struct Stop: Error {}
            let statement = try db.cachedStatement(sql: select)
            #expect(throws: Stop.self) {
                try DirectStatement(statement, db: db).forEachRow { _ in throw Stop() }
            }
            #expect(sqlite3_stmt_busy(statement.sqliteStatement) == 0, "a statement left on a row would hold its read open")
            #expect(try Int64.fetchAll(db.cachedStatement(sql: select)) == [1, 2, 3])
            #expect(try Int64?.fetchAll(db, sql: "SELECT n FROM t ORDER BY id") == [10, 20, nil])
        }
    }

    @Test func refusesAnUnknownEnumValueAsCorrupt() throws {
        try Self.queue().write { db in
            try db.execute(sql: "INSERT INTO t (id, s) VALUES (1, 'sideways')")
            try DirectStatement(try db.cachedStatement(sql: "SELECT s AS status FROM t"), db: db).forEachRow { row in
                #expect(throws: StoreError.self) { let _: Direction = try row.enumValue(0) }
                do {
                    let _: Direction = try row.enumValue(0)
                } catch {
                    #expect("\(error)".contains("sideways") && "\(error)".contains("status"))
                }
            }
        }
    }

    enum Direction: String { case up, down }
}
