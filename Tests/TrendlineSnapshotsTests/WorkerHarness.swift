import Foundation
import GRDB
import Synchronization
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineSQLite
import TrendlineSimulator
import TrendlineSnapshots
import TrendlineStore
import TrendlineTestSupport

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var wallClock: WallClock { WallClock { self.now } }
}

let sharedUpstream = AsyncHTTPUpstreamClient(timeout: .seconds(30))

extension SimulatedCounts {
    /// When the simulator says video `id` was published, for a simulator started at `epoch`.
    static func publishedForTest(_ id: String, epoch: Date) -> Date {
        epoch.addingTimeInterval(-ageOffset(id))
    }
}
let scriptsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts")

/// A store, an account, a simulator and a worker wired together, on one manual clock.
struct WorkerWorld: Sendable {
    let clock: ManualClock
    let store: SQLiteRepository
    let account: Account
    let simulator: PlatformSimulator
    let worker: SnapshotWorker
    let guards: [Platform: PlatformGuard]

    static func run(
        state: SimulatorState = SimulatorState(), guardConfiguration: PlatformGuard.Configuration = .init(),
        concurrency: Int = SnapshotTaker.defaultConcurrency,
        _ body: @escaping @Sendable (WorkerWorld) async throws -> Void
    ) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        let simulator = PlatformSimulator(state: state, epoch: clock.now, clock: { clock.now }, slowDelay: .milliseconds(100), retryAfterSeconds: 17)
        try await simulator.withRunningServer { base in
            let directory = try ScratchDirectory.make("worker")
            let store = try SQLiteRepository(path: directory.appendingPathComponent("test.sqlite").path)
            let account = try await store.createAccount(name: "acme", at: clock.now)
            var settings = ProviderSettings(
                endpoints: .all(at: base), youtubeAPIKeys: ["sim-key"], xBearerToken: "sim-token", instagramSession: "sim",
                ytdlpPath: scriptsDirectory.appendingPathComponent("fake-yt-dlp").path)
            settings.ytdlpEnvironment = ["TRENDLINE_SIMULATOR_URL": base]
            let guards = Dictionary(uniqueKeysWithValues: Platform.allCases.map { ($0, PlatformGuard(configuration: guardConfiguration, now: clock.now)) })
            var taker = SnapshotTaker(repository: store, chains: try ProviderRegistry.chains(settings, client: sharedUpstream), guards: guards, clock: clock.wallClock)
            taker.concurrency = Dictionary(uniqueKeysWithValues: Platform.allCases.map { ($0, concurrency) })
            let worker = SnapshotWorker(taker: taker, configuration: .init(claimLimit: 500, lease: 120, idleDelay: .milliseconds(10)))
            try await body(WorkerWorld(clock: clock, store: store, account: account, simulator: simulator, worker: worker, guards: guards))
        }
    }

    /// Tracks `urls` for the account; returns the trackings in order.
    func track(_ urls: [String], cadence: Cadence = .adaptive, days: Int = 30) async throws -> [TrackedVideo] {
        let service = TrackingService(repository: store, resolver: UnconfiguredShortLinkResolver(), clock: clock.wallClock)
        let results = try await service.track(urls: urls, accountID: account.id, options: .init(duration: try TrackingDuration(days: days), cadence: cadence))
        return results.compactMap(\.trackedVideo)
    }

    func history(_ item: TrackedVideo) async throws -> [Snapshot] {
        try await store.snapshots(videoID: item.video.id, in: Date.distantPast...Date.distantFuture, after: nil, limit: 10_000)
    }

    func reread(_ item: TrackedVideo) async throws -> TrackedVideo {
        try await store.trackedVideo(id: item.tracking.id, accountID: account.id)!
    }
}

/// The SQLite file's write lock, taken by a connection of its own as another process (a second
/// Trendline, the `sqlite3` shell, a backup) would take it, until ``release()``. The connection
/// waits on a thread of its own, not on one of Swift's few cooperative threads.
final class SQLiteWriteLock: @unchecked Sendable {
    private let acquired = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        let thread = Thread { [acquired, released, finished] in
            try? queue.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                acquired.signal()
                released.wait()
                try db.execute(sql: "COMMIT")
            }
            finished.signal()
        }
        thread.start()
        acquired.wait()
    }

    func release() {
        released.signal()
        finished.wait()
    }
}
