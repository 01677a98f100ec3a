import Foundation
import TrendlineDomain
import TrendlineSimulator
import TrendlineSnapshots

/// Snapshots per second through claim -> provider (YouTube Data API on the simulator, 50 ids per
/// call) -> store, on SQLite, against a raw insert of the same rows; and the upstream requests
/// each 1,000 snapshots cost.
struct PipelineBench {
    let simulator: PlatformSimulator
    let simulatorBase: String
    let clock: BenchClock
    let runs: Int
    let videos: Int

    func run() async throws -> [Figure] {
        clock.set(Date(), speed: 1)
        let world = try BenchWorld.open(simulatorBase: simulatorBase, clock: clock, name: "pipeline")
        defer { Task { await world.close() } }
        let account = try await world.repository.createAccount(name: "bench", at: clock.now)
        progress("pipeline: tracking \(videos) YouTube videos")
        try await world.track((0..<videos).map { BenchIDs.youtube($0) }, accountID: account.id)
        let rounds = try SnapshotRounds(world: world)
        var rates: [Double] = []
        var raw: [Double] = []
        var rawThroughGRDB: [Double] = []
        var floors: [Double] = []
        let batch = world.runtime.chains[.youtube]?.batchSize ?? 50
        var requestsPer1000: [Double] = []
        var stored = try rounds.snapshotCount()
        // Round 0 takes every video's first snapshot; the measured rounds are the steady state
        // (every video has a history, so planning reads it).
        for round in 0...runs {
            if round > 0 { clock.advance(by: 3600) }
            let roundStart = clock.now
            let floorCopy = round > 0 ? try StorageFloor.copy(of: rounds.reader, into: world.directory) : nil
            defer { if let floorCopy { SQLiteScratchFile.remove(floorCopy) } }
            let before = simulator.state.allRequestCounts()["youtube.videos.list"] ?? 0
            let seconds = try await rounds.drain()
            let after = try rounds.snapshotCount()
            let taken = after - stored
            stored = after
            guard taken == videos else { throw BenchError("pipeline round \(round) stored \(taken) snapshots, expected \(videos)") }
            let requests = (simulator.state.allRequestCounts()["youtube.videos.list"] ?? 0) - before
            guard round > 0, let floorCopy else { continue }
            rates.append(Double(taken) / seconds)
            requestsPer1000.append(Double(requests) * 1000 / Double(taken))
            let reference = try RawInsertReference.rowsPerSecond(
                from: rounds.reader, since: roundStart.millisecondsSince1970, batch: rounds.configuration.claimLimit, directory: world.directory,
                bindings: [.sqliteCAPI, .grdbArguments])
            guard reference.rows == taken else { throw BenchError("raw reference copied \(reference.rows) rows, expected \(taken)") }
            raw.append(reference.rates[0])
            rawThroughGRDB.append(reference.rates[1])
            let floor = try StorageFloor.rowsPerSecond(
                replayingInto: floorCopy, from: rounds.reader, since: roundStart, claimedAt: roundStart,
                leaseUntil: roundStart.addingTimeInterval(rounds.configuration.lease), claimLimit: rounds.configuration.claimLimit, batch: batch)
            floors.append(floor.rate)
            progress(
                "pipeline round \(round): \(Int(Double(taken) / seconds)) snapshots/s, raw insert \(Int(reference.rates[0])) rows/s "
                    + "(through GRDB's arguments \(Int(reference.rates[1]))), the store's writes alone \(Int(floor.rate)) checks/s, "
                    + "\(requests) upstream requests")
        }
        let rate = Statistics.median(rates)
        let reference = Statistics.median(raw)
        let ratio = rate / reference
        let referenceThroughGRDB = Statistics.median(rawThroughGRDB)
        let floor = Statistics.median(floors)
        return [
            Figure(
                measure: "pipeline: snapshots/s, claim -> YouTube provider (simulator) -> SQLite store, \(Figures.number(Double(videos))) videos per round",
                value: "\(Figures.number(rate)) /s",
                reference: "raw SQLite insert of the same rows, \(SnapshotWorker.Configuration().claimLimit) per transaction, bound through SQLite's C API "
                    + "as the pipeline binds: \(Figures.number(reference)) /s; ratio \(Figures.ratio(ratio)). "
                    + "Bound through GRDB's arguments (the reference before the sixth round): \(Figures.number(referenceThroughGRDB)) /s; "
                    + "ratio \(Figures.ratio(rate / referenceThroughGRDB)). "
                    + "Floor: the store's own writes alone (claim's leases, snapshot insert, video row update, lease release; "
                    + "\(batch) per transaction, C API, in a copy of the file as the round found it; no reads, fetch or decisions): "
                    + "\(Figures.number(floor)) checks/s, \(Figures.ratio(floor / reference)) of the raw insert; "
                    + "the pipeline runs at \(Figures.ratio(rate / floor)) of its floor",
                target: ">= 10,000 /s and >= 0.30× raw", met: rate >= 10_000 && ratio >= 0.3),
            Figure(
                measure: "upstream requests per 1,000 snapshots, YouTube",
                value: Figures.number(Statistics.median(requestsPer1000), decimals: 1),
                reference: "naive (one request per video per snapshot): 1,000",
                target: "20", met: Statistics.median(requestsPer1000) <= 20),
        ]
    }
}
