import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline creators [list|follow|edit|unfollow]`: the creators an account follows, whose new
/// videos the discovery worker (`trendline worker`, or `serve`) adds, as `POST /v1/creators` does.
struct Creators: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, follow, edit or unfollow creators; discovery tracks their new videos.",
        subcommands: [List.self, Follow.self, Edit.self, Unfollow.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the followed creators as tab-separated lines with a header.")
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let lines = try await StoreOpener.withStore(try await common.settings()) { store in
                let owner = try await AccountChoice.resolve(account, in: store.repository)
                return try await StatsReport(repository: store.repository).creators(accountID: owner.id)
            }
            for line in lines { print(line) }
        }
    }

    struct Follow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Follow a creator: the first check is due at once.",
            discussion: "--duration-days, --cadence and --campaign apply to each video discovery adds.")
        @Argument(help: "A profile URL (https://www.tiktok.com/@name), or a username with --platform.") var creator: String
        @Option(help: "The platform of a username: tiktok, instagram, youtube or x.") var platform: String?
        @Option(help: "auto (track new videos at once, the default) or selective (put them in the inbox).") var mode: String = "auto"
        @Option(help: "Hours between discovery checks (default 6, never below the plan's floor).") var intervalHours: Double?
        @Option(help: "Markdown notes on the creator.") var notes: String?
        /// How each discovered video is tracked, and the campaign it joins.
        @OptionGroup var terms: TrackingTermsOptions
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func handle() throws -> CreatorHandle {
            var expected: Platform?
            if let platform {
                guard let value = Platform(named: platform) else {
                    throw ValidationError("unknown platform '\(platform)': use one of \(CreatorHandle.supportedPlatforms.map(\.rawValue).joined(separator: ", "))")
                }
                expected = value
            }
            switch CreatorHandle.from(reference: creator, platform: expected) {
            case .success(let handle): return handle
            case .failure(let error): throw ValidationError(error.message)
            }
        }

        func run() async throws {
            let handle = try handle()
            if let notes, let problem = NotesText.problem(notes) { throw ValidationError(problem) }
            guard let mode = DiscoveryMode(rawValue: mode.lowercased()) else { throw ValidationError("unknown mode '\(mode)': use auto or selective") }
            let (duration, chosenCadence) = try terms.terms()
            let campaign = try terms.campaignName()
            let settings = try await common.settings()
            let (outcome, plan) = try await StoreOpener.withStore(settings) { store in
                let owner = try await AccountChoice.resolve(account, in: store.repository)
                let plan = settings.plans.plan(named: owner.plan)
                try TrackingTermsOptions.check(chosenCadence, allowedBy: plan)
                let interval = try Creators.interval(hours: intervalHours, plan: plan)
                let outcome = try await CreatorService(repository: store.repository).follow(
                    handle, accountID: owner.id, mode: mode, interval: interval, notes: notes, plan: plan,
                    trackingDuration: duration, trackingCadence: chosenCadence, campaign: campaign)
                return (outcome, plan)
            }
            switch outcome {
            case .created(let followed): print(Self.line("followed", followed))
            case .existing(let followed): print(Self.line("already_following", followed))
            case .refused(let limit, let current):
                throw ValidationError("the \(plan.name) plan follows at most \(limit) creators and this account follows \(current)")
            }
        }

        static func line(_ status: String, _ creator: Creator) -> String {
            [status, UUIDText.lowercase(creator.id), creator.handle.platform.rawValue, creator.handle.username, creator.mode.rawValue].joined(separator: "\t")
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a followed creator as PATCH /v1/creators/{id} does (what is not given stays).",
            discussion: "--duration-days, --cadence and --campaign apply to the videos discovery adds from now on.")
        @Argument(help: "The creator's id (from `trendline creators`).") var id: String
        @Option(help: "auto (track new videos at once) or selective (put them in the inbox).") var mode: String?
        @Option(help: "Hours between discovery checks (never below the plan's floor).") var intervalHours: Double?
        @Option(help: "Markdown notes on the creator, replacing the current ones.") var notes: String?
        @Flag(help: "Remove the notes.") var clearNotes = false
        @OptionGroup var terms: TrackingTermsOptions
        @Flag(help: "New videos join no campaign.") var noCampaign = false
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func validate() throws {
            guard UUIDText.parse(id) != nil else { throw ValidationError("'\(id)' is not a creator id (a UUID from `trendline creators`)") }
            if let intervalHours, !(intervalHours > 0) { throw ValidationError("--interval-hours must be above zero") }
            if notes != nil && clearNotes { throw ValidationError("give either --notes or --clear-notes, not both") }
            if terms.campaign != nil && noCampaign { throw ValidationError("give either --campaign or --no-campaign, not both") }
            if let notes, let problem = NotesText.problem(notes) { throw ValidationError(problem) }
            if let mode, DiscoveryMode(rawValue: mode.lowercased()) == nil { throw ValidationError("unknown mode '\(mode)': use auto or selective") }
            _ = try terms.chosen()
            _ = try terms.campaignName()
            guard mode != nil || intervalHours != nil || notes != nil || clearNotes || terms.durationDays != nil || terms.cadence != nil
                || terms.campaign != nil || noCampaign
            else {
                throw ValidationError("give at least one of --mode, --interval-hours, --notes, --clear-notes, --duration-days, --cadence, --campaign, --no-campaign")
            }
        }

        func run() async throws {
            let creatorID = UUIDText.parse(id)!
            var change = CreatorChange(mode: mode.flatMap { DiscoveryMode(rawValue: $0.lowercased()) })
            (change.trackingDuration, change.trackingCadence) = try terms.chosen()
            if let notes { change.notes = .some(notes) } else if clearNotes { change.notes = .some(nil) }
            if let campaign = try terms.campaignName() { change.campaign = .some(campaign) } else if noCampaign { change.campaign = .some(nil) }
            let settings = try await common.settings()
            let asked = change
            let updated = try await StoreOpener.withStore(settings) { store in
                var change = asked
                let owner = try await AccountChoice.resolve(account, in: store.repository)
                let plan = settings.plans.plan(named: owner.plan)
                if let cadence = change.trackingCadence { try TrackingTermsOptions.check(cadence, allowedBy: plan) }
                change.discoveryInterval = try Creators.interval(hours: intervalHours, plan: plan)
                guard let updated = try await store.repository.updateCreator(id: creatorID, accountID: owner.id, change: change, at: Date()) else {
                    throw ValidationError("\(owner.name) follows no creator with id \(id)")
                }
                return updated
            }
            print(Follow.line("updated", updated))
        }
    }

    /// The discovery interval `--interval-hours` asks for, under the plan's floor, in seconds.
    static func interval(hours: Double?, plan: Plan) throws -> TimeInterval? {
        try hours.map { hours in
            switch CreatorService.interval(hours: hours, plan: plan) {
            case .success(let seconds): return seconds
            case .failure(.notPositive): throw ValidationError("--interval-hours must be above zero")
            case .failure(.outOfRange(let problem, _)): throw ValidationError(problem)
            }
        }
    }

    struct Unfollow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unfollow a creator; the videos discovery added stay tracked.")
        @Argument(help: "The creator's id (from `trendline creators`).") var id: String
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let creatorID = UUIDText.parse(id) else { throw ValidationError("'\(id)' is not a creator id (a UUID from `trendline creators`)") }
            try await StoreOpener.withStore(try await common.settings()) { store in
                let owner = try await AccountChoice.resolve(account, in: store.repository)
                guard try await store.repository.deleteCreator(id: creatorID, accountID: owner.id) else {
                    throw ValidationError("\(owner.name) follows no creator with id \(id)")
                }
            }
            print("unfollowed\t\(UUIDText.lowercase(creatorID))")
        }
    }
}
