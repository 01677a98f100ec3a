import ArgumentParser
import Foundation
import GRDB
import Logging
import Synchronization
import TrendlineDomain
import TrendlineRuntime
import TrendlineSimulator
import TrendlineSnapshots
import TrendlineStore

/// SQLite files of 10,000, 100,000 and 1,000,000 tracked videos: time per claim in each, timed in
/// turns (the due index makes a claim cost O(due), not O(videos)); then, in the largest, a
/// simulated hour of the hourly cadence on a fast clock, with the due -> stored lag of every
/// video, the process's resident memory while the worker runs, and the bytes each snapshot takes
/// on disk.
struct ScaleBench {
    let simulator: PlatformSimulator
    let simulatorBase: String
    let clock: BenchClock
    let videos: Int
    let speed: Double
    let runs: Int
    static let claimSize = SnapshotWorker.Configuration().claimLimit

    struct Result: Codable {
        var claimSeconds: [String: Double] = [:]
        /// At the largest size: claims of a tenth as many due videos (cost follows the due count).
        var smallClaimSeconds = 0.0
        var smallClaimSize = 0
        var sizes: [Int] = []
        var lagP50 = 0.0
        var lagP99 = 0.0
        var lagMax = 0.0
        var hourSnapshots = 0
        var realSeconds = 0.0
        var peakRSS = 0
        var baselineRSS = 0
        var bytesPerSnapshot = 0.0
        var speed = 0.0
        var videos = 0
    }

    func run() async throws -> Result {
        let start = Date()
        clock.set(start, speed: 1)
        let world = try BenchWorld.open(simulatorBase: simulatorBase, clock: clock, name: "scale")
        defer { Task { await world.close() } }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let database = try DatabaseQueue(path: world.databasePath, configuration: configuration)
        var result = Result(speed: speed, videos: videos)
        let future = start.addingTimeInterval(7200).millisecondsSince1970

        // Each size in a file of its own, the largest being the one the hour runs on, so that the
        // claims of every size are timed in turns in the same minutes: timed one size after the
        // other, a minute apart, a spell of the VM landed on one size only (the 10k figure swung
        // 1.1-3.7 ms across runs and the ratio 0.9-2.2x).
        let sizes = [10_000, 100_000, 1_000_000].filter({ $0 < videos }) + [videos]
        var files: [ClaimFile] = []
        for size in sizes {
            let file = size == videos
                ? ClaimFile(size: size, world: world, database: database)
                : try ClaimFile(size: size, world: BenchWorld.open(simulatorBase: simulatorBase, clock: clock, name: "scale-\(size)"), configuration: configuration)
            let setupStart = ContinuousClock.now
            try await file.track(future: future)
            progress("scale: \(size) videos tracked in \(Int((ContinuousClock.now - setupStart).seconds)) s")
            files.append(file)
        }
        progress("scale: timing claims, the \(files.count) sizes in turns")
        let largest = files[files.count - 1]
        result.smallClaimSize = Self.claimSize / 10
        let medians = try await claimTimesInTurns(files.map { ($0, Self.claimSize) } + [(largest, result.smallClaimSize)], future: future)
        for (index, file) in files.enumerated() {
            result.claimSeconds[String(file.size)] = medians[index]
            result.sizes.append(file.size)
        }
        result.smallClaimSeconds = medians[files.count]
        // The smaller files are done with: their stores go before the hour, whose memory is measured.
        for file in files.dropLast() { await file.world.close() }
        files.removeAll()
        let tracked = largest.size

        // The hour: due times spread evenly over it, the clock `speed` times real time.
        let total = tracked
        let hourStart = start.addingTimeInterval(3 * 3600)
        let hour = 3_600_000.0
        try await database.write { db in
            try db.execute(
                sql: "UPDATE videos SET next_check_at = ? + CAST((id - 1) * ? / ? AS INTEGER)",
                arguments: [hourStart.millisecondsSince1970, hour, Double(total)])
            try db.execute(sql: "DELETE FROM video_leases")
        }
        let before = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshots") ?? 0 }
        result.baselineRSS = Machine.residentBytes()
        progress("scale: simulated hour of \(total) hourly videos at \(Int(speed))x (about \(Int(3600 / speed)) s)")
        clock.set(hourStart, speed: speed)
        let worker = world.runtime.worker(configuration: .init(idleDelay: .milliseconds(max(1, Int(1000 / speed))), roundsInFlight: 2))
        let peak = PeakMeter()
        let realStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            group.addTask {
                while !Task.isCancelled {
                    let rss = Machine.residentBytes()
                    peak.record(rss)
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            let end = hourStart.addingTimeInterval(3600).millisecondsSince1970
            while true {
                try await Task.sleep(for: .milliseconds(500))
                // Done when no video is due before the hour's end: each snapshot plans the next
                // check an hour later. Read from the due index's first entry: counting the videos
                // still waiting looked up each one's row, about a second of one of the two cores
                // every half second, taken from the worker being measured.
                let left = try await database.read { db in
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM videos WHERE next_check_at IS NOT NULL AND next_check_at < ? LIMIT 1)",
                        arguments: [end]) ?? 0
                }
                if clock.now.millisecondsSince1970 >= end && left == 0 { break }
                if (ContinuousClock.now - realStart).seconds > 3 * 3600 / speed + 600 { throw BenchError("the simulated hour did not finish: videos are still due before its end") }
            }
            group.cancelAll()
        }
        result.realSeconds = (ContinuousClock.now - realStart).seconds
        result.peakRSS = peak.peak
        let lags = try await database.read { db in
            try Int64.fetchAll(
                db,
                // A video due in the hour's first moments is due again at its end; its first
                // snapshot is the one this hour owed it.
                sql: """
                    SELECT MIN(s.taken_at) - (? + CAST((v.id - 1) * ? / ? AS INTEGER))
                    FROM snapshots s JOIN videos v ON v.id = s.video_id GROUP BY v.id
                    """,
                arguments: [hourStart.millisecondsSince1970, hour, Double(total)])
        }.map { Double($0) / 1000 }
        result.hourSnapshots = lags.count - before
        result.lagP50 = Statistics.percentile(lags, 50)
        result.lagP99 = Statistics.percentile(lags, 99)
        result.lagMax = lags.max() ?? 0
        result.bytesPerSnapshot = try SnapshotFootprint.bytesPerSnapshot(database)
        return result
    }
}

/// One SQLite file of the claim measure: its store, a second connection for the bench's own
/// setup writes, and how many videos it tracks.
struct ClaimFile {
    let size: Int
    let world: BenchWorld
    let database: DatabaseQueue

    init(size: Int, world: BenchWorld, database: DatabaseQueue) {
        self.size = size
        self.world = world
        self.database = database
    }

    init(size: Int, world: BenchWorld, configuration: Configuration) throws {
        try self.init(size: size, world: world, database: DatabaseQueue(path: world.databasePath, configuration: configuration))
    }

    /// Tracks `size` videos, 10,000 per transaction, none due before `future`.
    func track(future: Int64) async throws {
        let account = try await world.repository.createAccount(name: "bench", at: world.clock.now)
        var tracked = 0
        while tracked < size {
            let count = min(10_000, size - tracked)
            try await world.track((tracked..<tracked + count).map { BenchIDs.youtube($0, space: 11) }, accountID: account.id, batch: count)
            tracked += count
        }
        try await database.write { db in
            try db.execute(sql: "UPDATE videos SET next_check_at = ? + id", arguments: [future])
            try db.execute(sql: "DELETE FROM video_leases")
        }
    }
}

extension ScaleBench {
    /// The median time of each claim of `due` videos in `file`, timed in turns: each round times
    /// one claim of each, starting from another one each round so that none is always first.
    func claimTimesInTurns(_ claims: [(file: ClaimFile, due: Int)], future: Int64) async throws -> [Double] {
        var times = Array(repeating: [Double](), count: claims.count)
        for round in 0..<max(runs, 5) * 3 {
            for offset in 0..<claims.count {
                let index = (round + offset) % claims.count
                times[index].append(try await claimTime(due: claims[index].due, in: claims[index].file, future: future))
            }
        }
        return times.map(Statistics.median)
    }

    /// The time to claim `due` randomly chosen videos among the file's, made due just before.
    func claimTime(due: Int, in file: ClaimFile, future: Int64) async throws -> Double {
        let now = clock.now
        let chosen = Set((0..<due).map { _ in Int64.random(in: 1...Int64(file.size)) })
        try await file.database.write { db in
            for id in chosen { try db.execute(sql: "UPDATE videos SET next_check_at = ? WHERE id = ?", arguments: [now.millisecondsSince1970 - 1000, id]) }
        }
        // The setup dirtied up to 500 pages (and the last round's clean-up as many): copy
        // them into the file now, or the claim's commit may pay for their checkpoint.
        try await file.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let timer = ContinuousClock.now
        let claimed = try await file.world.repository.claimDueVideos(at: now, limit: Self.claimSize, leaseUntil: now.addingTimeInterval(300))
        let seconds = (ContinuousClock.now - timer).seconds
        guard claimed.count == chosen.count else { throw BenchError("claimed \(claimed.count) of \(chosen.count) due videos") }
        try await file.database.write { db in
            try db.execute(sql: "UPDATE videos SET next_check_at = ? + id WHERE id IN (SELECT video_id FROM video_leases)", arguments: [future])
            try db.execute(sql: "DELETE FROM video_leases")
        }
        return seconds
    }
}

/// Bytes the snapshots table takes per row, from SQLite's own page accounting (dbstat), or the
/// whole file per row where dbstat is not compiled in.
enum SnapshotFootprint {
    static func bytesPerSnapshot(_ database: DatabaseQueue) throws -> Double {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshots") ?? 0
            guard rows > 0 else { return 0 }
            if let bytes = try? Int.fetchOne(db, sql: "SELECT SUM(pgsize) FROM dbstat WHERE name = 'snapshots'") {
                return Double(bytes) / Double(rows)
            }
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            return Double(pages * size) / Double(rows)
        }
    }
}

/// `trendline-bench scale`: the scale measure alone in this process (so the resident memory is
/// the worker's, not the other measures'); prints its result as JSON.
struct Scale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The 1,000,000-video measure alone; prints JSON (run by the default command).")

    @Option var videos = 1_000_000
    @Option var speed = 30.0
    @Option var runs = 3

    func run() async throws {
        DeferredMetadataLogHandler.bootstrap(level: .error) // only the service's errors: the bench prints its own progress
        let clock = BenchClock()
        let simulator = PlatformSimulator(epoch: Date().addingTimeInterval(-86_400 * 60), clock: { clock.now })
        let settings = self
        let result = try await simulator.withRunningServer { base in
            try await ScaleBench(simulator: simulator, simulatorBase: base, clock: clock, videos: settings.videos, speed: settings.speed, runs: settings.runs).run()
        }
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }
}

/// Runs `trendline-bench scale` as a child process and turns its JSON into table rows.
enum ScaleChild {
    static func run(videos: Int, speed: Double, runs: Int) throws -> [Figure] {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardized.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : FileManager.default.currentDirectoryPath + "/" + executable)
        process.arguments = ["scale", "--videos", String(videos), "--speed", String(speed), "--runs", String(runs)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("the scale measure exited with \(process.terminationStatus)") }
        guard let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
              let result = try? JSONDecoder().decode(ScaleBench.Result.self, from: Data(line.utf8))
        else { throw BenchError("the scale measure printed no result") }
        let first = result.claimSeconds[String(result.sizes.first ?? 0)] ?? 0
        let last = result.claimSeconds[String(result.sizes.last ?? 0)] ?? 0
        let claims = result.sizes.map { "\(Figures.number(Double($0))): \(Figures.ms(result.claimSeconds[String($0)] ?? 0))" }.joined(separator: ", ")
        let mib = Double(result.peakRSS) / 1_048_576
        let size = Figures.number(Double(result.videos))
        return [
            Figure(
                measure: "time per claim of \(ScaleBench.claimSize) due videos in SQLite files of \(result.sizes.map { Figures.number(Double($0)) }.joined(separator: ", ")) tracked videos, timed in turns",
                value: claims,
                reference: "ratio largest/smallest: \(Figures.ratio(last / max(first, 1e-9))); at \(size), \(result.smallClaimSize) due: \(Figures.ms(result.smallClaimSeconds))",
                target: "flat (O(due)): <= 2× from 10k to 1M", met: last <= 2 * first),
            Figure(
                measure: "\(size) tracked videos: resident memory while the worker runs the simulated hour (simulator in the same process)",
                value: String(format: "%.0f MB peak", mib), reference: String(format: "%.0f MB before the worker started", Double(result.baselineRSS) / 1_048_576),
                target: "<= 300 MB", met: mib <= 300),
            Figure(
                measure: "\(size) videos on the hourly cadence, simulated hour at \(Int(result.speed))× (\(Int(result.realSeconds)) s real, \(Figures.number(Double(result.hourSnapshots))) snapshots): due -> stored lag",
                value: String(format: "p50 %.1f s, p99 %.1f s, max %.1f s", result.lagP50, result.lagP99, result.lagMax), reference: "-",
                target: "p99 < 60 s", met: result.lagP99 < 60 && result.hourSnapshots >= result.videos),
            Figure(
                measure: "bytes per snapshot on disk (snapshots table, \(size) videos)",
                value: String(format: "%.1f B", result.bytesPerSnapshot), reference: "-", target: "<= 40 B", met: result.bytesPerSnapshot <= 40),
        ]
    }
}

/// The largest value recorded, from any task.
final class PeakMeter: Sendable {
    private let value = Mutex(0)
    func record(_ sample: Int) { value.withLock { $0 = max($0, sample) } }
    var peak: Int { value.withLock { $0 } }
}
