import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import TrendlineAPI

/// The OpenAPI document and the dashboard (``StaticAnswer``): compressed once, tagged, and a
/// `304` for a client that holds the current copy.
struct StaticAnswerTests {
    typealias Answer = ResponseCompressionTests.Answer

    /// Without a key: these answers need none.
    static func ask(_ client: some TestClientProtocol, _ uri: String, method: HTTPRequest.Method = .get, encoding: String?, ifNoneMatch: String?) async throws -> Answer {
        try await ResponseCompressionTests.ask(client, uri, method: method, key: nil, encoding: encoding, ifNoneMatch: ifNoneMatch)
    }

    @Test(arguments: ["/openapi.json", "/dashboard"])
    func eachFormHasItsTagAndACurrentCopyIsNotSentAgain(path: String) async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let plain = try await Self.ask(client, path, encoding: nil, ifNoneMatch: nil)
            let zipped = try await Self.ask(client, path, encoding: "gzip, br", ifNoneMatch: nil)
            #expect(plain.status == .ok && zipped.status == .ok)
            let plainTag = try #require(plain.fields[.eTag]), zippedTag = try #require(zipped.fields[.eTag])
            #expect(plainTag.hasPrefix("\"") && plainTag.hasSuffix("\"") && plainTag.count == 34, "a strong tag: \(plainTag)")
            #expect(plainTag != zippedTag, "two forms, two tags")
            #expect(plain.fields[.contentEncoding] == nil && zipped.fields[.contentEncoding] == "gzip")
            #expect(plain.fields[.vary] == "Accept-Encoding" && zipped.fields[.vary] == "Accept-Encoding")
            #expect(zipped.body.readableBytes * 3 < plain.body.readableBytes)
            #expect(try zipped.text() == plain.text(), "the same body once inflated")
            #expect(zipped.fields[.contentType] == plain.fields[.contentType])

            // The copy the client holds, in the form it would get: nothing sent.
            for (encoding, tag) in [(nil, plainTag), ("gzip", zippedTag), ("gzip", "W/\(zippedTag)"), ("gzip", "\"other\", \(zippedTag)"), (nil, "*")] {
                let again = try await Self.ask(client, path, encoding: encoding, ifNoneMatch: tag)
                #expect(again.status == .notModified && again.body.readableBytes == 0, "\(tag), \(encoding ?? "no coding")")
                #expect(again.fields[.eTag] == (encoding == nil ? plainTag : zippedTag) && again.fields[.vary] == "Accept-Encoding")
                #expect(again.fields[.contentEncoding] == nil)
            }
            // Another form's tag, or an old one, is not the copy the client would get.
            for (encoding, tag) in [("gzip", plainTag), (nil, zippedTag), (nil, "\"0123\"")] {
                let again = try await Self.ask(client, path, encoding: encoding, ifNoneMatch: tag)
                #expect(again.status == .ok && again.body.readableBytes > 1000, "\(tag), \(encoding ?? "no coding")")
            }
            // HEAD gives its GET's fields.
            let head = try await Self.ask(client, path, method: .head, encoding: "gzip", ifNoneMatch: nil)
            #expect(head.fields[.eTag] == zippedTag && head.fields[.contentLength] == String(zipped.body.readableBytes) && head.body.readableBytes == 0)
        }
    }

    @Test func theTagsAreTheBodysOwnSoEveryNodeGivesTheSame() {
        let fields: HTTPFields = [.contentType: "text/plain"]
        let one = StaticAnswer(body: ByteBuffer(string: String(repeating: "same body ", count: 500)), fields: fields)
        let two = StaticAnswer(body: ByteBuffer(string: String(repeating: "same body ", count: 500)), fields: fields)
        let other = StaticAnswer(body: ByteBuffer(string: String(repeating: "other body ", count: 500)), fields: fields)
        #expect(one.plain.etag == two.plain.etag && one.gzipped.etag == two.gzipped.etag)
        #expect(one.plain.etag != other.plain.etag)
    }

    @Test(arguments: [
        ("\"a\"", true), ("W/\"a\"", true), (" \"b\" , \"a\" ", true), ("*", true), ("\"b\"", false), ("a", false), ("", false), ("\"a-gzip\"", false),
    ])
    func ifNoneMatchIsComparedWeakly(header: String, matches: Bool) {
        #expect(StaticAnswer.matches([header], etag: "\"a\"") == matches, "\(header)")
    }
}
