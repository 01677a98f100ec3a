import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TrendlineDomain
import TrendlineStore

/// The outermost middleware: gives every request an id (`X-Request-Id`, taken from the client
/// when it sent a sane one) and turns every error into the error envelope, so no response is
/// ever a bare 500 or an HTML page.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = TrendlineRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = Self.requestID(from: request)
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = Self.apiError(for: error, request: request)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": .string(String(describing: error)), "path": .string(request.uri.path)])
            } else if apiError.status.code >= 500 {
                context.logger.warning("upstream or database failure", metadata: ["error": .string(apiError.message), "path": .string(request.uri.path)])
            }
            response = Envelope.failure(apiError, requestID: requestID)
        }
        response.headers[.xRequestID] = requestID
        return response
    }

    static func requestID(from request: Request) -> String {
        if let given = request.headers[.xRequestID], (1...128).contains(given.count),
           given.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) }) {
            return given
        }
        return UUIDText.lowercase(UUIDText.random())
    }

    static func apiError(for error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                return .notFound("no route \(request.method) \(request.uri.path)")
            case .contentTooLarge:
                return .payloadTooLarge(limit: APIConfiguration.defaultBodyLimit)
            default:
                return APIError(status: error.status, code: "HTTP_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
            }
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
