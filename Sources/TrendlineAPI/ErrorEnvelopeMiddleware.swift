import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOHTTP1
import TrendlineDomain
import TrendlineStore

/// The outermost middleware: gives every request an id (`X-Request-Id`, taken from the client
/// when it sent a sane one), turns every error into the error envelope, so no response is
/// ever a bare 500 or an HTML page, and records the request's metrics
/// (``RequestMetricsCache``) under the status it answered. Its reads share one ``ReadScope``.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = TrendlineRequestContext
    /// Where each request's metrics go (``RequestMetricsCache``); `nil` records none.
    var metrics: RequestMetricsCache?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = Self.requestID(from: request)
        context.requestID = requestID
        let start = DispatchTime.now().uptimeNanoseconds
        let active = metrics?.active(method: request.method)
        active?.increment()
        defer { active?.decrement() }
        var response: Response
        do {
            let context = context
            response = try await ReadScope.run { try await next(request, context) }
            metrics?.record(route: context.endpointPath ?? "Unknown", method: request.method, status: response.status, failed: false, since: start)
        } catch {
            response = Self.failure(error, request: request, context: context)
            metrics?.record(route: context.endpointPath ?? "NotFound", method: request.method, status: response.status, failed: true, since: start)
        }
        response.headers[.xRequestID] = requestID
        return response
    }

    /// The error envelope for `error`, logged when the failure is the server's or upstream's
    /// (5xx). Every middleware that answers errors itself goes through here, so none is left
    /// unlogged. The request id goes on the line, not into the logger's metadata: setting
    /// metadata makes swift-log's stream handler render all of it again, on every request (2.7 %
    /// of a video detail's cost, perf in docs/benchmarks.md), for lines few requests write.
    static func failure(_ error: any Error, request: Request, context: Context) -> Response {
        let apiError = apiError(for: error, request: request, sentPath: context.aliasedPath)
        if apiError.status.code >= 500 {
            var metadata: Logger.Metadata = ["request_id": .string(context.requestID), "path": .string(request.uri.path)]
            if apiError.status == .internalServerError {
                // Reflecting: PostgresNIO's errors describe themselves only as "PSQLError" (to keep
                // data out of messages); the server's log is where the detail belongs.
                metadata["error"] = .string(String(reflecting: error))
                context.logger.error("request failed", metadata: metadata)
            } else {
                metadata["error"] = .string(apiError.message)
                context.logger.warning("upstream or database failure", metadata: metadata)
            }
        }
        return Envelope.failure(apiError, requestID: context.requestID)
    }

    static func requestID(from request: Request) -> String {
        requestID(given: request.headers[.xRequestID])
    }

    /// The client's `X-Request-Id` when it is a sensible one, else a new id.
    static func requestID(given: String?) -> String {
        if let given, (1...128).contains(given.count),
           given.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) }) {
            return given
        }
        return UUIDText.lowercase(RequestIDs.shared.next())
    }

    /// The API error `error` is answered with; an unknown route is named by `sentPath` when the
    /// client sent an alias of it.
    static func apiError(for error: any Error, request: Request, sentPath: String? = nil) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                return .notFound("no route \(request.method) \(sentPath ?? request.uri.path)")
            case .contentTooLarge:
                return .payloadTooLarge(limit: APIConfiguration.defaultBodyLimit)
            default:
                return APIError(status: error.status, code: "HTTP_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
            }
        case let error as HTTPParserError:
            return MalformedRequest.apiError(error)
        case StoreError.unavailable(let message):
            return .unavailable("the database is unavailable: \(message)")
        default:
            return .internal()
        }
    }
}

extension HTTPField.Name {
    static let xRequestID = HTTPField.Name("X-Request-Id")!
    static let xAPIKey = HTTPField.Name("X-API-Key")!
}
