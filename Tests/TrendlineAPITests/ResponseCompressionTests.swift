import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import TrendlineAPI

/// gzip for clients that ask for it (``ResponseCompressionMiddleware``), on the API's own
/// server, where a video's detail is otherwise spliced or answered on the event loop.
struct ResponseCompressionTests {
    @Test(arguments: [
        ("gzip", true), ("GZIP", true), ("x-gzip", true), ("deflate, gzip;q=0.5", true), ("br, *;q=0.1", true), ("gzip, deflate, br, zstd", true),
        ("", false), ("identity", false), ("deflate", false), ("gzip;q=0", false), ("*;q=0", false), ("gzip;q=0, *", false), ("gzip;q=abc", false),
        ("gzip;q=1.5", false),
    ])
    func acceptEncodingIsReadWithItsWeights(header: String, allowed: Bool) {
        #expect(AcceptEncoding([header]).allowsGzip == allowed, "\(header)")
    }

    struct Answer {
        let status: HTTPResponse.Status
        let fields: HTTPFields
        let body: ByteBuffer

        /// The body as sent, or inflated when it says it is gzip.
        func text() throws -> String {
            guard fields[.contentEncoding] == "gzip" else { return String(buffer: body) }
            var compressed = body
            return String(buffer: try compressed.decompress(with: .gzip()))
        }
    }

    static func ask(
        _ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, key: String?, encoding: String?, ifNoneMatch: String? = nil
    ) async throws -> Answer {
        var headers: HTTPFields = [HTTPField.Name("X-Request-Id")!: "same-id"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        if let encoding { headers[.acceptEncoding] = encoding }
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        return try await client.execute(uri: uri, method: method, headers: headers) { Answer(status: $0.status, fields: $0.headers, body: $0.body) }
    }

    @Test func aDetailIsCompressedForClientsThatAskAndTheSameOnceInflated() async throws {
        let setup = try await ImmediateDetailAnswersTests.Setup.make()
        let key = setup.app.key
        try await setup.application.test(.live) { client in
            let id = try await setup.trackedVideo(client)
            let plain = try await Self.ask(client, "/v1/videos/\(id)", key: key, encoding: nil)
            let zipped = try await Self.ask(client, "/v1/videos/\(id)", key: key, encoding: "gzip, deflate, br")
            #expect(plain.status == .ok && zipped.status == .ok)
            #expect(plain.fields[.contentEncoding] == nil && zipped.fields[.contentEncoding] == "gzip")
            #expect(plain.fields[.vary] == "Accept-Encoding" && zipped.fields[.vary] == "Accept-Encoding", "caches keep the two apart")
            #expect(zipped.fields[.contentLength] == String(zipped.body.readableBytes))
            #expect(zipped.body.readableBytes * 3 < plain.body.readableBytes, "\(zipped.body.readableBytes) of \(plain.body.readableBytes) bytes")
            let answer = try plain.text()
            #expect(try zipped.text() == answer, "the same answer once inflated")
            // Asked again, when the detail could be answered on the event loop: still compressed.
            let again = try await Self.ask(client, "/v1/videos/\(id)", key: key, encoding: "gzip")
            #expect(again.fields[.contentEncoding] == "gzip")
            #expect(try again.text() == answer)
            #expect(setup.answers.answeredCount == 0, "the immediate answers are for clients that take the body as it is")
            let immediate = try await Self.ask(client, "/v1/videos/\(id)", key: key, encoding: nil)
            #expect(setup.answers.answeredCount == 1 && immediate.fields[.contentEncoding] == nil && immediate.fields[.vary] == "Accept-Encoding")
            #expect(try immediate.text() == answer)
            // HEAD says what GET would send.
            let head = try await Self.ask(client, "/v1/videos/\(id)", method: .head, key: key, encoding: "gzip")
            #expect(head.fields[.contentEncoding] == "gzip" && head.fields[.contentLength] == zipped.fields[.contentLength] && head.body.readableBytes == 0)
        }
    }

    @Test func smallAnswersErrorsAndRefusedGzipAreSentAsTheyAre() async throws {
        let setup = try await ImmediateDetailAnswersTests.Setup.make()
        try await setup.application.test(.live) { client in
            let health = try await Self.ask(client, "/health", key: nil, encoding: "gzip")
            #expect(health.status == .ok && health.fields[.contentEncoding] == nil && health.body.readableBytes < ResponseCompressionMiddleware.minimumSize)
            let missing = try await Self.ask(client, "/v1/videos/\(UUID().uuidString.lowercased())", key: setup.app.key, encoding: "gzip")
            #expect(missing.status == .notFound && missing.fields[.contentEncoding] == nil)
            #expect(try missing.text().contains("NOT_FOUND"))
            let refused = try await Self.ask(client, "/openapi.json", key: nil, encoding: "gzip;q=0, identity")
            #expect(refused.fields[.contentEncoding] == nil && refused.body.readableBytes > 10_000)
            let document = try await Self.ask(client, "/openapi.json", key: nil, encoding: "gzip")
            let documentText = try refused.text()
            #expect(document.fields[.contentEncoding] == "gzip")
            #expect(try document.text() == documentText)
            let page = try await Self.ask(client, "/dashboard", key: nil, encoding: "gzip")
            #expect(page.status == .ok && page.fields[.contentEncoding] == "gzip", "the dashboard")
            #expect(try page.text().contains("<html"))
        }
    }
}
