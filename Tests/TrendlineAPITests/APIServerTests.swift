import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Testing
@testable import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// The API's HTTP server itself (``HTTPServerBuilder/trendlineAPI``) over real sockets: its
/// connections queue large answers without backpressure, and video details sent as reused
/// buffers arrive whole, each with its own request id.
struct APIServerTests {
    /// A context that can see its connection.
    struct ChannelContext: RequestContext {
        var coreContext: CoreRequestContextStorage
        let channel: any Channel
        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            channel = source.channel
        }
    }

    /// On the live server, a connection that sends nothing is closed once the timeout has
    /// passed. (That one at work is not is shown on the event loop's own clock, in
    /// IdleConnectionCloserTests: timed on this machine's, under the whole suite on two cores, a
    /// test's 50 ms pause took over 4 s and the closer was right to close.)
    @Test func anIdleConnectionIsClosedAfterTheTimeout() async throws {
        let router = Router()
        router.get("ping") { _, _ in "pong" }
        try await Application(router: router, server: .trendlineAPI(answering: nil, idleTimeout: .seconds(2))).test(.live) { client in
            let idle = try LoopbackSocket(port: try #require(client.port))
            try await Task.sleep(for: .seconds(3))
            #expect(try await idle.receive() == "", "the server closed the idle connection")
        }
    }

    /// The clock stops while a request is in progress: an answer that takes longer than the
    /// idle timeout still arrives (a byte-counting idle handler cut it).
    @Test func aRequestLongerThanTheIdleTimeoutIsAnswered() async throws {
        let router = Router()
        router.get("slow") { _, _ in
            try await Task.sleep(for: .seconds(2))
            return "done"
        }
        try await Application(router: router, server: .trendlineAPI(answering: nil, idleTimeout: .seconds(1))).test(.live) { client in
            let socket = try LoopbackSocket(port: try #require(client.port))
            try socket.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let answer = try await socket.receive(until: "done")
            #expect(answer.hasPrefix("HTTP/1.1 200") && answer.hasSuffix("done"), "\(answer)")
        }
    }

    @Test func connectionsQueueUpTo256KBBeforeBackpressure() async throws {
        let router = Router(context: ChannelContext.self)
        router.get("mark") { _, context in
            let mark = try await context.channel.getOption(ChannelOptions.writeBufferWaterMark).get()
            return "\(mark.low) \(mark.high)"
        }
        try await Application(router: router, server: .trendlineAPI).test(.live) { client in
            let text = try await client.execute(uri: "/mark", method: .get) { String(buffer: $0.body) }
            #expect(text == "\(64 << 10) \(256 << 10)", "NIO's default is 32 KB / 64 KB")
        }
    }

    @Test func detailsArriveWholeWithTheirOwnRequestIDs() async throws {
        var app = try await TestApp.make()
        app.dependencies.plans = try PlanCatalog(plans: [Plan(name: "busy", requestsPerMinute: 10_000, urlsPerMinute: 10_000)], defaultPlanName: "busy")
        let store = app.store
        let key = app.key
        let application = Application(router: buildResponder(app.dependencies), server: .trendlineAPI)
        try await application.test(.live) { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ","duration_days":30}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let item = try #require(try await store.trackedVideo(id: UUID(uuidString: id)!, accountID: try await store.account(named: "acme")!.id))
            let start = item.tracking.window.start
            let hours = 720
            let records = (0..<hours).map { hour in
                SnapshotRecord(
                    snapshot: Snapshot(videoID: item.video.id, takenAt: start.addingTimeInterval(Double(hour) * 3600 + 1), counts: Counts(views: Int64(1_000 + hour)), provider: "youtube-data-api"),
                    metadata: VideoMetadata())
            }
            _ = try await store.recordSnapshots(records, at: start.addingTimeInterval(Double(hours) * 3600))
            // More answers than buffers are kept, so kept ones are rewritten for later requests.
            for round in 0..<80 {
                let requestID = "round-\(round)-" + String(repeating: "x", count: round)
                let detail = try await client.call(.get, "/v1/videos/\(id)", key: key, headers: [HTTPField.Name("X-Request-Id")!: requestID])
                #expect(detail.status == .ok)
                #expect(detail.meta["request_id"] as? String == requestID)
                #expect(detail.headers[SplicedBodies.marker] == nil, "the handler takes its marker off")
                let snapshots = try #require(detail.dataObject["snapshots"] as? [[String: Any]])
                #expect(snapshots.count == hours)
                #expect(snapshots.last?["views"] as? Int == 1_000 + hours - 1)
            }
            #expect(SplicedBodies.shared.mostSplicedOnOneConnection >= 80, "the details above went out spliced")
            // A HEAD of the detail and an answer replaced by an error leave nothing that a later
            // detail on the connection would be sent with.
            _ = try await client.execute(uri: "/v1/videos/\(id)", method: .head, headers: [.authorization: "Bearer \(key)"]) { $0.status }
            let detail = try await client.call(.get, "/v1/videos/\(id)", key: key)
            #expect((detail.dataObject["snapshots"] as? [[String: Any]])?.count == hours)
            #expect(detail.dataObject["id"] as? String == id)
        }
    }
}

/// Spliced details on many connections at once: each connection's answers get their own
/// prefix and their own request id, whole.
struct SplicedDetailsOnManyConnectionsTests {
    @Test func concurrentConnectionsEachGetWholeDetails() async throws {
        var app = try await TestApp.make()
        app.dependencies.plans = try PlanCatalog(plans: [Plan(name: "busy", requestsPerMinute: 10_000, urlsPerMinute: 10_000)], defaultPlanName: "busy")
        let key = app.key
        let other = try await app.otherKey()
        let application = Application(router: buildResponder(app.dependencies), server: .trendlineAPI)
        try await application.test(.live) { client in
            // Two accounts tracking two videos: two different prefixes in flight.
            var ids: [String] = []
            for (owner, url) in [(key, "https://youtu.be/dQw4w9WgXcQ"), (other, "https://youtu.be/9bZkp7q19f0")] {
                let tracked = try await client.call(.post, "/v1/videos/track", key: owner, json: #"{"url":"\#(url)"}"#)
                ids.append(try #require(tracked.results.first?["video_id"] as? String))
            }
            let port = try #require(client.port)
            let videoIDs = ids
            try await withThrowingTaskGroup(of: Void.self) { group in
                for connection in 0..<8 {
                    group.addTask {
                        let tester = TestClient(host: "localhost", port: port)
                        tester.connect()
                        for request in 0..<10 {
                            let which = (connection + request) % 2
                            let requestID = "c\(connection)-r\(request)"
                            let response = try await tester.execute(.init(
                                "/v1/videos/\(videoIDs[which])", method: .get,
                                headers: [.authorization: "Bearer \(which == 0 ? key : other)", HTTPField.Name("X-Request-Id")!: requestID]))
                            #expect(response.status == .ok)
                            let body = try #require(response.body)
                            #expect(response.head.headerFields[.contentLength] == String(body.readableBytes))
                            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
                            #expect((json["meta"] as? [String: Any])?["request_id"] as? String == requestID)
                            #expect((json["data"] as? [String: Any])?["id"] as? String == videoIDs[which])
                        }
                        try await tester.shutdown()
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}

/// A connection's waiting prefixes are matched to its answers by number.
struct SplicedPrefixesTests {
    static func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func eachAnswerGetsItsOwnPrefixAndLeftOnesAreDropped() {
        let prefixes = SplicedPrefixes()
        let first = prefixes.push(Self.buffer("a"))
        let second = prefixes.push(Self.buffer("b"))
        let third = prefixes.push(Self.buffer("c"))
        #expect(prefixes.take(first) == Self.buffer("a"))
        // The second answer was replaced by an error and never sent: the third drops it.
        #expect(prefixes.take(third) == Self.buffer("c"))
        #expect(prefixes.waitingCount == 0)
        #expect(prefixes.take(second) == nil, "a number already passed is not there")
        let fourth = prefixes.push(Self.buffer("d"))
        #expect(prefixes.take(fourth + 1) == nil, "a number never pushed is not there")
        #expect(prefixes.waitingCount == 0, "and what waited before it is dropped")
    }
}
