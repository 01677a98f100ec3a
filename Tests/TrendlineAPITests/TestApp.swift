import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrendlineAPI
import TrendlineCore
import TrendlineSQLite
import TrendlineTestSupport

/// A router on a fresh SQLite store with one account ("acme") and its key.
struct TestApp {
    let store: SQLiteRepository
    var dependencies: APIDependencies
    let key: String

    static func make(
        resolver: any ShortLinkResolver = UnconfiguredShortLinkResolver(), configuration: APIConfiguration = .init(),
        liveStats: any LiveStats = NoLiveStats(), clock: WallClock = .system
    ) async throws -> TestApp {
        let directory = try ScratchDirectory.make("api")
        let store = try SQLiteRepository(path: directory.appendingPathComponent("test.sqlite").path)
        _ = try await AccountService(repository: store).create(name: "acme")
        let key = try await APIKeyService(repository: store).createKey(accountName: "acme").secret
        return TestApp(store: store, dependencies: APIDependencies(repository: store, resolver: resolver, clock: clock, configuration: configuration, liveStats: liveStats), key: key)
    }

    /// A second account's key.
    func otherKey(account: String = "other") async throws -> String {
        _ = try await AccountService(repository: store).create(name: account)
        return try await APIKeyService(repository: store).createKey(accountName: account).secret
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: buildResponder(dependencies))
        try await app.test(.router) { client in try await body(client) }
    }
}

/// A decoded JSON response.
struct JSONResponse: @unchecked Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: [String: Any]

    var ok: Bool? { json["ok"] as? Bool }
    var data: Any? { json["data"] }
    var dataObject: [String: Any] { (json["data"] as? [String: Any]) ?? [:] }
    var dataArray: [[String: Any]] { (json["data"] as? [[String: Any]]) ?? [] }
    var meta: [String: Any] { (json["meta"] as? [String: Any]) ?? [:] }
    var error: [String: Any] { (json["error"] as? [String: Any]) ?? [:] }
    var errorCode: String? { error["code"] as? String }
    var errorField: String? { error["field"] as? String }
    var results: [[String: Any]] { (dataObject["results"] as? [[String: Any]]) ?? [] }
}

extension TestClientProtocol {
    /// Sends a request with the key (unless `key` is nil) and decodes the JSON answer.
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String?, json body: String? = nil, headers extra: HTTPFields = [:]) async throws -> JSONResponse {
        try await call(method, uri, key: key, bytes: body.map { ByteBuffer(string: $0) }, headers: extra)
    }

    /// The same with the body's bytes as they are sent (compressed, say).
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String?, bytes body: ByteBuffer?, headers extra: HTTPFields = [:]) async throws -> JSONResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            let bytes = Data(response.body.readableBytesView)
            let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any]
            return JSONResponse(status: response.status, headers: response.headers, json: object ?? [:])
        }
    }
}

/// Checks the error envelope and that its request id is the response's X-Request-Id.
func expectError(_ response: JSONResponse, _ status: HTTPResponse.Status, _ code: String, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == status, "body: \(response.json)", sourceLocation: sourceLocation)
    #expect(response.ok == false, sourceLocation: sourceLocation)
    #expect(response.errorCode == code, "error: \(response.error)", sourceLocation: sourceLocation)
    #expect((response.error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(response.error.keys.contains("field"), "field is always present (null when none)", sourceLocation: sourceLocation)
    if let field { #expect(response.errorField == field, sourceLocation: sourceLocation) }
    let requestID = response.headers[HTTPField.Name("X-Request-Id")!]
    #expect(requestID != nil, sourceLocation: sourceLocation)
    #expect(response.error["request_id"] as? String == requestID, sourceLocation: sourceLocation)
}

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
    var wallClock: WallClock { WallClock { [self] in now } }
}
