import ArgumentParser
import Foundation
import Logging
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline videos stop|pause|resume|refresh|delete VIDEO...`: what `POST /v1/videos/{id}/stop`
/// and its siblings do, for videos named by id or URL, one line per video.
struct Videos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stop, pause, resume, refresh or delete tracked videos (by id or URL).",
        subcommands: [Stop.self, Pause.self, Resume.self, Refresh.self, Delete.self])

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop tracking: no more snapshots; the history stays.")
        @OptionGroup var target: VideoTargets
        func run() async throws { try await target.apply(.status(.stop)) }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause tracking until resumed (the window keeps running).")
        @OptionGroup var target: VideoTargets
        func run() async throws { try await target.apply(.status(.pause)) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume paused tracking.")
        @OptionGroup var target: VideoTargets
        func run() async throws { try await target.apply(.status(.resume)) }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a snapshot now from the platform, within the plan's manual refreshes per video per 24 hours.")
        @OptionGroup var target: VideoTargets
        func run() async throws { try await target.apply(nil) }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the tracking; the video's history goes too when no other account tracks it.")
        @OptionGroup var target: VideoTargets
        func run() async throws { try await target.apply(.delete) }
    }
}

/// The videos a `trendline videos` subcommand changes, and the account they belong to.
struct VideoTargets: ParsableArguments {
    @Argument(help: "Video ids (from `trendline stats`) or URLs of tracked videos.") var videos: [String]
    @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !videos.isEmpty else { throw ValidationError("name at least one video (an id from `trendline stats` or a tracked URL)") }
    }

    /// Applies `change` (`nil`: a refresh under the account's plan) and prints one line per
    /// video: the done word, the tracking id, its status and URL (a refresh adds the counts it
    /// read), or `error`, the name as given, a code and the reason. Exits 1 when any was refused.
    func apply(_ change: VideoChanges.Change?) async throws {
        let settings = try await common.settings()
        let results = try await StoreOpener.withStore(settings) { store in
            let owner = try AccountChoice.resolve(account, among: try await store.repository.listAccounts())
            let changes = VideoChanges(repository: store.repository)
            if let change { return try await changes.apply(change, to: videos, accountID: owner.id) }
            var logger = Logger(label: "trendline.videos")
            logger.logLevel = .warning
            let runtime = try SnapshotRuntime(repository: store.repository, settings: .fromEnvironment(), logger: logger)
            let limit = settings.plans.plan(named: owner.plan).manualRefreshesPerDay
            let outcome = await Result(catching: {
                try await changes.apply(.refresh(limit: limit), to: videos, accountID: owner.id, liveStats: runtime.liveStats)
            })
            try await runtime.client.shutdown()
            return try outcome.get()
        }
        let now = Date()
        for result in results {
            if let done = result.done, let item = result.item {
                let counts = result.snapshot.map { StatsReport.counts($0.counts) + [$0.provider] } ?? []
                let status = done == "deleted" ? "-" : item.tracking.effectiveStatus(at: now).rawValue
                print(([done, UUIDText.lowercase(item.tracking.id), status, item.video.canonicalURL] + counts).joined(separator: "\t"))
            } else {
                print(["error", result.reference, result.error?.code ?? "", result.error?.message ?? ""].joined(separator: "\t"))
            }
        }
        if results.contains(where: { $0.done == nil }) { throw ExitCode(1) }
    }
}
