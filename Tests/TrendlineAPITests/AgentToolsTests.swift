import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineAgentTools

/// `trendline mcp`'s server against the real API on a loopback port: the MCP handshake, the
/// tool list, tool calls that track a video and read it back, and clear errors for what an
/// agent gets wrong.
struct AgentToolsTests {
    @Test func anAgentTracksAVideoAndReadsItBackThroughTheTools() async throws {
        let app = try await TestApp.make()
        let application = Application(router: buildResponder(app.dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let api = HTTPTrendlineAPI(baseURL: "http://127.0.0.1:\(port)", key: app.key)
            let server = MCPServer(api: api)
            func rpc(_ text: String) async throws -> [String: Any] {
                let answer = try #require(await server.handle(Data(text.utf8)))
                return try #require(try JSONSerialization.jsonObject(with: answer) as? [String: Any])
            }
            func call(_ name: String, _ arguments: String) async throws -> (isError: Bool, json: [String: Any], text: String) {
                let answer = try await rpc(#"{"jsonrpc": "2.0", "id": 9, "method": "tools/call", "params": {"name": "\#(name)", "arguments": \#(arguments)}}"#)
                let result = try #require(answer["result"] as? [String: Any])
                let text = try #require(((result["content"] as? [[String: Any]])?.first)?["text"] as? String)
                let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
                return (result["isError"] as? Bool ?? false, json, text)
            }

            let hello = try await rpc(#"{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}"#)
            let info = try #require(hello["result"] as? [String: Any])
            #expect(hello["id"] as? Int == 1 && info["protocolVersion"] as? String == "2025-06-18")
            #expect((info["serverInfo"] as? [String: Any])?["name"] as? String == "trendline" && (info["capabilities"] as? [String: Any])?["tools"] != nil)
            #expect(await server.handle(Data(#"{"jsonrpc": "2.0", "method": "notifications/initialized"}"#.utf8)) == nil, "notifications get no answer")

            let listed = try #require((try await rpc(#"{"jsonrpc": "2.0", "id": 2, "method": "tools/list"}"#)["result"] as? [String: Any])?["tools"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["name"] as? String }).isSuperset(of: ["track_videos", "list_videos", "get_video", "video_snapshots", "usage"]))
            let trackSchema = try #require(listed.first { $0["name"] as? String == "track_videos" }?["inputSchema"] as? [String: Any])
            #expect(trackSchema["type"] as? String == "object" && trackSchema["required"] as? [String] == ["urls"])

            let tracked = try await call("track_videos", #"{"urls": ["https://www.tiktok.com/@a/video/7430511437199543584"], "duration_days": 7, "cadence": "daily"}"#)
            #expect(!tracked.isError, "\(tracked.text)")
            let first = try #require(((tracked.json["data"] as? [String: Any])?["results"] as? [[String: Any]])?.first)
            #expect(first["status"] as? String == "tracked" && first["duration_days"] as? Int == 7 && first["cadence"] as? String == "daily")
            let id = try #require(first["video_id"] as? String)

            let video = try await call("get_video", #"{"id": "\#(id)"}"#)
            #expect(!video.isError && (video.json["data"] as? [String: Any])?["id"] as? String == id)
            let listedVideos = try await call("list_videos", #"{"platform": "tiktok", "limit": 10}"#)
            #expect((listedVideos.json["data"] as? [[String: Any]])?.count == 1)
            let noYouTube = try await call("list_videos", #"{"platform": "youtube"}"#)
            #expect((noYouTube.json["data"] as? [[String: Any]])?.isEmpty == true, "the query reaches the API")
            let paused = try await call("change_video_tracking", #"{"id": "\#(id)", "action": "pause"}"#)
            #expect((paused.json["data"] as? [String: Any])?["status"] as? String == "paused", "\(paused.text)")
            let noted = try await call("update_video", #"{"id": "\#(id)", "notes": "hook in the first second"}"#)
            #expect((noted.json["data"] as? [String: Any])?["notes"] as? String == "hook in the first second")

            let inbox = try await call("list_inbox", #"{"limit": 5}"#)
            #expect(!inbox.isError && (inbox.json["data"] as? [Any])?.isEmpty == true, "\(inbox.text)")
            let review = try await call("review_inbox", #"{"decision": "exclude", "ids": ["\#(id)"]}"#)
            #expect(!review.isError, "\(review.text)")
            let reviewed = try #require(review.json["data"] as? [[String: Any]])
            #expect(reviewed.count == 1 && reviewed.first?["id"] as? String == id)
            #expect(reviewed.first?["status"] as? String == "excluded", "\(review.text)")
            let afterExclusion = try await call("list_videos", "{}")
            #expect((afterExclusion.json["data"] as? [[String: Any]])?.isEmpty == true, "an excluded video is never listed")

            let refused = try await call("track_videos", #"{"urls": ["https://www.tiktok.com/@a/video/1"], "cadence": "weekly"}"#)
            #expect(refused.isError)
            #expect((refused.json["error"] as? [String: Any])?["field"] as? String == "cadence", "the API's envelope reaches the agent: \(refused.text)")
            let missing = try await call("get_video", #"{"id": "00000000-0000-0000-0000-000000000000"}"#)
            #expect(missing.isError && (missing.json["error"] as? [String: Any])?["code"] as? String == "NOT_FOUND")
            let escape = try await call("get_video", #"{"id": "../usage"}"#)
            #expect(escape.isError && escape.text.contains("'id'"), "a path argument cannot leave its segment")
            let extra = try await call("usage", #"{"account": "someone-else"}"#)
            #expect(extra.isError && extra.text.contains("no argument 'account'"))

            let unknownTool = try await rpc(#"{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "delete_everything"}}"#)
            #expect((unknownTool["error"] as? [String: Any])?["code"] as? Int == -32602)
            #expect(((try await rpc(#"{"jsonrpc": "2.0", "id": 4, "method": "resources/list"}"#))["error"] as? [String: Any])?["code"] as? Int == -32601)
            #expect(((try await rpc("not json"))["error"] as? [String: Any])?["code"] as? Int == -32700)
            try await api.shutdown()
        }
    }
}
