import Foundation
import Hummingbird
import NIOCore
import TrendlineCore

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

    /// A success envelope rendered once and answered many times. Its `data` holds one array left
    /// empty by the encoder (`placeholder`, e.g. `"snapshots":[]`) that each answer fills with
    /// already encoded JSON, and `meta.request_id` is set per answer; answering copies bytes
    /// instead of running `JSONEncoder`, which was a tenth of the video detail's time.
    struct Spliced: Sendable {
        /// Up to and including the placeholder's key and colon.
        let head: [UInt8]
        /// From after the placeholder up to the request id's string.
        let middle: [UInt8]
        /// After the request id's string, to the end.
        let tail: [UInt8]

        /// Stands for the request id while rendering; never a valid request id (those have no spaces).
        static let requestIDMarker = "request id goes here"

        init(_ data: some Encodable, filling placeholder: String) throws {
            let encoded = [UInt8](try APIJSON.encoder().encode(Success(data: data, meta: ["request_id": .string(Self.requestIDMarker)])))
            let marker = Array("\"\(Self.requestIDMarker)\"".utf8)
            guard let fill = ByteSearch.firstIndex(of: Array(placeholder.utf8), in: encoded[...], from: 0) else {
                throw EnvelopeError.placeholderMissing(placeholder)
            }
            let afterFill = fill + placeholder.utf8.count
            guard let id = ByteSearch.firstIndex(of: marker, in: encoded[...], from: afterFill) else {
                throw EnvelopeError.placeholderMissing(Self.requestIDMarker)
            }
            head = Array(encoded[..<(afterFill - 2)])  // drop "[]"
            middle = Array(encoded[afterFill..<id])
            tail = Array(encoded[(id + marker.count)...])
        }

        /// The envelope with `json` in the placeholder, ready to answer any request.
        func filled(with json: [UInt8]) -> Filled {
            var prefix = ByteBuffer()
            prefix.reserveCapacity(head.count + json.count + middle.count)
            prefix.writeBytes(head)
            prefix.writeBytes(json)
            prefix.writeBytes(middle)
            return Filled(prefix: prefix, tail: tail)
        }
    }

    /// A spliced envelope with its snapshots in place: everything up to the request id is
    /// rendered once (`prefix`), and each answer adds its request id and `tail`.
    struct Filled: Sendable {
        /// Everything up to the request id.
        let prefix: ByteBuffer
        let tail: [UInt8]

        /// The answer for `requestID`: on a connection with a ``SplicedBodyHandler`` (the API
        /// server's), the ending alone, with the prefix left for the handler to send before it;
        /// elsewhere (router tests) one buffer with a copy of the prefix.
        func response(requestID: String, channel: (any Channel)? = nil) -> Response {
            let ending = ending(requestID: requestID)
            if let number = SplicedBodies.shared.push(prefix, for: channel) {
                var headers = fields(ending: ending)
                headers[SplicedBodies.marker] = String(number)
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: ending)))
            }
            var body = ByteBufferAllocator().buffer(capacity: prefix.readableBytes + ending.count)
            body.writeImmutableBuffer(prefix)
            body.writeBytes(ending)
            return Response(status: .ok, headers: [.contentType: jsonContentType], body: ResponseBody(byteBuffer: body))
        }

        /// The body's fields when it is sent as `prefix` then `ending` (the length of both). It
        /// is sent so to clients that did not ask for gzip (``ResponseCompressionMiddleware``).
        func fields(ending: [UInt8]) -> HTTPFields {
            [.contentType: jsonContentType, .contentLength: String(prefix.readableBytes + ending.count), .vary: "Accept-Encoding"]
        }

        /// What follows `prefix`: the request id and the closing bytes.
        func ending(requestID: String) -> [UInt8] {
            var ending: [UInt8] = []
            ending.reserveCapacity(requestID.utf8.count + 2 + tail.count)
            JSONStringText.append(requestID, to: &ending)
            ending.append(contentsOf: tail)
            return ending
        }
    }

    enum EnvelopeError: Error {
        case placeholderMissing(String)
    }

    static func failure(_ error: APIError, requestID: String) -> Response {
        var response = (try? json(failureBody(error, requestID: requestID), status: error.status)) ?? Response(status: error.status)
        for field in error.headers { response.headers.append(field) }
        return response
    }

    /// The error envelope of `error`, for an answer written without the router
    /// (``MalformedRequestAnswer``) as for one written through it.
    static func failureBody(_ error: APIError, requestID: String) -> Failure {
        Failure(error: .init(code: error.code, message: error.message, field: error.field, request_id: requestID, details: error.details))
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
