import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrendlineSimulator

/// The simulator's switches can be flipped over HTTP (for `trendline simulate` users).
struct SimulatorAdminTests {
    @Test func behavioursAndShortLinksAreSetOverHTTP() async throws {
        let simulator = PlatformSimulator(clock: { frozenNow })
        try await Application(router: simulator.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/_sim/behaviors", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"pattern": "555", "behavior": "private"}"#)) { response in
                #expect(response.status == .ok)
            }
            #expect(simulator.state.behavior(for: "15550") == .privateVideo)
            try await client.execute(uri: "/_sim/behaviors", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"pattern": "1", "behavior": "sideways"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("rate_limited"))
            }
            try await client.execute(uri: "/_sim/behaviors", method: .delete) { #expect($0.status == .ok) }
            #expect(simulator.state.behavior(for: "15550") == .normal)
            try await client.execute(uri: "/_sim/shortlinks", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"host": "www.tiktok.com", "path": "/t/abc123", "location": "https://www.tiktok.com/@a/video/1"}"#)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/t/abc123", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "https://www.tiktok.com/@a/video/1")
            }
        }
    }
}
