import CompressNIO
import Crypto
import HTTPTypes
import Hummingbird
import NIOCore
import TrendlineCore

/// An answer whose body never changes while the server runs (the OpenAPI document, the
/// dashboard page): kept as it is and gzip-compressed once, each form with its own strong
/// `ETag`, so a request costs neither a round of zlib (a few ms for the 196 KB document) nor,
/// when the client already holds the body (`If-None-Match`), the bytes: that is a
/// `304 Not Modified`. A browser revalidates the dashboard on every load (`no-cache`).
struct StaticAnswer: Sendable {
    /// One form of the body and what names it.
    struct Form: Sendable {
        let body: ByteBuffer
        let etag: String
    }

    let plain: Form
    let gzipped: Form
    /// The fields every answer carries (`Content-Type`, caching, security).
    let fields: HTTPFields

    init(body: ByteBuffer, fields: HTTPFields) {
        let tag = Self.tag(of: body)
        plain = Form(body: body, etag: "\"\(tag)\"")
        var copy = body
        // Compressing a ByteBuffer in memory fails only on an allocation failure; the plain body
        // is then served to everyone rather than stopping the server.
        if let compressed = try? copy.compress(with: .gzip()) {
            gzipped = Form(body: compressed, etag: "\"\(tag)-gzip\"")
        } else {
            gzipped = plain
        }
        var fields = fields
        fields[.vary] = "Accept-Encoding"
        self.fields = fields
    }

    /// The answer to `request`: gzip when it is acceptable, `304` when the client's
    /// `If-None-Match` names the form it would get.
    func response(to request: Request) -> Response {
        let form = AcceptEncoding(request.headers[values: .acceptEncoding]).allowsGzip ? gzipped : plain
        var fields = self.fields
        fields[.eTag] = form.etag
        if Self.matches(request.headers[values: .ifNoneMatch], etag: form.etag) {
            fields[.contentType] = nil
            return Response(status: .notModified, headers: fields)
        }
        if form.etag != plain.etag { fields[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: form.body))
    }

    /// Whether an `If-None-Match` list names `etag`, compared weakly as RFC 9110 says for this
    /// field (`W/"x"` matches `"x"`), or is `*`.
    static func matches(_ values: [String], etag: String) -> Bool {
        for value in values {
            for member in value.split(separator: ",") {
                var tag = member.trimmingCharacters(in: .whitespaces)
                if tag == "*" { return true }
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                if tag == etag { return true }
            }
        }
        return false
    }

    /// The first 16 bytes of the body's SHA-256, in hex: the same body gives the same tag on
    /// every node and after every restart.
    private static func tag(of body: ByteBuffer) -> String {
        let digest = body.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        return LowercaseHex.string(digest.prefix(16))
    }
}
