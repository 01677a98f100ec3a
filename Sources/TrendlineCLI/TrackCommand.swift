import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineProviders
import TrendlineRuntime

/// `trendline track URL... [--from-file FILE]`: tracks URLs for an account, under its plan as
/// `POST /v1/videos/track` does, 50 at a time, and prints one result line per URL.
struct Track: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Track video URLs and print the result for each.")

    @Argument(help: "Video URLs.") var urls: [String] = []
    @Option(help: "A file of video URLs (- reads standard input): one per line (blank lines and lines starting with # are skipped), or CSV such as a spreadsheet's or `GET /v1/videos/export`'s, read from its url, video_url, video_link, link or canonical_url column, or else each row's first http(s) field.")
    var fromFile: String?
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
        guard !urls.isEmpty || fromFile != nil else { throw ValidationError("give video URLs, or --from-file with one URL per line (or a CSV file)") }
    }

    /// The URLs given as arguments, then those of the file.
    func allURLs() throws -> [String] {
        guard let fromFile else { return urls }
        let text: String
        if fromFile == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: fromFile) else { throw ValidationError("cannot read '\(fromFile)'") }
            text = String(decoding: data, as: UTF8.self)
        }
        return urls + URLListText.urls(in: text)
    }

    func run() async throws {
        let all = try allURLs()
        guard !all.isEmpty else { throw ValidationError("'\(fromFile ?? "")' holds no URL") }
        var options = TrackingService.Options(notes: notes)
        (options.duration, options.cadence) = try terms.terms()
        options.campaign = try terms.campaignName()
        options.milestones = try MilestonesArgument.values(milestones) ?? []
        let chosen = options
        let settings = try await common.settings()
        let failed = try await StoreOpener.withStore(settings) { store in
            let owner = try await AccountChoice.resolve(account, in: store.repository)
            var options = chosen
            options.plan = settings.plans.plan(named: owner.plan)
            try TrackingTermsOptions.check(options.cadence, allowedBy: options.plan)
            let client = AsyncHTTPUpstreamClient()
            let resolver = RedirectFollowingResolver(fetcher: HTTPRedirectHopFetcher(client: client, endpoints: settings.providers.endpoints))
            let service = TrackingService(repository: store.repository, resolver: resolver)
            let terms = options
            return try await shutdownAfter([client.shutdown]) {
                var failed = false
                for start in stride(from: 0, to: all.count, by: TrackingService.maximumBatch) {
                    let batch = Array(all[start..<min(start + TrackingService.maximumBatch, all.count)])
                    let results = try await service.track(urls: batch, accountID: owner.id, options: terms)
                    for result in results { print(Self.line(result, plan: terms.plan.name)) }
                    failed = failed || results.contains { $0.status == .error }
                }
                return failed
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// `tracked|already_tracked`, the id, platform, platform id and canonical URL; or `error`,
    /// its code (the URL's, or the plan's or balance's refusal), the URL as given and why.
    static func line(_ result: TrackingService.ItemResult, plan: String) -> String {
        if let tracked = result.trackedVideo {
            return [result.status.rawValue, UUIDText.lowercase(tracked.tracking.id), tracked.video.platform.rawValue,
                    tracked.video.externalID, tracked.video.canonicalURL].joined(separator: "\t")
        }
        let (code, message) = result.refusal.map { ($0.code, $0.message(plan: plan)) } ?? (result.error?.code ?? "", result.error?.message ?? "")
        return ["error", code, result.submittedURL, message].joined(separator: "\t")
    }
}
