import Foundation
import Logging
import PostgresNIO
import TrendlineDomain
import TrendlinePostgres
import TrendlineRuntime
import TrendlineSimulator
import TrendlineSnapshots

/// The pipeline on PostgreSQL, the backend for several nodes, when the bench is given a server
/// (`--postgres-url`): snapshots per second through the same worker (claim with
/// `FOR UPDATE SKIP LOCKED` -> YouTube provider on the simulator -> store), in a schema of its
/// own, beside a raw insert of the same rows into a copy of the table (multi-row `INSERT`s of
/// 500 rows, one transaction each). The issue sets no target for it: the row shows what one
/// worker node gets, and its ratio says how far the store is from the server's own insert speed.
struct PostgresPipelineBench {
    let url: String
    let simulatorBase: String
    let clock: BenchClock
    let runs: Int
    let videos: Int

    func run() async throws -> [Figure] {
        clock.set(Date(), speed: 1)
        let logger = BenchWorld.logger
        let schema = "trendline_bench_" + UUIDText.random().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let client = PostgresClient(configuration: try PostgresURL(url).configuration(searchPath: String(schema), maximumConnections: 16), backgroundLogger: logger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        try await client.query("CREATE SCHEMA \(unescaped: String(schema))", logger: logger)
        do {
            let figures = try await measure(client: client, logger: logger)
            _ = try? await client.query("DROP SCHEMA \(unescaped: String(schema)) CASCADE", logger: logger)
            return figures
        } catch {
            _ = try? await client.query("DROP SCHEMA \(unescaped: String(schema)) CASCADE", logger: logger)
            throw error
        }
    }

    private func measure(client: PostgresClient, logger: Logger) async throws -> [Figure] {
        let repository = PostgresRepository(client: client, logger: logger)
        try await repository.migrate()
        let runtime = try SnapshotRuntime(
            repository: repository, settings: BenchWorld.providerSettings(simulatorBase: simulatorBase), clock: clock.wallClock, logger: logger)
        defer { Task { try? await runtime.client.shutdown() } }
        let account = try await repository.createAccount(name: "bench", at: clock.now)
        progress("postgres pipeline: tracking \(videos) YouTube videos")
        try await BenchWorld.track((0..<videos).map { BenchIDs.youtube($0) }, accountID: account.id, in: repository, at: clock.now)
        let worker = runtime.worker(configuration: SnapshotWorker.Configuration(roundsInFlight: 2))
        var rates: [Double] = []
        var raw: [Double] = []
        var stored = try await count(client, logger)
        for round in 0...runs {
            if round > 0 { clock.advance(by: 3600) }
            let roundStart = clock.now.millisecondsSince1970
            let start = ContinuousClock.now
            try await worker.drain()
            let seconds = (ContinuousClock.now - start).seconds
            let after = try await count(client, logger)
            let taken = after - stored
            stored = after
            guard taken == videos else { throw BenchError("postgres pipeline round \(round) stored \(taken) snapshots, expected \(videos)") }
            guard round > 0 else { continue }
            rates.append(Double(taken) / seconds)
            let reference = try await rawInsert(since: roundStart, client: client, logger: logger)
            guard reference.rows == taken else { throw BenchError("postgres raw reference copied \(reference.rows) rows, expected \(taken)") }
            raw.append(reference.rate)
            progress("postgres pipeline round \(round): \(Int(Double(taken) / seconds)) snapshots/s, raw insert \(Int(reference.rate)) rows/s")
        }
        let rate = Statistics.median(rates)
        let reference = Statistics.median(raw)
        return [
            Figure(
                measure: "pipeline on PostgreSQL: snapshots/s, claim -> YouTube provider (simulator) -> store, \(Figures.number(Double(videos))) videos per round",
                value: "\(Figures.number(rate)) /s",
                reference: "raw insert of the same rows into a copy of the table, 500 per multi-row INSERT: \(Figures.number(reference)) /s; ratio \(Figures.ratio(rate / reference))",
                target: "- (none set)", met: nil)
        ]
    }

    private func count(_ client: PostgresClient, _ logger: Logger) async throws -> Int {
        let rows = try await client.query("SELECT count(*) FROM snapshots", logger: logger).collect { try $0.decode(Int64.self) }
        return Int(rows.first ?? 0)
    }

    /// Copies the rows taken at or after `since` and times inserting them into a fresh copy of the
    /// snapshots table (its key, no foreign key), 500 rows per statement.
    private func rawInsert(since: Int64, client: PostgresClient, logger: Logger) async throws -> (rate: Double, rows: Int) {
        typealias Values = (Int64, Int64, Int64?, Int64?, Int64?, Int64?, Int64?, String)
        let rows: [Values] = try await client.query(
            """
            SELECT video_id, taken_at, views, likes, comments, shares, saves, provider FROM snapshots
            WHERE taken_at >= \(since) ORDER BY taken_at, video_id
            """, logger: logger
        ).collect { try $0.decode(Values.self) }
        let table = "raw_snapshots_" + UUIDText.random().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(8)
        try await client.query("CREATE TABLE \(unescaped: String(table)) (LIKE snapshots INCLUDING ALL)", logger: logger)
        defer { Task { _ = try? await client.query("DROP TABLE \(unescaped: String(table))", logger: logger) } }
        let start = ContinuousClock.now
        var index = 0
        while index < rows.count {
            let chunk = rows[index..<min(index + 500, rows.count)]
            var binds = PostgresBindings()
            var tuples: [String] = []
            for row in chunk {
                let first = binds.count + 1
                binds.append(row.0)
                binds.append(row.1)
                binds.append(row.2)
                binds.append(row.3)
                binds.append(row.4)
                binds.append(row.5)
                binds.append(row.6)
                binds.append(row.7)
                tuples.append("(" + (first..<(first + 8)).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(table) (video_id, taken_at, views, likes, comments, shares, saves, provider) VALUES "
                + tuples.joined(separator: ", ")
            try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            index += 500
        }
        let seconds = (ContinuousClock.now - start).seconds
        return (Double(rows.count) / seconds, rows.count)
    }
}
