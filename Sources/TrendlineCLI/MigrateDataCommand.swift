import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import TrendlinePostgres
import TrendlineRuntime

/// `trendline migrate-data --from sqlite://PATH --to postgres://...`: copies a SQLite
/// installation into PostgreSQL, with progress; safe to re-run.
struct MigrateData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Copy a SQLite installation (accounts, keys, creators, videos, trackings, snapshots, webhooks) into PostgreSQL.")

    @Option(help: "sqlite://PATH of the source database (e.g. sqlite://./data/trendline.sqlite).") var from: String
    @Option(help: "postgres://USER@HOST:PORT/DB of the target.") var to: String

    func run() async throws {
        guard from.hasPrefix("sqlite://") else { throw ValidationError("--from must be sqlite://PATH") }
        let path = String(from.dropFirst("sqlite://".count))
        let url: PostgresURL
        do { url = try PostgresURL(to) } catch { throw ValidationError("--to: \(error)") }
        var logger = Logger(label: "trendline.migrate-data")
        logger.logLevel = .warning
        let client = PostgresClient(configuration: try url.configuration(), backgroundLogger: logger)
        let report = try await withThrowingTaskGroup(of: SQLiteToPostgresCopier.Report?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            let copier = SQLiteToPostgresCopier(sourcePath: path, target: PostgresRepository(client: client, logger: logger)) { line in
                FileHandle.standardError.write(Data("  \(line)\n".utf8))
            }
            return try await copier.copy()
        }
        print(
            "copied from \(path) to \(url): \(report.accounts) accounts, \(report.keys) keys, \(report.webhookEndpoints) webhook endpoints, "
                + "\(report.creators) creators, \(report.videos) videos, \(report.trackings) trackings, \(report.snapshots) snapshots, "
                + "\(report.webhookEvents) webhook events with \(report.webhookDeliveries) deliveries")
    }
}
