import Foundation
import GRDB
import Testing
@testable import TrendlineSQLite

/// The SQLite row decoders read videos and trackings by position; the statements they read
/// must have exactly the columns, in the order, the decoders expect.
struct SQLiteRowLayoutTests {
    @Test func theVideoAndTrackingSelectsHaveTheDecodersColumnOrder() throws {
        let queue = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(queue)
        try queue.read { db in
            let video = try db.makeStatement(sql: "SELECT \(SQLiteRows.videoColumns) FROM videos v")
            #expect(video.columnNames == SQLiteRows.videoColumnNames)
            let tracked = try db.makeStatement(sql: SQLiteRows.trackedVideoSelect)
            #expect(tracked.columnNames == SQLiteRows.trackingColumnNames + SQLiteRows.videoColumnNames)
        }
    }
}
