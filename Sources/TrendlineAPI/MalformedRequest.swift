import HTTPTypes
import NIOHTTP1

/// The answer to bytes that are not an HTTP/1.1 request: NIO's parser refused them
/// (`HTTPParserError`), so there is no request to route, and the connection cannot be read on
/// past them. `431 HEADERS_TOO_LARGE` when the head is over the decoder's limits, else
/// `400 MALFORMED_REQUEST` naming what the parser found. Either closes the connection.
enum MalformedRequest {
    /// The head's limits: Hummingbird's decoder defaults, for one field and for all of them, and
    /// for their number.
    static let headLimitBytes = 80 * 1024
    static let headLimitFields = 1000

    static func apiError(_ error: HTTPParserError) -> APIError {
        var answer: APIError
        if case .headerOverflow = error {
            answer = APIError(
                status: .requestHeaderFieldsTooLarge, code: "HEADERS_TOO_LARGE",
                message: "the request's headers are over the limit (\(headLimitBytes / 1024) KB, \(headLimitFields) fields); the connection is closed")
        } else {
            answer = APIError(
                status: .badRequest, code: "MALFORMED_REQUEST",
                message: "the request is not valid HTTP/1.1 (\(error.debugDescription)); the connection is closed")
        }
        answer.headers[.connection] = "close"
        return answer
    }
}
