import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import TrendlineAPI
import TrendlineCore
import TrendlineDomain
import TrendlineSimulator
import TrendlineStore

/// The REST API under load: GET /v1/videos/{id} with 720 snapshots against a bare Hummingbird
/// route in the same binary, and POST /v1/videos/track with 50 canonical URLs.
struct APIBench {
    let simulatorBase: String
    let clock: BenchClock
    let runs: Int
    var seconds = 5

    /// A plan without request limits: the limiter still runs on every request, it never refuses.
    static let plan = Plan(name: "bench", requestsPerMinute: 1_000_000_000, urlsPerMinute: 1_000_000_000)

    func run() async throws -> [Figure] {
        let start = Date().addingTimeInterval(-30 * 86_400)
        clock.set(start, speed: 1)
        let world = try BenchWorld.open(simulatorBase: simulatorBase, clock: clock, name: "api")
        defer { Task { await world.close() } }
        let account = try await world.repository.createAccount(name: "bench", at: clock.now)
        let key = try await APIKeyService(repository: world.repository, clock: clock.wallClock).createKey(accountID: account.id, name: "bench")
        let tracked = try await world.track([BenchIDs.youtube(1, space: 3)], accountID: account.id)[0]
        progress("api: writing 720 hourly snapshots")
        for hour in 0..<720 {
            let at = start.addingTimeInterval(Double(hour) * 3600 + 1)
            let views = Int64(1_000 + hour * 137)
            let snapshot = Snapshot(
                videoID: tracked.video.id, takenAt: at,
                counts: Counts(views: views, likes: views / 20, comments: views / 400, shares: views / 900, saves: views / 700),
                provider: "youtube-data-api")
            try await world.repository.recordSnapshot(snapshot, metadata: VideoMetadata(title: "Bench video", author: "bench"), at: at)
        }
        clock.set(start.addingTimeInterval(720 * 3600 - 60), speed: 1)

        var dependencies = APIDependencies(repository: world.repository, clock: clock.wallClock)
        dependencies.plans = try PlanCatalog(plans: [Self.plan], defaultPlanName: Self.plan.name)
        let routes = dependencies
        var logger = Logger(label: "trendline.bench.api")
        // Servers stopped by cancellation log their shutdown as errors; that is the bench's doing.
        logger.logLevel = .critical
        let quiet = logger
        let path = "/v1/videos/\(UUIDText.lowercase(tracked.tracking.id))"
        let load = LoadGenerator(connections: 64, seconds: seconds, headers: [("X-API-Key", key.secret)])
        // The detail's own bytes, served by a bare route too: what moving that payload costs.
        let detailBody = try await withServerOnFreePort({ onRunning in
            Application(
                router: buildResponder(routes), server: .trendlineAPI(answering: ImmediateDetailAnswers(dependencies: routes, serverName: "trendline")), configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "trendline"),
                onServerRunning: { onRunning($0.localAddress?.port ?? 0) }, logger: quiet)
        }) { port in try await Self.checkDetail("http://127.0.0.1:\(port)" + path, key: key.secret, expecting: 720) }
        // Counts the details answered on the event loop, without the router (ImmediateDetailAnswers).
        let immediate = ImmediateDetailAnswers(dependencies: routes, serverName: "trendline")
        let measured: (get: [LoadResult], bare: [LoadResult], payload: [LoadResult], track: [Double], immediate: Int) = try await withServerOnFreePort({ onRunning in
            Application(
                router: buildResponder(routes), server: .trendlineAPI(answering: immediate), configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "trendline"),
                onServerRunning: { onRunning($0.localAddress?.port ?? 0) }, logger: quiet)
        }) { apiPort in
            try await withServerOnFreePort({ onRunning in
                // Hummingbird as it comes: the issue's reference.
                let router = Router()
                router.get("bare") { _, _ in Response(status: .ok) }
                return Application(
                    router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "trendline"),
                    onServerRunning: { onRunning($0.localAddress?.port ?? 0) }, logger: quiet)
            }) { barePort in
                try await withServerOnFreePort({ onRunning in
                    // The detail's bytes from a route doing nothing, on the server the API runs on.
                    let router = Router()
                    router.get("bare-payload") { _, _ in
                        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: detailBody))
                    }
                    return Application(
                        router: router, server: .trendlineAPI, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "trendline"),
                        onServerRunning: { onRunning($0.localAddress?.port ?? 0) }, logger: quiet)
                }) { payloadPort in
                    let base = "http://127.0.0.1:\(apiPort)"
                    try await Self.checkDetail(base + path, key: key.secret, expecting: 720)
                    var gets: [LoadResult] = []
                    var bares: [LoadResult] = []
                    var payloads: [LoadResult] = []
                    var answeredImmediately = 0
                    for run in 0..<runs {
                        progress("api run \(run): loading the 95 KB route")
                        payloads.append(try await load.run("http://127.0.0.1:\(payloadPort)/bare-payload"))
                        let bare = try await load.run("http://127.0.0.1:\(barePort)/bare")
                        progress("api run \(run): loading GET \(path)")
                        let before = immediate?.answeredCount ?? 0
                        let get = try await load.run(base + path)
                        answeredImmediately += (immediate?.answeredCount ?? 0) - before
                        progress("api run \(run): GET video \(Int(get.requestsPerSecond)) req/s p99 \(Figures.ms(get.p99)); bare \(Int(bare.requestsPerSecond)) req/s")
                        bares.append(bare)
                        gets.append(get)
                    }
                    let track = try await Self.trackLatencies(base, key: key.secret, runs: runs)
                    return (gets, bares, payloads, track, answeredImmediately)
                }
            }
        }
        let getRate = Statistics.median(measured.get.map(\.requestsPerSecond))
        let bareRate = Statistics.median(measured.bare.map(\.requestsPerSecond))
        let p50 = Statistics.median(measured.get.map(\.p50))
        let p99 = Statistics.median(measured.get.map(\.p99))
        let failures = measured.get.map(\.failures).reduce(0, +)
        let ratio = getRate / bareRate
        let payloadRate = Statistics.median(measured.payload.map(\.requestsPerSecond))
        let trackP50 = Statistics.median(measured.track)
        let getAnswers = measured.get.map(\.requests).reduce(0, +)
        return [
            Figure(
                measure: "GET /v1/videos/{id} with 720 snapshots, 64 connections (\(measured.get.first?.tool ?? "")); failed answers: \(failures); "
                    + "answers written on the event loop without the router: \(Figures.number(Double(measured.immediate))), "
                    + "answers wrk counted: \(Figures.number(Double(getAnswers))) (it stops with up to 64 in flight)",
                value: "\(Figures.number(getRate)) req/s, p50 \(Figures.ms(p50)), p99 \(Figures.ms(p99))",
                reference: "bare Hummingbird route (fixed 200): \(Figures.number(bareRate)) req/s, p99 \(Figures.ms(Statistics.median(measured.bare.map(\.p99)))); ratio \(Figures.ratio(ratio)). Bare route on the API's server sending the same \(detailBody.readableBytes / 1024) KB body: \(Figures.number(payloadRate)) req/s, p99 \(Figures.ms(Statistics.median(measured.payload.map(\.p99)))); ratio \(Figures.ratio(getRate / payloadRate))",
                target: ">= 0.50× bare; p99 < 10 ms", met: ratio >= 0.5 && p99 < 0.010 && failures == 0),
            Figure(
                measure: "POST /v1/videos/track with 50 canonical URLs (new videos each time), one client",
                value: "p50 \(Figures.ms(trackP50))", reference: "-", target: "p50 < 20 ms", met: trackP50 < 0.020),
        ]
    }

    /// Fails unless the detail answers 200 with `expecting` snapshots; returns its body.
    @discardableResult
    static func checkDetail(_ url: String, key: String, expecting: Int) async throws -> ByteBuffer {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "X-API-Key", value: key)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        struct Detail: Decodable {
            struct Data: Decodable { let snapshots: [Snapshot] }
            struct Snapshot: Decodable { let views: Int64? }
            let data: Data
        }
        guard response.status == .ok, let detail = try? JSONDecoder().decode(Detail.self, from: body), detail.data.snapshots.count == expecting else {
            throw BenchError("GET \(url) answered \(response.status) without \(expecting) snapshots: \(String(buffer: body).prefix(300))")
        }
        return body
    }

    /// Per run, the median latency of 40 track calls of 50 new canonical YouTube URLs each.
    static func trackLatencies(_ base: String, key: String, runs: Int) async throws -> [Double] {
        var medians: [Double] = []
        var next = 0
        for _ in 0..<runs {
            var latencies: [Double] = []
            for _ in 0..<40 {
                let urls = (next..<next + 50).map { BenchIDs.youtube($0, space: 5).canonicalURL }
                next += 50
                var request = HTTPClientRequest(url: base + "/v1/videos/track")
                request.method = .POST
                request.headers.add(name: "X-API-Key", value: key)
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(["urls": urls])))
                let start = ContinuousClock.now
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 16 << 20)
                latencies.append((ContinuousClock.now - start).seconds)
                guard (200..<300).contains(Int(response.status.code)), String(buffer: body).contains("\"tracked\":50") else {
                    throw BenchError("POST /v1/videos/track answered \(response.status): \(String(buffer: body).prefix(300))")
                }
            }
            medians.append(Statistics.median(latencies))
        }
        return medians
    }
}
