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
        /// The error object: `code`, `message`, `field`, `request_id`, then any details.
        struct Body: Encodable {
            let code: String
            let message: String
            var field: String?
            let request_id: String
            var details: [String: MetaValue] = [:]

            struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(_ string: String) { stringValue = string }
                init?(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(code, forKey: Key("code"))
                try container.encode(message, forKey: Key("message"))
                try container.encode(field, forKey: Key("field"))
                try container.encode(request_id, forKey: Key("request_id"))
                for (key, value) in details.sorted(by: { $0.key < $1.key }) { try container.encode(value, forKey: Key(key)) }
            }
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

    /// ``success(_:status:meta:context:)`` with the first `placeholder` (an empty array the
    /// encoder wrote, e.g. `"snapshots":[]`) filled with already encoded JSON.
    static func success(_ data: some Encodable, filling placeholder: String, with json: [UInt8], context: TrendlineRequestContext) throws -> Response {
        let encoded = [UInt8](try APIJSON.encoder().encode(Success(data: data, meta: ["request_id": .string(context.requestID)])))
        guard let range = encoded.firstRange(of: Array(placeholder.utf8)) else { throw EnvelopeError.placeholderMissing(placeholder) }
        let keep = range.upperBound - 2  // up to and including the key and colon; drop "[]"
        var buffer = ByteBuffer()
        buffer.reserveCapacity(encoded.count + json.count)
        buffer.writeBytes(encoded[..<keep])
        buffer.writeBytes(json)
        buffer.writeBytes(encoded[range.upperBound...])
        return Response(status: .ok, headers: [.contentType: jsonContentType], body: ResponseBody(byteBuffer: buffer))
    }

    enum EnvelopeError: Error {
        case placeholderMissing(String)
    }

    static func failure(_ error: APIError, requestID: String) -> Response {
        let body = Failure(error: .init(code: error.code, message: error.message, field: error.field, request_id: requestID, details: error.details))
        var response = (try? json(body, status: error.status)) ?? Response(status: error.status)
        for field in error.headers { response.headers.append(field) }
        return response
    }

    static let jsonContentType = "application/json; charset=utf-8"

    static func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let data = try APIJSON.encoder().encode(value)
        return Response(
            status: status,
            headers: [.contentType: jsonContentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// A value in an envelope's `meta` object.
enum MetaValue: Encodable, Sendable {
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)
    case null
    case object([String: MetaValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .object(let value): try container.encode(value)
        }
    }
}
