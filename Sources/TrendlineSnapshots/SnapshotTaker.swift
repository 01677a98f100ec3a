import Foundation
import Logging
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineStore

/// Takes snapshots of claimed videos of one platform: asks the platform's provider chain in
/// batches, then stores each result (snapshot, postponed retry, or unavailability report).
public struct SnapshotTaker: Sendable {
    public let repository: any TrendlineRepository
    public let chains: [Platform: ProviderChain]
    public let guards: [Platform: PlatformGuard]
    public let clock: WallClock
    public let logger: Logger
    /// A first "private/deleted" answer is confirmed by another check this much later.
    public var confirmationDelay: TimeInterval = 300
    /// Retry backoff: `baseRetry * 2^failures`, at most `maximumRetry`, with ±20 % jitter.
    public var baseRetry: TimeInterval = 60
    public var maximumRetry: TimeInterval = 3600
    /// Upstream calls in flight at once per platform (TRENDLINE_<PLATFORM>_CONCURRENCY).
    public var concurrency: [Platform: Int] = [:]
    public static let defaultConcurrency = 4
    /// The pauses before trying a batch's store again when the store answers `unavailable`
    /// (a deadlock or lock wait the database rolled back, a busy SQLite file, a short outage).
    /// The upstream requests are already spent on those snapshots; the retries end long before
    /// the claim's lease does.
    public var storeRetryDelays: [Duration] = [.milliseconds(250), .seconds(2)]

    public init(repository: any TrendlineRepository, chains: [Platform: ProviderChain], guards: [Platform: PlatformGuard]? = nil, clock: WallClock = .system, logger: Logger = Logger(label: "trendline.snapshots")) {
        self.repository = repository
        self.chains = chains
        self.guards = guards ?? Dictionary(uniqueKeysWithValues: Platform.allCases.map { ($0, PlatformGuard()) })
        self.clock = clock
        self.logger = logger
    }

    /// What happened to one video.
    public enum Result: Sendable, Equatable {
        case stored(provider: String)
        case duplicate
        case postponed(String)
        case unavailable(confirmed: Bool)
    }

    /// Fetches and stores `videos` (all of one platform) in provider-sized batches, at most
    /// `concurrency[platform]` batches at a time.
    public func take(_ videos: [Video], platform: Platform) async -> [Int64: Result] {
        guard let chain = chains[platform] else { return [:] }
        let size = max(1, chain.batchSize)
        let batches = stride(from: 0, to: videos.count, by: size).map { Array(videos[$0..<min($0 + size, videos.count)]) }
        let width = max(1, concurrency[platform] ?? Self.defaultConcurrency)
        var outcomes: [Int64: Result] = [:]
        await withTaskGroup(of: [Int64: Result].self) { group in
            var pending = batches[...]
            for _ in 0..<width {
                guard let batch = pending.popFirst() else { break }
                group.addTask { await takeBatch(batch, platform: platform, chain: chain) }
            }
            while let done = await group.next() {
                outcomes.merge(done) { first, _ in first }
                if let batch = pending.popFirst() {
                    group.addTask { await takeBatch(batch, platform: platform, chain: chain) }
                }
            }
        }
        return outcomes
    }

    func takeBatch(_ batch: [Video], platform: Platform, chain: ProviderChain) async -> [Int64: Result] {
        guard let guardian = guards[platform] else { return [:] }
        var outcomes: [Int64: Result] = [:]
        let now = clock.now
        guard await guardian.permit(at: now) else {
            for video in batch {
                outcomes[video.id] = await postpone(video, until: await reopening(guardian, now), reason: "\(platform.displayName) circuit open")
            }
            return outcomes
        }
        let wait = await guardian.reserve(at: now)
        if wait > 0 { try? await Task.sleep(for: .seconds(min(wait, 5))) }
        let urls = batch.map { VideoURL(platform: $0.platform, externalID: $0.externalID, canonicalURL: $0.canonicalURL) }
        let fetched = await chain.fetch(urls)
        if Task.isCancelled { return await storeWhileShuttingDown(batch, fetched) }
        var anyAnswer = false
        var retryAfter: TimeInterval?
        var answered: [(video: Video, stats: VideoStats, provider: String)] = []
        for video in batch {
            switch fetched[video.externalID] {
            case .stats(let stats, let provider):
                anyAnswer = true
                answered.append((video, stats, provider))
            case .failed(let failure):
                if failure.decisive.meansVideoUnavailable {
                    anyAnswer = true
                    outcomes[video.id] = await reportUnavailable(video, failure)
                } else {
                    retryAfter = max(retryAfter ?? 0, failure.retryAfter ?? 0)
                    let delay = failure.retryAfter ?? backoff(video.consecutiveFailures)
                    outcomes[video.id] = await postpone(video, until: clock.now.addingTimeInterval(delay), reason: failure.description)
                }
            case nil:
                outcomes[video.id] = await postpone(video, until: clock.now.addingTimeInterval(backoff(video.consecutiveFailures)), reason: "no answer")
            }
        }
        outcomes.merge(await store(answered)) { _, stored in stored }
        if anyAnswer {
            await guardian.recordSuccess()
        } else {
            await guardian.recordFailure(at: clock.now, retryAfter: retryAfter.flatMap { $0 > 0 ? $0 : nil })
        }
        return outcomes
    }

    /// Stores a batch's snapshots in one repository call (one transaction on SQLite), tried
    /// again after ``storeRetryDelays`` while the store answers `unavailable` (it then changed
    /// nothing). If the batch still cannot be stored, nothing more is written: the videos'
    /// leases expire and any worker takes them again (as a crashed worker's would). Each record
    /// carries the video's lease from the claim, so a video another worker claimed after that
    /// lease expired is not stored twice (it counts as a duplicate), retries included.
    func store(_ answered: [(video: Video, stats: VideoStats, provider: String)]) async -> [Int64: Result] {
        guard !answered.isEmpty else { return [:] }
        let now = clock.now
        let records = answered.map { item in
            SnapshotRecord(
                snapshot: Snapshot(videoID: item.video.id, takenAt: now, counts: item.stats.counts, provider: item.provider),
                metadata: VideoMetadata(title: item.stats.title, author: item.stats.author, publishedAt: item.stats.publishedAt, thumbnailURL: item.stats.thumbnailURL),
                lease: item.video.leaseUntil)
        }
        var outcomes: [Int64: Result] = [:]
        do {
            // Not cancelled with the worker: the upstream requests were spent on these snapshots,
            // so a shutdown that arrives now waits for them to be stored.
            let repository = repository
            let stored = try await Task { [storeRetryDelays, logger] in
                for (attempt, delay) in storeRetryDelays.enumerated() {
                    do {
                        return try await repository.recordSnapshots(records, at: now)
                    } catch StoreError.unavailable(let reason) {
                        logger.warning("could not store snapshots; trying again", metadata: [
                            "videos": "\(records.count)", "attempt": "\(attempt + 1)", "error": "\(reason)"])
                        try? await Task.sleep(for: delay)
                    }
                }
                return try await repository.recordSnapshots(records, at: now)
            }.value
            for (item, isNew) in zip(answered, stored) {
                outcomes[item.video.id] = isNew ? .stored(provider: item.provider) : .duplicate
            }
        } catch {
            logger.error("could not store snapshots", metadata: ["videos": "\(answered.count)", "error": "\(error)"])
            for item in answered { outcomes[item.video.id] = .postponed("store failed: \(error)") }
        }
        return outcomes
    }

    /// The worker is stopping and the fetch may have been cut short, which says nothing about the
    /// platform or the videos: nothing is postponed or counted against the platform, and those
    /// leases expire so the next worker checks the videos again. Snapshots that did arrive are
    /// stored all the same (``store(_:)`` is not cancelled with the worker).
    func storeWhileShuttingDown(_ batch: [Video], _ fetched: [String: ProviderChain.Outcome]) async -> [Int64: Result] {
        let answered = batch.compactMap { video -> (video: Video, stats: VideoStats, provider: String)? in
            guard case .stats(let stats, let provider) = fetched[video.externalID] else { return nil }
            return (video, stats, provider)
        }
        return await store(answered)
    }

    func reportUnavailable(_ video: Video, _ failure: ChainFailure) async -> Result {
        let now = clock.now
        do {
            let confirmed = try await repository.reportUnavailable(
                videoID: video.id, reason: failure.decisive.description, recheckAt: now.addingTimeInterval(confirmationDelay), at: now)
            return .unavailable(confirmed: confirmed)
        } catch {
            logger.error("could not record unavailability", metadata: ["video": "\(video.id)", "error": "\(error)"])
            return .postponed("store failed: \(error)")
        }
    }

    func postpone(_ video: Video, until: Date, reason: String) async -> Result {
        do {
            try await repository.postponeCheck(videoID: video.id, until: until, error: reason)
        } catch {
            logger.error("could not postpone a check", metadata: ["video": "\(video.id)", "error": "\(error)"])
        }
        return .postponed(reason)
    }

    func reopening(_ guardian: PlatformGuard, _ now: Date) async -> Date {
        if case .open(let until) = await guardian.state(at: now) { return until.addingTimeInterval(Double.random(in: 0...5)) }
        return now.addingTimeInterval(baseRetry)
    }

    /// The wait before retrying a video that failed `failures` times before.
    func backoff(_ failures: Int) -> TimeInterval {
        let raw = min(maximumRetry, baseRetry * pow(2, Double(min(failures, 20))))
        return raw * Double.random(in: 0.8...1.2)
    }
}
