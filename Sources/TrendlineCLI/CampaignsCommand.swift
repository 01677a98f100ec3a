import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline campaigns [NAME]`: the account's campaigns, or one campaign's totals (in all, per
/// platform, per author) or, with `--interval`, its history, as tab-separated lines with a header.
struct Campaigns: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the campaigns, or one campaign's summed counts in all, per platform and per author.")

    @Argument(help: "A campaign's name: print its totals.") var name: String?
    @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
    @OptionGroup var published: PublishedRangeOptions
    @Option(help: "With a name: its summed counts at each whole UTC hour or day, with the views gained since the one before, instead of its totals.")
    var interval: String?
    @Option(help: "With --interval: from this day (2026-11-01, from its start, UTC) or ISO 8601 time (default: when its first video joined).") var from: String?
    @Option(help: "With --interval: to this day (to its end, UTC) or ISO 8601 time (default: now).") var to: String?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        _ = try CampaignArgument.name(name)
        if let interval, HistoryInterval(named: interval) == nil { throw ValidationError("unknown --interval '\(interval)': use hour or day") }
        if interval != nil, name == nil { throw ValidationError("--interval needs a campaign's name") }
        if from != nil || to != nil, interval == nil { throw ValidationError("--from and --to need --interval") }
        _ = try range()
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
                if let name = try CampaignArgument.name(name), let grid = interval.flatMap(HistoryInterval.init(named:)) {
                    return try await report.campaignHistory(
                        name, accountID: owner.id, step: grid.seconds, in: try range(), published: try published.bounds(), at: Date())
                }
                if let name = try CampaignArgument.name(name) {
                    return try await report.campaign(name, accountID: owner.id, published: try published.bounds(), at: Date())
                }
                return try await report.campaigns(accountID: owner.id)
            } catch let error as StatsReportError {
                throw ValidationError(error.description)
            }
        }
        for line in lines { print(line) }
    }
}
