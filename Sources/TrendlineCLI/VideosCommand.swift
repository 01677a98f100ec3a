import ArgumentParser
import Foundation
import Logging
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline videos stop|pause|resume|refresh|edit|delete VIDEO...`: what `POST
/// /v1/videos/{id}/stop`, its siblings, `PATCH` and `DELETE` do, for videos named by id or URL,
/// one line per video.
struct Videos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stop, pause, resume, refresh, edit or delete tracked videos (by id or URL).",
        subcommands: [Stop.self, Pause.self, Resume.self, Refresh.self, Edit.self, Delete.self])

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

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change the notes, milestones, campaign, window length or cadence of videos (what is not given stays).")
        @Option(help: "Markdown notes, replacing the current ones.") var notes: String?
        @Flag(help: "Remove the notes.") var clearNotes = false
        @Option(help: "View milestones, comma-separated (e.g. 50000,500000), replacing the current ones; a kept one keeps its date.")
        var milestones: String?
        @Flag(help: "Remove every milestone.") var noMilestones = false
        @Option(help: "Move the videos to this campaign.") var campaign: String?
        @Flag(help: "Take the videos out of their campaign.") var noCampaign = false
        @Option(help: "The window's new length in days from its start, 1-30: lengthens it (a completed video is tracked again) or shortens it.")
        var durationDays: Int?
        @Option(help: "hourly, daily or adaptive from now on.") var cadence: String?
        @OptionGroup var target: VideoTargets

        func validate() throws { _ = try change() }

        func run() async throws { try await target.apply(.edit(try change())) }

        /// The change the options ask for, checked as the API checks a `PATCH`.
        func change() throws -> VideoEdit {
            var change = TrackingChange()
            for (value, flag, names) in [
                (notes != nil, clearNotes, "--notes or --clear-notes"), (milestones != nil, noMilestones, "--milestones or --no-milestones"),
                (campaign != nil, noCampaign, "--campaign or --no-campaign"),
            ] where value && flag {
                throw ValidationError("give either \(names), not both")
            }
            if let notes {
                if let problem = NotesText.problem(notes) { throw ValidationError(problem) }
                change.notes = .some(notes)
            } else if clearNotes {
                change.notes = .some(nil)
            }
            if let valid = try MilestonesArgument.values(milestones) {
                change.milestones = valid
            } else if noMilestones {
                change.milestones = []
            }
            if let name = try CampaignArgument.name(campaign) {
                change.campaign = .some(name)
            } else if noCampaign {
                change.campaign = .some(nil)
            }
            let (duration, newCadence) = try TrackingTermsOptions.parse(durationDays: durationDays, cadence: cadence)
            guard change.notes != nil || change.milestones != nil || change.campaign != nil || duration != nil || newCadence != nil else {
                throw ValidationError(
                    "give at least one of --notes, --clear-notes, --milestones, --no-milestones, --campaign, --no-campaign, --duration-days, --cadence")
            }
            return VideoEdit(fields: change, duration: duration, cadence: newCadence)
        }
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
            let owner = try await AccountChoice.resolve(account, in: store.repository)
            let changes = VideoChanges(repository: store.repository)
            let plan = settings.plans.plan(named: owner.plan)
            if let change { return try await changes.apply(change, to: videos, accountID: owner.id, plan: plan) }
            var logger = Logger(label: "trendline.videos")
            logger.logLevel = .warning
            let runtime = try SnapshotRuntime(repository: store.repository, settings: settings.providers, logger: logger)
            return try await shutdownAfter([runtime.client.shutdown]) {
                try await changes.apply(.refresh(limit: plan.manualRefreshesPerDay), to: videos, accountID: owner.id, plan: plan, liveStats: runtime.liveStats)
            }
        }
        let now = Date()
        let deleting = if case .delete? = change { true } else { false }
        for result in results {
            if let done = result.done, let item = result.item {
                let counts = result.snapshot.map { StatsReport.counts($0.counts) + [$0.provider] } ?? []
                let status = deleting ? "-" : item.tracking.effectiveStatus(at: now).rawValue
                print(([done, UUIDText.lowercase(item.tracking.id), status, item.video.canonicalURL] + counts).joined(separator: "\t"))
            } else {
                print(["error", result.reference, result.error?.code ?? "", result.error?.message ?? ""].joined(separator: "\t"))
            }
        }
        if results.contains(where: { $0.done == nil }) { throw ExitCode(1) }
    }
}
