import Foundation
import TrendlineDomain
import TrendlineSimulator
import TrendlineStore

/// Upstream requests the worker spends: X posts per 1,000 snapshots (100 ids per call), and one
/// video tracked by ten accounts (one shared fetch per check, not ten).
struct UpstreamBench {
    let simulator: PlatformSimulator
    let simulatorBase: String
    let clock: BenchClock
    let runs: Int

    func run() async throws -> [Figure] {
        clock.set(Date(), speed: 1)
        let world = try BenchWorld.open(simulatorBase: simulatorBase, clock: clock, name: "upstream")
        defer { Task { await world.close() } }
        let rounds = try SnapshotRounds(world: world)

        let xVideos = 2_000
        let account = try await world.repository.createAccount(name: "bench-x", at: clock.now)
        try await world.track((0..<xVideos).map { BenchIDs.x($0) }, accountID: account.id)
        var xPer1000: [Double] = []
        var stored = try rounds.snapshotCount()
        for round in 0..<runs {
            if round > 0 { clock.advance(by: 3600) }
            let before = simulator.state.allRequestCounts()["x.tweets"] ?? 0
            _ = try await rounds.drain()
            let after = try rounds.snapshotCount()
            let taken = after - stored
            stored = after
            guard taken == xVideos else { throw BenchError("X round stored \(taken) snapshots, expected \(xVideos)") }
            xPer1000.append(Double((simulator.state.allRequestCounts()["x.tweets"] ?? 0) - before) * 1000 / Double(taken))
        }

        let sharedWorld = try BenchWorld.open(simulatorBase: simulatorBase, clock: clock, name: "shared")
        defer { Task { await sharedWorld.close() } }
        let sharedRounds = try SnapshotRounds(world: sharedWorld)
        let shared = BenchIDs.youtube(0, space: 7)
        var trackings: [TrackedVideo] = []
        for index in 0..<10 {
            let owner = try await sharedWorld.repository.createAccount(name: "bench-agency-\(index)", at: clock.now)
            trackings += try await sharedWorld.track([shared], accountID: owner.id)
        }
        guard Set(trackings.map(\.video.id)).count == 1 else { throw BenchError("ten accounts got \(Set(trackings.map(\.video.id)).count) video rows") }
        let videoID = trackings[0].video.id
        var fetchesPerCheck: [Double] = []
        var snapshotsSeen: [Int] = []
        for check in 0..<max(runs, 3) {
            if check > 0 { clock.advance(by: 3600) }
            let before = simulator.state.allRequestCounts()["youtube.videos.list"] ?? 0
            let beforeRows = try sharedRounds.snapshotCount()
            _ = try await sharedRounds.drain()
            fetchesPerCheck.append(Double((simulator.state.allRequestCounts()["youtube.videos.list"] ?? 0) - before))
            guard try sharedRounds.snapshotCount() - beforeRows == 1 else { throw BenchError("a check of the shared video stored more than one row") }
            for tracked in trackings {
                let history = try await sharedWorld.repository.snapshots(videoID: videoID, in: tracked.tracking.visibleRange, after: nil, limit: 1000)
                snapshotsSeen.append(history.count)
            }
        }
        let checks = max(runs, 3)
        let everyAccountSeesAll = snapshotsSeen.suffix(10).allSatisfy { $0 == checks }
        let xFigure = Statistics.median(xPer1000)
        let sharedFigure = Statistics.median(fetchesPerCheck)
        return [
            Figure(
                measure: "upstream requests per 1,000 snapshots, X (\(Figures.number(Double(xVideos))) posts per round)",
                value: Figures.number(xFigure, decimals: 1), reference: "naive: 1,000", target: "10", met: xFigure <= 10),
            Figure(
                measure: "fetches per check of one video tracked by 10 accounts (\(checks) checks; every account sees all \(checks) snapshots: \(everyAccountSeesAll ? "yes" : "NO"))",
                value: Figures.number(sharedFigure, decimals: 1), reference: "naive: 10 (one per tracking)", target: "1",
                met: sharedFigure <= 1 && everyAccountSeesAll),
        ]
    }
}
