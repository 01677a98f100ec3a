import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineRuntime

/// `trendline track URL...`: tracks URLs for an account and prints one result line per URL.
struct Track: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Track video URLs and print the result for each.")

    @Argument(help: "Video URLs (1-50).") var urls: [String]
    @Option(help: "The account to track for (may be left out when there is exactly one account).") var account: String?
    @Option(help: "Markdown notes for every URL.") var notes: String?
    @Option(help: "View milestones of each new tracking, comma-separated (e.g. 50000,500000): a milestone.reached webhook fires at each (an already tracked video keeps its own; see `videos edit`).")
    var milestones: String?
    /// Already tracked videos keep their campaign.
    @OptionGroup var terms: TrackingTermsOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let notes, let problem = NotesText.problem(notes) { throw ValidationError(problem) }
        _ = try MilestonesArgument.values(milestones)
        guard (1...TrackingService.maximumBatch).contains(urls.count) else {
            throw ValidationError("give 1 to \(TrackingService.maximumBatch) URLs")
        }
    }

    func run() async throws {
        var options = TrackingService.Options(notes: notes)
        (options.duration, options.cadence) = try terms.terms()
        options.campaign = try terms.campaignName()
        options.milestones = try MilestonesArgument.values(milestones) ?? []
        let chosen = options
        let settings = try await common.settings()
        let failed = try await StoreOpener.withStore(settings) { store in
            let owner = try AccountChoice.resolve(account, among: try await store.repository.listAccounts())
            let client = AsyncHTTPUpstreamClient()
            let resolver = RedirectFollowingResolver(fetcher: HTTPRedirectHopFetcher(client: client, endpoints: settings.providers.endpoints))
            let service = TrackingService(repository: store.repository, resolver: resolver)
            let outcome = await Result(catching: { try await service.track(urls: urls, accountID: owner.id, options: chosen) })
            try await client.shutdown()
            let results = try outcome.get()
            for result in results {
                if let tracked = result.trackedVideo {
                    print([result.status.rawValue, UUIDText.lowercase(tracked.tracking.id), tracked.video.platform.rawValue,
                           tracked.video.externalID, tracked.video.canonicalURL].joined(separator: "\t"))
                } else if let error = result.error {
                    print(["error", error.code, result.submittedURL, error.message].joined(separator: "\t"))
                }
            }
            return results.contains { $0.status == .error }
        }
        if failed { throw ExitCode(1) }
    }
}
