import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline stats [VIDEO]`: the account's tracked videos with their newest counts, or one
/// video's snapshots, as tab-separated lines with a header.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the tracked videos with their newest counts, or one video's snapshots.")

    @Argument(help: "A video id (from the list) or a tracked video's URL: print its snapshots.") var video: String?
    @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
    @Option(help: "Only videos of this platform (tiktok, instagram, youtube, x, facebook, linkedin).") var platform: String?
    @Option(help: "Only videos in this status (monitoring, paused, completed, stopped, unavailable; error is read as unavailable).")
    var status: String?
    @Option(help: "Only videos of this campaign (the name as given when tracking).") var campaign: String?
    @Option(help: "Only videos discovery added for this followed creator (its id from `trendline creators`).") var creator: String?
    @Option(help: "Only videos whose title, author or notes contain every word of this text, ignoring case.") var search: String?
    @OptionGroup var published: PublishedRangeOptions
    @Option(help: "The order: newest (default), or views, likes, comments, shares or saves, the most first, views_gained_24h, the fastest growing over the last day first, or engagement_rate, the highest first.") var sort: String?
    @Option(help: "With a video: the newest N snapshots (default 100).") var limit: Int = 100
    @Option(help: "With a video: its counts at each whole UTC hour or day since it was added, with the views gained since the one before, instead of its snapshots.")
    var interval: String?
    @Option(help: "With a video: from this day (2026-11-01, from its start, UTC) or ISO 8601 time.") var from: String?
    @Option(help: "With a video: to this day (to its end, UTC) or ISO 8601 time.") var to: String?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        if let interval, HistoryInterval(named: interval) == nil { throw ValidationError("unknown --interval '\(interval)': use hour or day") }
        if interval != nil, video == nil { throw ValidationError("--interval needs a video") }
        if from != nil || to != nil, video == nil { throw ValidationError("--from and --to need a video (for the list, use --published-from/--published-to)") }
        _ = try range()
        if let platform, Platform(named: platform) == nil {
            throw ValidationError("unknown platform '\(platform)': use one of \(Platform.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let status, TrackingStatus(named: status) == nil {
            throw ValidationError("unknown status '\(status)': use one of \(TrackingStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        _ = try CampaignArgument.name(campaign)
        if let sort, TrackingOrder(rawValue: sort.lowercased()) == nil {
            throw ValidationError("unknown sort '\(sort)': use one of \(TrackingOrder.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let problem = search.flatMap({ SearchWords.parse($0).problem }) { throw ValidationError("--search: \(problem)") }
        if let creator, UUIDText.parse(creator) == nil {
            throw ValidationError("--creator takes a creator's id (a UUID from `trendline creators`), got '\(creator)'")
        }
    }

    /// `--from` and `--to` as a range.
    func range() throws -> DateBounds {
        try PublishedRangeOptions.bounds(from: from, to: to, options: ("from", "to"))
    }

    func run() async throws {
        let lines = try await StoreOpener.withStore(try await common.settings()) { store in
            let owner = try await AccountChoice.resolve(account, in: store.repository)
            let report = StatsReport(repository: store.repository)
            do {
                if let video, let grid = interval.flatMap(HistoryInterval.init(named:)) {
                    return try await report.history(of: video, accountID: owner.id, step: grid.seconds, in: try range(), at: Date())
                }
                if let video {
                    return try await report.history(of: video, accountID: owner.id, limit: limit, in: try range(), at: Date())
                }
                var filter = TrackingFilter(
                    platform: platform.flatMap { Platform(named: $0) }, status: status.flatMap { TrackingStatus(named: $0) },
                    campaign: try CampaignArgument.name(campaign), creatorID: creator.flatMap(UUIDText.parse),
                    order: sort.flatMap { TrackingOrder(rawValue: $0.lowercased()) } ?? .newest, search: search.map { SearchWords.parse($0).words } ?? [])
                filter.published = try published.bounds()
                return try await report.videos(accountID: owner.id, filter: filter, at: Date())
            } catch let error as StatsReportError {
                throw ValidationError(error.description)
            }
        }
        for line in lines { print(line) }
    }
}
