import Foundation
import TrendlineDomain
import TrendlineStore

/// Includes or excludes videos waiting in an account's inbox, as the API and the CLI name them
/// (ids as typed), with one result per id in order: what was done, or why not.
public struct InboxReview: Sendable {
    let repository: any TrendlineRepository
    let clock: WallClock

    public init(repository: any TrendlineRepository, clock: WallClock = .system) {
        self.repository = repository
        self.clock = clock
    }

    /// One id's result.
    public struct Result: Sendable, Equatable {
        /// The id as given.
        public var id: String
        /// `included` or `excluded`; `nil` when refused (see ``error``).
        public var done: String?
        /// The tracking's review status after the decision (or the one that refused it).
        public var trackingStatus: ReviewStatus?
        /// Why it was refused: `NOT_FOUND` or `NOT_PENDING`.
        public var error: ItemRefusal?
    }

    /// The word a done decision is reported with.
    public static func doneWord(_ decision: ReviewDecision) -> String { decision == .include ? "included" : "excluded" }

    public func review(_ ids: [String], decision: ReviewDecision, accountID: UUID) async throws -> [Result] {
        let parsed = ids.map { UUIDText.parse($0.trimmingCharacters(in: .whitespaces)) }
        let outcomes = try await repository.review(trackingIDs: parsed.compactMap { $0 }, accountID: accountID, decision: decision, at: clock.now)
        var byID: [UUID: ReviewOutcome] = [:]
        for outcome in outcomes {
            switch outcome {
            case .done(let item): byID[item.tracking.id] = outcome
            case .notFound(let id), .notPending(let id, _): byID[id] = outcome
            }
        }
        return zip(ids, parsed).map { text, id in
            guard let id else {
                return Result(id: text, error: ItemRefusal(code: "NOT_FOUND", message: "'\(text.prefix(100))' is not a video id"))
            }
            switch byID[id] {
            case .done(let item):
                return Result(id: text, done: Self.doneWord(decision), trackingStatus: item.tracking.reviewStatus)
            case .notPending(_, let status) where status != .excluded:
                return Result(id: text, trackingStatus: status, error: ItemRefusal(code: "NOT_PENDING", message: "only pending_review videos can be approved; this one is \(status.rawValue)"))
            case .notFound, .notPending, nil:
                return Result(id: text, error: ItemRefusal(code: "NOT_FOUND", message: "no video with id '\(text)'"))
            }
        }
    }
}
