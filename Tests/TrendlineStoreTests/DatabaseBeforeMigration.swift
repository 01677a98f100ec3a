import Foundation
import GRDB
import TrendlineStore
import TrendlineTestSupport

/// A new SQLite file in a temporary directory, migrated up to (not including) `migrationID`:
/// the schema an installation had before upgrading, for migration tests.
func sqliteDatabase(before migrationID: String, name: String) throws -> (path: String, queue: DatabaseQueue) {
    let directory = try ScratchDirectory.make(name)
    let path = directory.appendingPathComponent("db.sqlite").path
    var before = DatabaseMigrator()
    for migration in SchemaMigrations.all.prefix(while: { $0.id != migrationID }) {
        before.registerMigration(migration.id) { db in try db.execute(sql: migration.sqlite) }
    }
    let queue = try DatabaseQueue(path: path)
    try before.migrate(queue)
    return (path, queue)
}
