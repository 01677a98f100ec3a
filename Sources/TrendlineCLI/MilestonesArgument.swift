import ArgumentParser
import TrendlineDomain

/// View milestones given on the command line (`50000,500000`), read and checked as the API
/// checks its `milestones` (``MilestoneList/parsed(_:)``), or the reason as the usage error.
enum MilestonesArgument {
    static func values(_ text: String?) throws -> [Int64]? {
        guard let text else { return nil }
        let checked = MilestoneList.parsed(text)
        guard let valid = checked.values else { throw ValidationError("--milestones: " + (checked.problem ?? "invalid milestones")) }
        return valid
    }
}
