import ArgumentParser
import Foundation
import TrendlineRuntime
import TrendlineSQLite

/// `trendline backup FILE`: a consistent copy of the SQLite database, taken while `serve` keeps
/// running (SQLite's online backup), so no `sqlite3` shell is needed on the machine.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the SQLite database to a new file while the server runs (for PostgreSQL, use pg_dump).",
        discussion: "To restore, stop Trendline, remove DATA_DIR/trendline.sqlite-wal and -shm, and put the copy at DATA_DIR/trendline.sqlite.")

    @Argument(help: "The new file (never overwritten).") var file: String
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let settings = try await common.settings()
        guard settings.databaseURL == nil else {
            throw ValidationError("backup copies the SQLite file; this installation uses PostgreSQL: back it up with pg_dump")
        }
        guard FileManager.default.fileExists(atPath: settings.databasePath) else {
            throw ValidationError("there is no database at \(settings.databasePath) (see --data-dir)")
        }
        guard !FileManager.default.fileExists(atPath: file) else { throw ValidationError("'\(file)' already exists; a backup never overwrites a file") }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("cannot write '\(file)': the directory '\(directory)' does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw ValidationError("cannot write '\(file)': the directory '\(directory)' is not writable")
        }
        let summary = try StoreOpener.open(settings).backup(to: file)
        print(["backed_up", summary.path, "\(summary.bytes) bytes", "\(summary.accounts) accounts", "\(summary.trackings) trackings",
               "\(summary.snapshots) snapshots"].joined(separator: "\t"))
    }
}
