import CompressNIO
import Foundation
import Hummingbird
import NIOCore
import TrendlineDomain

/// Reads and decodes a JSON request body with a size bound, turning every way it can be wrong
/// into a 400/413 envelope that names the field.
enum RequestBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        try decode(type, from: try await bytes(of: request, limit: limit))
    }

    /// The body as `T`; a field `T` does not read is a 400 naming it and the field nearest to
    /// it (``FieldsRead``): a misspelt `duration_day` was ignored, and the video tracked, and
    /// charged, for the default 30 days.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let body: FieldsRead<T>
        do {
            body = try APIJSON.decoder().decode(FieldsRead<T>.self, from: data)
        } catch let error as DecodingError {
            throw apiError(for: error)
        }
        if let field = RepeatedFields.first(in: data) {
            throw APIError.validation("'\(field)' is given twice; give each field once", field: field)
        }
        if let field = body.unread.min() {
            let known = body.read.sorted()
            throw APIError.validation("unknown field '\(field)'\(NearestName.suggestion(among: known, to: field)); this request takes \(known.joined(separator: ", "))", field: field)
        }
        if let change = body.value as? any ChangeBody, change.changesNothing { throw Swift.type(of: change).nothingToChange }
        return body.value
    }

    /// The body's bytes, at most `limit` of them (413 beyond), and not none (400). A body sent
    /// gzip-compressed (`Content-Encoding: gzip`) is inflated, to at most `limit` bytes too; one
    /// in another coding is a 415 that says so: read as JSON, its bytes were answered "not valid
    /// JSON", which sent a client looking at its JSON.
    static func bytes(of request: Request, limit: Int) async throws -> Data {
        let gzip = try gzipped(request.headers[.contentEncoding])
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.payloadTooLarge(limit: limit)
        }
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.payloadTooLarge(limit: limit)
        }
        if gzip { buffer = try inflated(buffer, limit: limit) }
        guard buffer.readableBytes > 0 else {
            throw APIError.invalidJSON("the request body is empty; send a JSON object")
        }
        return Data(buffer.readableBytesView)
    }

    /// Whether the body is gzip-compressed; a 415 for a coding this API does not read.
    static func gzipped(_ contentEncoding: String?) throws -> Bool {
        guard let encoding = contentEncoding?.trimmingCharacters(in: .whitespaces), !encoding.isEmpty else { return false }
        let name = encoding.lowercased()
        if name == "identity" { return false }
        if AcceptEncoding.gzipNames.contains(name) { return true }
        throw APIError(
            status: .unsupportedMediaType, code: "UNSUPPORTED_ENCODING",
            message: "the body is sent with Content-Encoding: \(encoding.prefix(40)); send it uncompressed or with gzip")
    }

    /// A gzip body's bytes: more than `limit` of them is a 413 (a few KB can inflate to gigabytes),
    /// and bytes that are not gzip a 400.
    static func inflated(_ body: ByteBuffer, limit: Int) throws -> ByteBuffer {
        var compressed = body
        do {
            return try compressed.decompress(with: .gzip(), maxSize: limit)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw APIError(
                status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "the request body inflates to more than \(limit) bytes")
        } catch {
            throw APIError.invalidJSON("the request body is sent with Content-Encoding: gzip but is not gzip data")
        }
    }

    static func apiError(for error: DecodingError) -> APIError {
        switch error {
        case .typeMismatch(let expected, let context):
            let field = fieldName(context.codingPath)
            guard let field else { return .validation("the request body must be a JSON object", field: nil) }
            return .validation("'\(field)' must be \(describe(expected))", field: field)
        case .valueNotFound(let expected, let context):
            let field = fieldName(context.codingPath)
            return .validation("'\(field ?? "body")' must be \(describe(expected)), not null", field: field)
        case .keyNotFound(let key, let context):
            let field = fieldName(context.codingPath + [key])
            return .validation("missing required field: \(field ?? key.stringValue)", field: field)
        case .dataCorrupted(let context):
            guard let field = fieldName(context.codingPath) else {
                return .invalidJSON("the request body is not valid JSON")
            }
            return .validation("'\(field)' has an invalid value: \(context.debugDescription)", field: field)
        @unknown default:
            return .invalidJSON("the request body could not be read")
        }
    }

    /// `urls[3]`, `duration_days`...
    static func fieldName(_ path: [any CodingKey]) -> String? {
        guard !path.isEmpty else { return nil }
        var name = ""
        for key in path {
            if let index = key.intValue { name += "[\(index)]" } else { name += name.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return name
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is [String].Type, is [Any].Type: return "an array"
        case is [String: Any].Type: return "an object"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of type \(name)"
        }
    }
}
