import Foundation
import Hummingbird
import NIOCore

/// Builds the success and error envelopes every API response uses.
enum Envelope {
    struct Success<Data: Encodable>: Encodable {
        let ok = true
        let data: Data
        let meta: [String: MetaValue]
    }

    struct Failure: Encodable {
        struct Body: Encodable {
            let code: String
            let message: String
            @Nullable var field: String?
            let request_id: String
        }
        let ok = false
        let error: Body
    }

    static func success<Data: Encodable>(
        _ data: Data, status: HTTPResponse.Status = .ok, meta: [String: MetaValue] = [:], context: TrendlineRequestContext
    ) throws -> Response {
        var meta = meta
        meta["request_id"] = .string(context.requestID)
        return try json(Success(data: data, meta: meta), status: status)
    }

    static func failure(_ error: APIError, requestID: String) -> Response {
        let body = Failure(error: .init(code: error.code, message: error.message, field: error.field, request_id: requestID))
        var response = (try? json(body, status: error.status)) ?? Response(status: error.status)
        for field in error.headers { response.headers.append(field) }
        return response
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let data = try APIJSON.encoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A value in an envelope's `meta` object.
enum MetaValue: Encodable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case object([String: MetaValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .object(let value): try container.encode(value)
        }
    }
}
