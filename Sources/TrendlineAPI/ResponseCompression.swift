import CompressNIO
import HTTPTypes
import Hummingbird
import NIOCore

/// Compresses answers with gzip for clients that ask for it (`Accept-Encoding: gzip`, which
/// browsers, `curl --compressed` and most HTTP libraries send): JSON, CSV, HTML, JavaScript and
/// plain text of at least ``minimumSize`` bytes. A video's 30-day hourly history is about 95 KB
/// of JSON, and a tenth of that compressed.
///
/// Every answer of a type that may be compressed says `Vary: Accept-Encoding`, so a cache keeps
/// the two forms apart. The API's bodies are one buffer of known length, so the whole body is
/// compressed at once and keeps a `Content-Length` (a `HEAD` answer gives its `GET`'s). A
/// request that asks for gzip has its answer built as one buffer: a spliced body
/// (``SplicedBodies``) is finished by the connection's handler, past every middleware.
struct ResponseCompressionMiddleware: RouterMiddleware {
    typealias Context = TrendlineRequestContext

    /// Below this a compressed body saves less than the gzip header and a round of zlib cost.
    static let minimumSize = 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let gzip = AcceptEncoding(request.headers[values: .acceptEncoding]).allowsGzip
        var context = context
        if gzip { context.channel = nil }
        var response = try await next(request, context)
        guard Self.compressible(response) else { return response }
        if !response.headers[values: .vary].contains(where: { $0.lowercased().contains("accept-encoding") }) {
            response.headers.append(HTTPField(name: .vary, value: "Accept-Encoding"))
        }
        guard gzip, response.headers[SplicedBodies.marker] == nil, let length = response.body.contentLength, length >= Self.minimumSize else {
            return response
        }
        var body = try await Self.collect(response.body, length: length)
        let compressed = try body.compress(with: .gzip())
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        response.body = ResponseBody(byteBuffer: compressed)
        return response
    }

    /// A body worth compressing: text of a kind that compresses, not already encoded, and
    /// a status that carries a body.
    static func compressible(_ response: Response) -> Bool {
        guard response.headers[.contentEncoding] == nil, response.status.code >= 200, response.status != .noContent, response.status != .notModified,
              let type = response.headers[.contentType]?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("javascript")
    }

    /// The body's bytes, as its writer would send them.
    private static func collect(_ body: ResponseBody, length: Int) async throws -> ByteBuffer {
        let collector = BodyCollector(capacity: length)
        try await body.write(collector)
        return collector.buffer
    }
}

/// A response body writer that keeps what is written, for a body compressed whole.
private final class BodyCollector: ResponseBodyWriter {
    var buffer: ByteBuffer

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    func write(_ part: ByteBuffer) async throws {
        buffer.writeImmutableBuffer(part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
