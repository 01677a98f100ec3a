import HTTPTypes
import Hummingbird
import TrendlineCore

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

    static func upstream(_ failure: LiveStatsFailure) -> APIError {
        APIError(status: .badGateway, code: "UPSTREAM_ERROR", message: failure.message)
    }

    static func rateLimited(_ message: String, retryAfter: Int?) -> APIError {
        var error = APIError(status: .tooManyRequests, code: "RATE_LIMIT_EXCEEDED", message: message)
        if let retryAfter { error.headers[.retryAfter] = "\(retryAfter)" }
        return error
    }

    static func unavailable(_ message: String) -> APIError {
        APIError(status: .serviceUnavailable, code: "SERVICE_UNAVAILABLE", message: message)
    }
}
