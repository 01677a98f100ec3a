import Foundation
import HTTPTypes
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// An error the API answers with, in the one error envelope:
/// `{"ok": false, "error": {"code", "message", "field", "request_id"}}`.
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// The request field at fault, when there is one.
    public var field: String?
    /// Extra headers (e.g. `WWW-Authenticate`).
    public var headers: HTTPFields = [:]
    /// Extra fields of the error object (e.g. `balance` and `needed` for 402).
    var details: [String: MetaValue] = [:]

    public init(status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    static func validation(_ message: String, field: String?) -> APIError {
        APIError(status: .badRequest, code: "VALIDATION_ERROR", message: message, field: field)
    }

    static func invalidJSON(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "INVALID_JSON", message: message)
    }

    static func unauthorized(_ message: String) -> APIError {
        var error = APIError(status: .unauthorized, code: "UNAUTHORIZED", message: message)
        error.headers[.wwwAuthenticate] = "Bearer"
        return error
    }

    static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", message: message)
    }

    static func conflict(_ message: String) -> APIError {
        APIError(status: .conflict, code: "CONFLICT", message: message)
    }

    static func payloadTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "the request body is larger than \(limit) bytes")
    }

    static func `internal`() -> APIError {
        APIError(status: .internalServerError, code: "INTERNAL_ERROR", message: "an unexpected error occurred; the request id identifies it in the server log")
    }

    /// A fetch every provider failed, told apart as a client acts on it: `404 VIDEO_UNAVAILABLE`
    /// when the platform says the video is private or deleted (trying again will not help),
    /// `429 UPSTREAM_RATE_LIMITED` with `Retry-After` when every provider was throttled (as the
    /// creator lookups answer), else `502 UPSTREAM_ERROR`. Each message names every failure.
    static func upstream(_ failure: LiveStatsFailure) -> APIError {
        if failure.videoUnavailable {
            return APIError(status: .notFound, code: "VIDEO_UNAVAILABLE", message: "the platform says the video is private or deleted: " + failure.attempts.joined(separator: "; "))
        }
        guard failure.throttled else { return APIError(status: .badGateway, code: "UPSTREAM_ERROR", message: failure.message) }
        return .upstreamThrottled(failure.attempts.joined(separator: "; "), retryAfter: failure.retryAfter)
    }

    /// `429 UPSTREAM_RATE_LIMITED`: the platform throttled every provider, with its
    /// `Retry-After` when it said; `detail` (the failures) follows the message.
    static func upstreamThrottled(_ detail: String? = nil, retryAfter: TimeInterval?) -> APIError {
        var error = APIError(
            status: .tooManyRequests, code: "UPSTREAM_RATE_LIMITED",
            message: "the platform is throttling requests; retry later" + (detail.map { ": " + $0 } ?? ""))
        if let retryAfter { error.headers[.retryAfter] = "\(Int(retryAfter.rounded(.up)))" }
        return error
    }

    static func rateLimited(_ message: String, retryAfter: Int?) -> APIError {
        var error = APIError(status: .tooManyRequests, code: "RATE_LIMIT_EXCEEDED", message: message)
        if let retryAfter { error.headers[.retryAfter] = "\(retryAfter)" }
        return error
    }

    /// 403 `SUBSCRIPTION_LIMIT`, naming the plan, the limit and the current usage.
    static func subscriptionLimit(_ message: String, plan: String, limit: Int, current: Int, field: String? = nil) -> APIError {
        var error = APIError(status: .forbidden, code: "SUBSCRIPTION_LIMIT", message: message, field: field)
        error.details = ["plan": .string(plan), "limit": .int(limit), "current": .int(current)]
        return error
    }

    /// 402 `INSUFFICIENT_BALANCE` with the balance, what is available and what was needed
    /// (`ofAChange`: what a window change adds; ``TrackRefusal/message(plan:ofAChange:)``).
    static func insufficientBalance(balance: Money, available: Money, needed: Money, field: String? = nil, ofAChange: Bool = false) -> APIError {
        var error = APIError(
            status: HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"), code: "INSUFFICIENT_BALANCE",
            message: TrackRefusal.insufficientBalance(balance: balance, available: available, needed: needed).message(plan: "", ofAChange: ofAChange),
            field: field)
        error.details = ["balance": .number(balance.dollars), "available": .number(available.dollars), "needed": .number(needed.dollars)]
        return error
    }

    /// The API error for a tracking (or, `ofAChange`, a window change) the plan or balance refused.
    static func refused(_ refusal: TrackRefusal, plan: Plan, field: String? = nil, ofAChange: Bool = false) -> APIError {
        switch refusal {
        case .videoLimit(let limit, let current):
            return .subscriptionLimit(refusal.message(plan: plan.name), plan: plan.name, limit: limit, current: current, field: field)
        case .insufficientBalance(let balance, let available, let needed):
            return .insufficientBalance(balance: balance, available: available, needed: needed, field: field, ofAChange: ofAChange)
        }
    }

    /// A refused `PATCH /v1/videos/{id}` window or cadence change: 409 for an ended tracking,
    /// 400 on `duration_days` for a window ending before now, 403 for a cadence under the
    /// tracking's floor or the video limit, 402 for the balance (`field`: what was asked).
    static func editRefused(_ refusal: VideoEditRefusal, plan: Plan, of tracking: Tracking, field: String) -> APIError {
        switch refusal {
        case .plan(let refusal):
            return .refused(refusal, plan: plan, field: field, ofAChange: true)
        case .window(let refusal):
            let status: HTTPResponse.Status = switch refusal {
            case .ended: .conflict
            case .endsBeforeNow: .badRequest
            case .cadenceBelowFloor: .forbidden
            }
            var error = APIError(status: status, code: refusal.code, message: refusal.message, field: refusal.field)
            if case .cadenceBelowFloor = refusal {
                error.details = ["plan": .string(plan.name), "minimum_interval_seconds": .int(Int(tracking.terms.minimumInterval))]
            }
            return error
        }
    }

    /// 403 `READ_ONLY_KEY`: a read-only key asked for a change.
    static func readOnlyKey(method: String, path: String) -> APIError {
        APIError(
            status: .forbidden, code: "READ_ONLY_KEY",
            message: "this API key is read-only: it reads and looks up, and cannot \(method) \(path.prefix(200)); use a key made without --read-only")
    }

    /// 403: the plan's snapshot floor does not allow the cadence asked for.
    static func cadenceRefused(_ refused: TrackingService.CadenceNotInPlan, plan: Plan) -> APIError {
        var error = APIError(status: .forbidden, code: "SUBSCRIPTION_LIMIT", message: refused.message, field: "cadence")
        error.details = ["plan": .string(plan.name), "minimum_interval_seconds": .int(Int(plan.minimumSnapshotInterval))]
        return error
    }

    /// 503 with `Retry-After`: nothing was changed, and the same request may be sent again.
    static func unavailable(_ message: String) -> APIError {
        var error = APIError(status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE", message: message)
        error.headers[.retryAfter] = "\(unavailableRetrySeconds)"
        return error
    }

    /// How long a client is asked to wait after a 503: the database's own waits (a busy
    /// SQLite file, a PostgreSQL lock) are shorter than this.
    static let unavailableRetrySeconds = 2
}
