import ArgumentParser
import TrendlineDomain

/// A campaign name given on the command line, as the API stores it (trimmed), or the reason it
/// cannot be one as the usage error.
enum CampaignArgument {
    static func name(_ text: String?) throws -> String? {
        guard let text else { return nil }
        let checked = CampaignName.validated(text)
        guard let name = checked.name else { throw ValidationError(checked.problem ?? "invalid campaign name") }
        return name
    }
}
