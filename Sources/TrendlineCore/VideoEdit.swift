import Foundation
import TrendlineDomain
import TrendlineStore

/// What `PATCH /v1/videos/{id}` and `trendline videos edit` change, already validated: the
/// notes, milestones and campaign, and the window's length and the cadence.
public struct VideoEdit: Sendable {
    public var fields: TrackingChange
    /// The window's new length from its start (``TrackingWindowChange``).
    public var duration: TrackingDuration?
    public var cadence: Cadence?

    public init(fields: TrackingChange = TrackingChange(), duration: TrackingDuration? = nil, cadence: Cadence? = nil) {
        self.fields = fields
        self.duration = duration
        self.cadence = cadence
    }
}

/// Why an edit was refused; nothing of it was written.
public enum VideoEditRefusal: Error, Sendable, Equatable {
    case window(TrackingWindowChangeRefusal)
    case plan(TrackRefusal)

    /// The code and words the API and the CLI give (``TrackingWindowChangeRefusal/code``,
    /// ``TrackRefusal/code``).
    public func refusal(plan: String) -> ItemRefusal {
        switch self {
        case .window(let refusal): ItemRefusal(code: refusal.code, message: refusal.message)
        case .plan(let refusal): ItemRefusal(code: refusal.code, message: refusal.message(plan: plan, ofAChange: true))
        }
    }
}
