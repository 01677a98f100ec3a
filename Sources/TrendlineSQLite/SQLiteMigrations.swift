import GRDB
import TrendlineStore

/// The shared migration list (``SchemaMigrations``) as a GRDB migrator.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in SchemaMigrations.all {
            migrator.registerMigration(migration.id) { db in
                try db.execute(sql: migration.sqlite)
            }
        }
        return migrator
    }
}
