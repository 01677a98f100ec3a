import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline inbox [list|include|exclude]`: the videos discovery found for creators followed
/// in selective mode, and the review decisions `POST /v1/inbox/approve|exclude` make.
struct Inbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the videos waiting for review, or include or exclude them.",
        subcommands: [List.self, Include.self, Exclude.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the waiting videos as tab-separated lines with a header.")
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let lines = try await StoreOpener.withStore(try await common.settings()) { store in
                let owner = try await AccountChoice.resolve(account, in: store.repository)
                return try await StatsReport(repository: store.repository).inbox(accountID: owner.id, at: Date())
            }
            for line in lines { print(line) }
        }
    }

    struct Include: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Include waiting videos: their snapshots start now.")
        @Argument(help: "Video ids from `trendline inbox`.") var ids: [String]
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws { try await Inbox.review(ids, .include, account: account, common: common) }
    }

    struct Exclude: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Exclude videos: never snapshotted, listed or added again.")
        @Argument(help: "Video ids from `trendline inbox` (any of the account's videos may be excluded).") var ids: [String]
        @Option(help: "The account (may be left out when there is exactly one account).") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws { try await Inbox.review(ids, .exclude, account: account, common: common) }
    }

    /// Prints one line per id (`included`/`excluded`, or `error` with its code and reason);
    /// exits 1 when any was refused.
    static func review(_ ids: [String], _ decision: ReviewDecision, account: String?, common: CommonOptions) async throws {
        let results = try await StoreOpener.withStore(try await common.settings()) { store in
            let owner = try await AccountChoice.resolve(account, in: store.repository)
            return try await InboxReview(repository: store.repository).review(ids, decision: decision, accountID: owner.id)
        }
        for result in results {
            if let done = result.done {
                print([done, result.id].joined(separator: "\t"))
            } else {
                print(["error", result.id, result.error?.code ?? "", result.error?.message ?? ""].joined(separator: "\t"))
            }
        }
        if results.contains(where: { $0.done == nil }) { throw ExitCode(1) }
    }
}
