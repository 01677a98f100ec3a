import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrendlineSimulator

/// The simulator answers with what a request asked for, as the real APIs do: YouTube needs
/// `part` and sends only those parts; X sends a post's counters, time and author only when
/// `tweet.fields` / `expansions` ask, and a user's profile fields only when `user.fields` asks.
/// So a provider that stops asking for what it parses fails its tests against the simulator.
struct SimulatorFieldsTests {
    @Test func youtubeNeedsPartAndSendsOnlyTheParts() async throws {
        let simulator = PlatformSimulator(clock: { frozenNow })
        try await Application(router: simulator.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/youtube/v3/videos?id=dQw4w9WgXcQ&key=k", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Required parameter: part"))
            }
            let item = try await Self.json(client, "/youtube/v3/videos?id=dQw4w9WgXcQ&key=k&part=statistics")["items"].flatMap { ($0 as? [[String: Any]])?.first }
            #expect(item?["statistics"] != nil && item?["snippet"] == nil)
            let both = try await Self.json(client, "/youtube/v3/videos?id=dQw4w9WgXcQ&key=k&part=snippet,statistics")["items"].flatMap { ($0 as? [[String: Any]])?.first }
            #expect(both?["statistics"] != nil && both?["snippet"] != nil)
            try await client.execute(uri: "/youtube/v3/channels?forHandle=@sim&key=k", method: .get) { #expect($0.status == .badRequest) }
            let channel = try await Self.json(client, "/youtube/v3/channels?forHandle=@sim&key=k&part=contentDetails")["items"].flatMap { ($0 as? [[String: Any]])?.first }
            #expect(channel?["contentDetails"] != nil && channel?["statistics"] == nil && channel?["snippet"] == nil)
        }
    }

    @Test func xSendsCountersTimeAndAuthorOnlyWhenAsked() async throws {
        let simulator = PlatformSimulator(clock: { frozenNow })
        try await Application(router: simulator.buildRouter()).test(.router) { client in
            let bare = try await Self.json(client, "/2/tweets?ids=1900000000000000001")
            let plain = try #require((bare["data"] as? [[String: Any]])?.first)
            #expect(plain["id"] as? String == "1900000000000000001" && plain["text"] != nil)
            #expect(plain["public_metrics"] == nil && plain["created_at"] == nil && plain["author_id"] == nil)
            #expect(bare["includes"] == nil)
            let full = try await Self.json(client, "/2/tweets?ids=1900000000000000001&tweet.fields=public_metrics,created_at&expansions=author_id")
            let post = try #require((full["data"] as? [[String: Any]])?.first)
            #expect((post["public_metrics"] as? [String: Any])?["impression_count"] != nil)
            #expect(post["created_at"] != nil && post["author_id"] as? String == "99")
            #expect(((full["includes"] as? [String: Any])?["users"] as? [[String: Any]])?.first?["username"] as? String == "sim_creator")

            let user = try #require(try await Self.json(client, "/2/users/by/username/simx")["data"] as? [String: Any])
            #expect(user["username"] as? String == "simx" && user["public_metrics"] == nil && user["description"] == nil)
            let profiled = try #require(try await Self.json(client, "/2/users/by/username/simx?user.fields=public_metrics,description")["data"] as? [String: Any])
            #expect((profiled["public_metrics"] as? [String: Any])?["followers_count"] != nil && profiled["description"] != nil)
            #expect(profiled["verified"] == nil, "only what was asked for")
        }
    }

    static func json(_ client: some TestClientProtocol, _ uri: String) async throws -> [String: Any] {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer t"]) { response in
            #expect(response.status == .ok, "\(uri)")
            return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        }
    }
}
