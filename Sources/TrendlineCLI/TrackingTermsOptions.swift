import ArgumentParser
import TrendlineCore
import TrendlineDomain

/// How long and how often videos are tracked, and the campaign they join: the options
/// `track` and `creators follow` share (a followed creator's terms apply to what it discovers).
struct TrackingTermsOptions: ParsableArguments {
    @Option(help: "Days to track, 1-30 (default 30).") var durationDays: Int?
    @Option(help: "hourly, daily or adaptive (default adaptive).") var cadence: String?
    @Option(help: "The campaign the videos join.") var campaign: String?

    /// The window and cadence chosen, the defaults where none was given.
    func terms() throws -> (duration: TrackingDuration, cadence: Cadence) {
        let (duration, cadence) = try chosen()
        return (duration ?? .default, cadence ?? .default)
    }

    /// The window and cadence given, `nil` where not (a change leaves those as they are).
    func chosen() throws -> (duration: TrackingDuration?, cadence: Cadence?) {
        try Self.parse(durationDays: durationDays, cadence: cadence)
    }

    /// `--duration-days` and `--cadence` as given, checked; `nil` where not given.
    static func parse(durationDays: Int?, cadence: String?) throws -> (duration: TrackingDuration?, cadence: Cadence?) {
        var duration: TrackingDuration?
        if let durationDays {
            do { duration = try TrackingDuration(days: durationDays) } catch {
                throw ValidationError("--duration-days must be from \(TrackingDuration.allowed.lowerBound) to \(TrackingDuration.allowed.upperBound), got \(error.days)")
            }
        }
        guard let cadence else { return (duration, nil) }
        guard let value = Cadence(rawValue: cadence.lowercased()) else {
            throw ValidationError("unknown cadence '\(cadence)': use hourly, daily or adaptive")
        }
        return (duration, value)
    }

    /// A usage error when `plan`'s snapshot floor does not allow `cadence`, in the words the API
    /// refuses it with.
    static func check(_ cadence: Cadence, allowedBy plan: Plan) throws {
        guard plan.allows(cadence) else { throw ValidationError(TrackingService.CadenceNotInPlan(plan: plan, cadence: cadence).message) }
    }

    /// The campaign as stored (trimmed), or the reason it cannot be one.
    func campaignName() throws -> String? { try CampaignArgument.name(campaign) }
}
