import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Prometheus
import Synchronization
import Testing
@testable import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineSQLite
import TrendlineStore

/// Video details answered on the event loop (``ImmediateDetailAnswers``): the same answers
/// the router gives, only once everything is remembered, and never past a change the router
/// would see.
struct ImmediateDetailAnswersTests {
    /// A live API server with immediate answers, a tracked video with history, and its id.
    struct Setup {
        var app: TestApp
        let answers: ImmediateDetailAnswers

        static func make(requestsPerMinute: Int = 10_000, metrics: PrometheusCollectorRegistry? = nil) async throws -> Setup {
            var app = try await TestApp.make()
            app.dependencies.plans = try PlanCatalog(
                plans: [Plan(name: "busy", requestsPerMinute: requestsPerMinute, urlsPerMinute: 10_000)], defaultPlanName: "busy")
            app.dependencies.metrics = metrics
            let answers = try #require(ImmediateDetailAnswers(dependencies: app.dependencies, serverName: "trendline"))
            return Setup(app: app, answers: answers)
        }

        /// The API's application, on the server that answers immediately.
        var application: some ApplicationProtocol {
            Application(router: buildResponder(app.dependencies), server: .trendlineAPI(answering: answers), configuration: .init(serverName: "trendline"))
        }

        /// A tracked video read once through the router, which remembers what the next read of
        /// it needs.
        func rememberedVideo(_ client: some TestClientProtocol) async throws -> String {
            let id = try await trackedVideo(client)
            _ = try await ImmediateDetailAnswersTests.get(client, "/v1/videos/\(id)", key: app.key)
            return id
        }

        /// Tracks a video and gives it a day of hourly snapshots.
        func trackedVideo(_ client: some TestClientProtocol) async throws -> String {
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ","duration_days":30}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let account = try #require(try await app.store.account(named: "acme"))
            let item = try #require(try await app.store.trackedVideo(id: UUID(uuidString: id)!, accountID: account.id))
            let start = item.tracking.window.start
            let records = (0..<24).map { hour in
                SnapshotRecord(
                    snapshot: Snapshot(videoID: item.video.id, takenAt: start.addingTimeInterval(Double(hour) * 3600 + 1), counts: Counts(views: Int64(100 + hour)), provider: "youtube-data-api"),
                    metadata: VideoMetadata())
            }
            _ = try await app.store.recordSnapshots(records, at: start.addingTimeInterval(24 * 3600))
            return id
        }
    }

    struct Answered {
        let status: HTTPResponse.Status
        let fields: HTTPFields
        let body: String
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, key: String, requestID: String = "same-id") async throws -> Answered {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(key)", HTTPField.Name("X-Request-Id")!: requestID]) {
            Answered(status: $0.status, fields: $0.headers, body: String(buffer: $0.body))
        }
    }

    @Test func aRepeatedDetailIsAnsweredImmediatelyAsTheRouterAnswersIt() async throws {
        let registry = PrometheusCollectorRegistry()
        // 10 a minute: a token comes back every 6 s, so the two requests' figures differ by one.
        let setup = try await Setup.make(requestsPerMinute: 10, metrics: registry)
        let key = setup.app.key
        try await setup.application.test(.live) { client in
            let id = try await setup.trackedVideo(client)
            let routed = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(setup.answers.answeredCount == 0, "nothing was remembered yet: the router answered")
            let immediate = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(setup.answers.answeredCount == 1)
            #expect(routed.status == .ok && immediate.status == .ok)
            #expect(immediate.body == routed.body, "the same bytes, request id included")
            #expect(immediate.fields.map(\.name) == routed.fields.map(\.name), "the same headers in the same order")
            for field in routed.fields where ![.date, .xRateLimitRemaining, .xRateLimitReset].contains(field.name) {
                #expect(immediate.fields[field.name] == field.value, "\(field.name)")
            }
            #expect(Int(immediate.fields[.xRateLimitRemaining] ?? "") == Int(routed.fields[.xRateLimitRemaining] ?? "")! - 1, "one more token taken")
            #expect(Int(immediate.fields[.xRateLimitReset] ?? "")! > Int(routed.fields[.xRateLimitReset] ?? "")!, "so longer until full")
            let date = try #require(immediate.fields[.date])
            // The current second, give or take what a suite on two cores can stall a test for.
            let sent = try #require(Self.httpDateFormatter.date(from: date), "\(date)")
            #expect(abs(sent.timeIntervalSinceNow) < 10 && HTTPDateText.text(epochSecond: Int64(sent.timeIntervalSince1970)) == date, "\(date)")
            let routedDate = try #require(routed.fields[.date])
            let seconds = try #require(Self.httpDateFormatter.date(from: routedDate)).timeIntervalSince1970
            #expect(HTTPDateText.text(epochSecond: Int64(seconds)) == routedDate, "the same format as Hummingbird's")
            // Counted as the router counts it, under the route's own name.
            var page: [UInt8] = []
            registry.emit(into: &page)
            let line = String(decoding: page, as: UTF8.self).split(separator: "\n")
                .first { $0.hasPrefix("hb_requests{") && $0.contains(#"http_route="/v1/videos/{id}""#) && $0.contains(#"status_code="200""#) }
            #expect(line?.split(separator: " ").last == "2", "\(line ?? "no line")")
        }
    }

    @Test func theServedApplicationAnswersImmediatelyWithTheRoutersHeaders() async throws {
        let setup = try await Setup.make()
        let key = setup.app.key
        let application = buildApplication(setup.app.dependencies, host: "127.0.0.1", port: 0, logger: Logger(label: "test"), immediate: setup.answers)
        try await application.test(.live) { client in
            let id = try await setup.trackedVideo(client)
            let routed = try await Self.get(client, "/v1/videos/\(id)", key: key)
            let immediate = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(setup.answers.answeredCount == 1)
            #expect(immediate.body == routed.body)
            #expect(immediate.fields.map(\.name) == routed.fields.map(\.name))
            #expect(routed.fields[.server] == "trendline" && immediate.fields[.server] == routed.fields[.server])
        }
    }

    @Test func whatTheRouterMustDecideGoesToTheRouter() async throws {
        let setup = try await Setup.make()
        let key = setup.app.key
        try await setup.application.test(.live) { client in
            let id = try await setup.rememberedVideo(client)
            _ = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(setup.answers.answeredCount == 1)
            // A query, an alias, an unknown id, a malformed key: the router's answers.
            #expect(try await Self.get(client, "/v1/videos/\(id)?fields=all", key: key).status == .ok)
            #expect(try await Self.get(client, "/api/v1/videos/\(id)", key: key).status == .ok)
            #expect(try await Self.get(client, "/v1/videos/\(UUID().uuidString.lowercased())", key: key).status == .notFound)
            #expect(try await Self.get(client, "/v1/videos/\(id)", key: "tl_wrong").status == .unauthorized)
            #expect(setup.answers.answeredCount == 1)
            // A write to the store (here: the video stopped) is seen at once.
            let stopped = try await client.call(.post, "/v1/videos/\(id)/stop", key: key)
            #expect(stopped.status == .ok)
            let after = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(after.body.contains(#""status":"stopped""#), "\(after.body.prefix(300))")
            #expect(setup.answers.answeredCount == 1, "the stop changed the store: the router read it again")
            _ = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(setup.answers.answeredCount == 2, "then remembered again")
        }
    }

    @Test func aNewSnapshotShowsInTheVeryNextAnswer() async throws {
        let setup = try await Setup.make()
        let key = setup.app.key
        let store = setup.app.store
        try await setup.application.test(.live) { client in
            let id = try await setup.trackedVideo(client)
            let account = try #require(try await store.account(named: "acme"))
            let item = try #require(try await store.trackedVideo(id: UUID(uuidString: id)!, accountID: account.id))
            let start = item.tracking.window.start.addingTimeInterval(24 * 3600)
            for step in 1...5 {
                let taken = start.addingTimeInterval(Double(step) * 3600)
                let snapshot = Snapshot(videoID: item.video.id, takenAt: taken, counts: Counts(views: Int64(1_000 * step)), provider: "youtube-data-api")
                _ = try await store.recordSnapshots([SnapshotRecord(snapshot: snapshot, metadata: VideoMetadata())], at: taken)
                let answeredBefore = setup.answers.answeredCount
                for _ in 0..<2 {
                    let answer = try await Self.get(client, "/v1/videos/\(id)", key: key)
                    #expect(answer.body.contains(#""views":\#(1_000 * step)}],"#), "step \(step): the newest snapshot last")
                }
                #expect(setup.answers.answeredCount == answeredBefore + 1, "the first read after the write is the router's, the second is answered at once")
            }
        }
    }

    @Test func aRevokedKeyIsRefusedAtOnce() async throws {
        let setup = try await Setup.make()
        let key = setup.app.key
        try await setup.application.test(.live) { client in
            let id = try await setup.rememberedVideo(client)
            _ = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(setup.answers.answeredCount == 1)
            // Revoked from another process's connection to the same file, as `trendline keys revoke` does.
            let other = try SQLiteRepository(path: setup.app.store.path)
            let keyID = try #require(try await other.listKeys(accountID: nil).first?.id)
            _ = try await other.revokeKey(idOrPrefix: keyID.uuidString.lowercased(), at: Date())
            let refused = try await Self.get(client, "/v1/videos/\(id)", key: key)
            #expect(refused.status == .unauthorized)
            #expect(setup.answers.answeredCount == 1)
        }
    }

    @Test func theRateLimitHoldsAndIsChargedOncePerRequest() async throws {
        let setup = try await Setup.make(requestsPerMinute: 4)
        let key = setup.app.key
        try await setup.application.test(.live) { client in
            let id = try await setup.trackedVideo(client) // 1 request
            var remaining: [String] = []
            for _ in 0..<3 {
                let answered = try await Self.get(client, "/v1/videos/\(id)", key: key)
                #expect(answered.status == .ok)
                remaining.append(answered.fields[.xRateLimitRemaining] ?? "")
            }
            #expect(remaining == ["2", "1", "0"], "each request one token, routed or not")
            #expect(setup.answers.answeredCount == 2)
            let refused = try await client.call(.get, "/v1/videos/\(id)", key: key)
            expectError(refused, .tooManyRequests, "RATE_LIMIT_EXCEEDED")
            #expect(setup.answers.answeredCount == 2)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInTheirOrder() async throws {
        let setup = try await Setup.make()
        let key = setup.app.key
        try await setup.application.test(.live) { client in
            let id = try await setup.rememberedVideo(client)
            let before = setup.answers.answeredCount
            let port = try #require(client.port)
            // The detail (answered at once), a listing (routed), and two details behind it: these
            // wait for the router while the listing is unanswered, when they arrive together.
            let paths = ["/v1/videos/\(id)", "/v1/videos", "/v1/videos/\(id)", "/v1/videos/\(id)"]
            let requests = paths.enumerated().map { index, path in
                "GET \(path) HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(key)\r\nX-Request-Id: pipelined-\(index)\r\n\r\n"
            }.joined()
            let answers = try await RawHTTP.exchange(port: port, requests, answers: paths.count)
            #expect(answers.map(\.requestID) == (0..<paths.count).map { "pipelined-\($0)" })
            #expect(answers.allSatisfy { $0.status == 200 })
            for detail in [2, 3] {
                #expect(answers[detail].body == answers[0].body.replacingOccurrences(of: "pipelined-0", with: "pipelined-\(detail)"))
            }
            #expect(answers[0].body.contains(#""snapshots":["#) && !answers[1].body.contains(#""snapshots":["#))
            #expect(setup.answers.answeredCount > before, "the first at least")
        }
    }

    static var httpDateFormatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    @Test func aClientThatDoesNotReadIsHeldToTheWriteBuffer() async throws {
        let setup = try await Setup.make()
        let key = setup.app.key
        try await setup.application.test(.live) { client in
            let id = try await setup.rememberedVideo(client)
            let before = setup.answers.answeredCount
            let port = try #require(client.port)
            // About 25 MB of answers asked for at once (more than the sockets' buffers hold), read
            // only once the server has stopped answering at once for a second: it is then
            // waiting for the client.
            let count = 5_000
            let requests = (0..<count).map { "GET /v1/videos/\(id) HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(key)\r\nX-Request-Id: r\($0)\r\n\r\n" }.joined()
            let answers = try await RawHTTP.exchange(port: port, requests, answers: count, readingWhen: Self.stillFor(seconds: 1) { setup.answers.answeredCount })
            #expect(answers.map(\.requestID) == (0..<count).map { "r\($0)" }, "every answer, in order")
            #expect(answers.allSatisfy { $0.status == 200 && $0.body.contains(#""snapshots":["#) })
            let immediate = setup.answers.answeredCount - before
            #expect(immediate > 0)
            #expect(immediate < count, "while the writes were backed up, the router answered (and waited for the client)")
        }
    }

    /// True once `value` has not changed for `seconds` (asked every 50 ms).
    static func stillFor(seconds: TimeInterval, _ value: @escaping @Sendable () -> Int) -> @Sendable () -> Bool {
        let seen = Mutex<(value: Int, since: Date)?>(nil)
        return {
            let now = value()
            return seen.withLock { seen in
                guard let last = seen, last.value == now else {
                    seen = (now, Date())
                    return false
                }
                return Date().timeIntervalSince(last.since) >= seconds
            }
        }
    }

    @Test func httpDatesMatchFoundationsFormatting() {
        let formatter = Self.httpDateFormatter
        for second: Int64 in [0, 784_111_777, 951_782_400, 1_709_164_800, 1_796_342_399, 4_102_444_800, -1, -86_401, -2_208_988_800] {
            #expect(HTTPDateText.text(epochSecond: second) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(second))), "\(second)")
        }
        #expect(HTTPDateText.text(epochSecond: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT", "RFC 9110's example")
    }
}

/// Requests written as bytes on one connection, answers read back in order.
enum RawHTTP {
    struct Answer {
        let status: Int
        let requestID: String?
        let body: String
    }

    /// On threads of its own: blocking reads on Swift's pool would starve the servers under
    /// test, whose handlers run there too.
    /// Reading starts when `ready` says so (asked every 50 ms, for at most 30 s).
    static func exchange(port: Int, _ requests: String, answers count: Int, readingWhen ready: @escaping @Sendable () -> Bool = { true }) async throws -> [Answer] {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try blockingExchange(port: port, requests, answers: count, readingWhen: ready) })
            }.start()
        }
    }

    private static func blockingExchange(port: Int, _ requests: String, answers count: Int, readingWhen ready: () -> Bool) throws -> [Answer] {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw RawHTTPError.failed("socket") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawHTTPError.failed("connect") }
        let bytes = Array(requests.utf8)
        // Sent from a thread of its own: the server stops reading while its answers wait, and
        // the answers are read here meanwhile.
        let sender = Thread {
            var sent = 0
            while sent < bytes.count {
                let written = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard written > 0 else { return }
                sent += written
            }
        }
        sender.start()
        let giveUp = Date().addingTimeInterval(30)
        while !ready(), Date() < giveUp { Thread.sleep(forTimeInterval: 0.05) }
        var received: [UInt8] = []
        var answers: [Answer] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while answers.count < count {
            if let (answer, used) = parse(received) {
                answers.append(answer)
                received.removeFirst(used)
                continue
            }
            let read = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard read > 0 else { throw RawHTTPError.failed("connection ended after \(answers.count) answers") }
            received.append(contentsOf: chunk[0..<read])
        }
        return answers
    }

    /// One whole answer with a Content-Length at the start of `bytes`, and the bytes it took.
    static func parse(_ bytes: [UInt8]) -> (Answer, Int)? {
        let end = Array("\r\n\r\n".utf8)
        guard let headEnd = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == end }) else { return nil }
        let lines = String(decoding: bytes[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        func field(_ name: String) -> String? {
            lines.dropFirst().first { $0.lowercased().hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        let length = Int(field("content-length") ?? "0") ?? 0
        guard bytes.count >= headEnd + 4 + length else { return nil }
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let body = String(decoding: bytes[(headEnd + 4)..<(headEnd + 4 + length)], as: UTF8.self)
        return (Answer(status: status, requestID: field("x-request-id"), body: body), headEnd + 4 + length)
    }

    enum RawHTTPError: Error {
        case failed(String)
    }
}
