import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime

/// `trendline campaigns [NAME]`: the account's campaigns, or one campaign's totals (in all, per
/// platform, per author), as tab-separated lines with a header.
struct Campaigns: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the campaigns, or one campaign's summed counts in all, per platform and per author.")

    @Argument(help: "A campaign's name: print its totals.") var name: String?
    @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
    @OptionGroup var published: PublishedRangeOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        _ = try CampaignArgument.name(name)
    }

    func run() async throws {
        let lines = try await StoreOpener.withStore(try await common.settings()) { store in
            let owner = try await AccountChoice.resolve(account, in: store.repository)
            let report = StatsReport(repository: store.repository)
            do {
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
