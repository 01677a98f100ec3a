import ArgumentParser
import Foundation
import TrendlineDomain
import TrendlineStore

/// `--published-from` and `--published-to`: the videos the platform says were published in a
/// range, each end a day (`2026-11-01`, from its start or to its end, UTC) or an ISO 8601 time,
/// as the API's `published_from`/`published_to` read them (``TimestampText/bound(_:endOfDay:)``).
struct PublishedRangeOptions: ParsableArguments {
    @Option(help: "Only videos the platform says were published at or after this day (2026-11-01) or ISO 8601 time.") var publishedFrom: String?
    @Option(help: "Only videos published at or before this day (to its end, UTC) or ISO 8601 time.") var publishedTo: String?

    func validate() throws {
        _ = try bounds()
    }

    /// The range, the right way round (``DateBounds/read(from:to:)``).
    func bounds() throws -> DateBounds {
        try Self.bounds(from: publishedFrom, to: publishedTo, options: ("published-from", "published-to"))
    }

    /// Two typed ends as a range, or a refusal naming the `options` as typed: every range option
    /// of the CLI reads its ends this way.
    static func bounds(from: String?, to: String?, options: (from: String, to: String)) throws -> DateBounds {
        switch DateBounds.read(from: from, to: to) {
        case .success(let bounds):
            return bounds
        case .failure(.notATime(let end, let text)):
            let option = end == .from ? options.from : options.to
            throw ValidationError("--\(option) takes a day such as 2026-11-01 or an ISO 8601 time such as 2026-11-01T10:00:00Z, got '\(text.prefix(100))'")
        case .failure(.backwards):
            throw ValidationError("--\(options.from) must not be after --\(options.to)")
        }
    }
}
