import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// What a load run measured.
struct LoadResult: Sendable {
    var requestsPerSecond: Double
    var p50: Double
    var p99: Double
    var failures: Int
    var tool: String
    /// Answers received in the run.
    var requests: Int
}

/// Keeps `connections` requests in flight against one URL for a while and reports throughput and
/// latency. Uses wrk (Debian's package) when it is on PATH, a separate process as a real client
/// would be; otherwise an in-process AsyncHTTPClient generator.
struct LoadGenerator {
    var connections = 64
    var seconds = 5
    var headers: [(String, String)] = []

    func run(_ url: String) async throws -> LoadResult {
        if let wrk = Shell.which("wrk") {
            return try runWrk(wrk, url)
        }
        return try await runInProcess(url)
    }

    func runWrk(_ wrk: String, _ url: String) throws -> LoadResult {
        var arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency"]
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        arguments.append(url)
        let output = try Shell.run(wrk, arguments)
        func latency(_ label: String) -> Double {
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2, parts[0] == label { return Self.seconds(String(parts[1])) }
            }
            return .nan
        }
        var rate = 0.0
        var failures = 0
        var requests = 0
        for line in output.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            // "152345 requests in 5.00s, 13.80GB read"
            if text.contains(" requests in "), let count = Int(text.split(separator: " ").first ?? "") { requests = count }
            if text.hasPrefix("Requests/sec:") { rate = Double(text.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if text.hasPrefix("Non-2xx or 3xx responses:") { failures += Int(text.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) ?? 0 }
            if text.hasPrefix("Socket errors:") { failures += text.split(separator: ",").compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +) }
        }
        return LoadResult(requestsPerSecond: rate, p50: latency("50%"), p99: latency("99%"), failures: failures, tool: "wrk -t2 -c\(connections) -d\(seconds)s", requests: requests)
    }

    /// "612.00us", "2.05ms", "1.10s" in seconds.
    static func seconds(_ text: String) -> Double {
        for (suffix, scale) in [("us", 1e-6), ("ms", 1e-3), ("s", 1.0)] where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? .nan) * scale
        }
        return .nan
    }

    func runInProcess(_ url: String) async throws -> LoadResult {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let deadline = ContinuousClock.now + .seconds(seconds)
        let headers = self.headers
        let samples = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for _ in 0..<connections {
                group.addTask {
                    var latencies: [Double] = []
                    var failures = 0
                    while ContinuousClock.now < deadline {
                        var request = HTTPClientRequest(url: url)
                        for (name, value) in headers { request.headers.add(name: name, value: value) }
                        let start = ContinuousClock.now
                        let response = try await client.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 64 << 20)
                        latencies.append((ContinuousClock.now - start).seconds)
                        if response.status.code >= 300 { failures += 1 }
                    }
                    return (latencies, failures)
                }
            }
            var all: [Double] = []
            var failures = 0
            for try await (latencies, failed) in group {
                all += latencies
                failures += failed
            }
            return (all, failures)
        }
        try await client.shutdown()
        return LoadResult(
            requestsPerSecond: Double(samples.0.count) / Double(seconds), p50: Statistics.percentile(samples.0, 50),
            p99: Statistics.percentile(samples.0, 99), failures: samples.1, tool: "in-process AsyncHTTPClient, \(connections) connections, \(seconds) s",
            requests: samples.0.count)
    }
}
