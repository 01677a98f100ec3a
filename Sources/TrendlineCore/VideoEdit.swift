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

    /// The code and words the API and the CLI give: `CONFLICT` for an ended tracking,
    /// `VALIDATION_ERROR` for a window ending before now, `SUBSCRIPTION_LIMIT` for a cadence
    /// under the floor or the video limit, `INSUFFICIENT_BALANCE` for the balance.
    public func refusal(plan: String) -> ItemRefusal {
        switch self {
        case .window(.ended(let status)): ItemRefusal(code: "CONFLICT", message: TrackingWindowChangeRefusal.ended(status).message)
        case .window(let refusal) where refusal.field == "duration_days":
            ItemRefusal(code: "VALIDATION_ERROR", message: refusal.message)
        case .window(let refusal): ItemRefusal(code: "SUBSCRIPTION_LIMIT", message: refusal.message)
        case .plan(let refusal): ItemRefusal(code: refusal.code, message: refusal.message(plan: plan))
        }
    }
}
