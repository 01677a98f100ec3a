import Foundation
import Logging
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineRuntime
import TrendlineSQLite
import TrendlineSimulator
import TrendlineSnapshots
import TrendlineStore

/// One SQLite file in a temporary directory, the snapshot runtime pointed at the simulator, and
/// the shared bench clock: what each measure runs against.
struct BenchWorld: Sendable {
    let directory: String
    let databasePath: String
    let repository: SQLiteRepository
    let runtime: SnapshotRuntime
    let clock: BenchClock

    /// Opens a fresh store and a runtime whose providers call the simulator at `simulatorBase`.
    /// Upstream rate limits are lifted: the simulator is not the thing measured.
    static func open(simulatorBase: String, clock: BenchClock, name: String) throws -> BenchWorld {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trendline-bench-\(name)-\(UUIDText.random().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/trendline.sqlite"
        let repository = try SQLiteRepository(path: path)
        let runtime = try SnapshotRuntime(repository: repository, settings: providerSettings(simulatorBase: simulatorBase), clock: clock.wallClock, logger: logger)
        return BenchWorld(directory: directory, databasePath: path, repository: repository, runtime: runtime, clock: clock)
    }

    /// Providers pointed at the simulator, with the upstream rate limits lifted: the simulator is
    /// not the thing measured.
    static func providerSettings(simulatorBase: String) -> ProviderSettings {
        var settings = ProviderSettings(
            endpoints: .all(at: simulatorBase), youtubeAPIKeys: ["bench-key"], xBearerToken: "bench-token", instagramSession: "bench",
            timeoutSeconds: 30)
        for platform in Platform.allCases { settings.requestsPerMinute[platform] = 100_000_000 }
        return settings
    }

    static var logger: Logger {
        var logger = Logger(label: "trendline.bench")
        logger.logLevel = .error
        return logger
    }

    /// Tracks `urls` for a new account in transactions of `batch`, as the API's track does.
    @discardableResult
    func track(_ urls: [VideoURL], accountID: UUID, cadence: Cadence = .hourly, batch: Int = 1000) async throws -> [TrackedVideo] {
        try await Self.track(urls, accountID: accountID, in: repository, at: clock.now, cadence: cadence, batch: batch)
    }

    /// ``track(_:accountID:cadence:batch:)`` on any store.
    @discardableResult
    static func track(
        _ urls: [VideoURL], accountID: UUID, in repository: any TrendlineRepository, at now: Date, cadence: Cadence = .hourly, batch: Int = 1000
    ) async throws -> [TrackedVideo] {
        var tracked: [TrackedVideo] = []
        tracked.reserveCapacity(urls.count)
        var start = 0
        while start < urls.count {
            let slice = urls[start..<min(start + batch, urls.count)]
            let requests = slice.map {
                NewTracking(accountID: accountID, video: $0, submittedURL: $0.canonicalURL, duration: .default, cadence: cadence, notes: nil)
            }
            for outcome in try await repository.track(requests, at: now) {
                switch outcome {
                case .created(let video), .existing(let video): tracked.append(video)
                case .refused(let refusal): throw BenchError("tracking refused: \(refusal)")
                }
            }
            start += batch
        }
        return tracked
    }

    func close() async {
        try? await runtime.client.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
