import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TrendlineAPI
import TrendlineAgentTools
import TrendlineCore
import TrendlineProviders
import TrendlineSimulator

/// `trendline mcp`'s server against the real API on a loopback port: the MCP handshake, the
/// tool list, tool calls that track a video and read it back, and clear errors for what an
/// agent gets wrong.
struct AgentToolsTests {
    /// An MCP server for one key, talking to the real API of `app` on a loopback port.
    struct Tools {
        let server: MCPServer

        func rpc(_ text: String) async throws -> [String: Any] {
            let answer = try #require(await server.handle(Data(text.utf8)))
            return try #require(try JSONSerialization.jsonObject(with: answer) as? [String: Any])
        }

        /// Calls the tool `name`; its text, that text as JSON, and whether it is a tool error.
        func call(_ name: String, _ arguments: String) async throws -> (isError: Bool, json: [String: Any], text: String) {
            let answer = try await rpc(#"{"jsonrpc": "2.0", "id": 9, "method": "tools/call", "params": {"name": "\#(name)", "arguments": \#(arguments)}}"#)
            let result = try #require(answer["result"] as? [String: Any])
            let text = try #require(((result["content"] as? [[String: Any]])?.first)?["text"] as? String)
            let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            return (result["isError"] as? Bool ?? false, json, text)
        }
    }

    /// `key`: the app's own unless given.
    func withTools(_ app: TestApp, key: String? = nil, _ body: @escaping @Sendable (Tools) async throws -> Void) async throws {
        let application = Application(router: buildResponder(app.dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let api = HTTPTrendlineAPI(baseURL: "http://127.0.0.1:\(port)", key: key ?? app.key)
            do {
                try await body(Tools(server: MCPServer(api: api)))
            } catch {
                try await api.shutdown()
                throw error
            }
            try await api.shutdown()
        }
    }

    @Test func anAgentTracksAVideoAndReadsItBackThroughTheTools() async throws {
        try await withTools(try await TestApp.make()) { tools in
            let server = tools.server
            let rpc = tools.rpc, call = tools.call
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
            let lengthened = try await call("update_videos", #"{"ids": ["\#(id)"], "duration_days": 9, "cadence": "daily"}"#)
            let result = (lengthened.json["data"] as? [[String: Any]])?.first
            #expect(result?["status"] as? String == "updated" && (result?["video"] as? [String: Any])?["duration_days"] as? Int == 9, "\(lengthened.text)")
            let resumedMany = try await call("change_videos_tracking", #"{"action": "resume", "ids": ["\#(id)"]}"#)
            #expect((resumedMany.json["data"] as? [[String: Any]])?.first?["status"] as? String == "resumed", "\(resumedMany.text)")

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
            #expect(escape.isError && (escape.json["error"] as? [String: Any])?["code"] as? String == "NOT_FOUND",
                    "a path argument cannot leave its segment: it is encoded into it, and no video has that id: \(escape.text)")
            let extra = try await call("usage", #"{"account": "someone-else"}"#)
            #expect(extra.isError && extra.text.contains("no argument 'account'"))

            let unknownTool = try await rpc(#"{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "delete_everything"}}"#)
            #expect((unknownTool["error"] as? [String: Any])?["code"] as? Int == -32602)
            #expect(((try await rpc(#"{"jsonrpc": "2.0", "id": 4, "method": "resources/list"}"#))["error"] as? [String: Any])?["code"] as? Int == -32601)
            #expect(((try await rpc("not json"))["error"] as? [String: Any])?["code"] as? Int == -32700)
        }
    }

    @Test func anAgentManagesWebhooksThroughTheTools() async throws {
        try await withTools(try await TestApp.make()) { tools in
            let created = try await tools.call("create_webhook", #"{"url": "https://hooks.example.com/agent", "events": ["snapshot.created", "milestone.reached"], "description": "crm"}"#)
            #expect(!created.isError, "\(created.text)")
            let webhook = created.json["data"] as? [String: Any] ?? [:]
            #expect((webhook["secret"] as? String)?.hasPrefix("whsec_") == true, "the secret reaches the agent once")
            let id = try #require(webhook["id"] as? String)
            let listed = try await tools.call("list_webhooks", "{}")
            #expect((listed.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])

            let disabled = try await tools.call("update_webhook", #"{"id": "\#(id)", "enabled": false, "description": null}"#)
            #expect(!disabled.isError, "\(disabled.text)")
            let one = try await tools.call("get_webhook", #"{"id": "\#(id)"}"#)
            #expect((one.json["data"] as? [String: Any])?["enabled"] as? Bool == false)
            #expect((one.json["data"] as? [String: Any])?["description"] is NSNull, "null clears the description")

            let whileDisabled = try await tools.call("test_webhook", #"{"id": "\#(id)"}"#)
            #expect(whileDisabled.isError && whileDisabled.text.contains("disabled"), "a disabled webhook is sent nothing: \(whileDisabled.text)")
            let enabled = try await tools.call("update_webhook", #"{"id": "\#(id)", "enabled": true}"#)
            #expect(!enabled.isError, "\(enabled.text)")
            let tested = try await tools.call("test_webhook", #"{"id": "\#(id)"}"#)
            #expect(!tested.isError, "\(tested.text)")
            let deliveries = try await tools.call("webhook_deliveries", #"{"id": "\#(id)", "limit": 10}"#)
            let delivery = try #require((deliveries.json["data"] as? [[String: Any]])?.first, "\(deliveries.text)")
            #expect(delivery["event_type"] as? String == "webhook.test", "\(delivery)")
            let deliveryID = try #require((delivery["id"] as? Int).map(String.init) ?? delivery["id"] as? String)
            let again = try await tools.call("redeliver_webhook", #"{"id": "\#(id)", "delivery": "\#(deliveryID)"}"#)
            #expect(!again.isError, "\(again.text)")

            let refused = try await tools.call("create_webhook", #"{"url": "http://127.0.0.1:9000/x", "events": ["snapshot.created"]}"#)
            #expect(refused.isError && (refused.json["error"] as? [String: Any])?["field"] as? String == "url", "\(refused.text)")
            let deleted = try await tools.call("delete_webhook", #"{"id": "\#(id)"}"#)
            #expect(!deleted.isError, "\(deleted.text)")
            let gone = try await tools.call("get_webhook", #"{"id": "\#(id)"}"#)
            #expect(gone.isError && (gone.json["error"] as? [String: Any])?["code"] as? String == "NOT_FOUND")
        }
    }

    @Test func anAgentLooksUpAndFollowsACreatorThroughTheTools() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
        let simulator = PlatformSimulator(epoch: clock.now, clock: { clock.now })
        let client = AsyncHTTPUpstreamClient(timeout: .seconds(30))
        try await simulator.withRunningServer { base in
            let endpoints = PlatformEndpoints.all(at: base)
            let source = ProviderCreatorSource(providers: [.tiktok: TikTokCreatorProvider(client: client, endpoints: endpoints)], clock: clock.wallClock)
            var app = try await TestApp.make(clock: clock.wallClock)
            app.dependencies = APIDependencies(repository: app.store, clock: clock.wallClock, creatorSource: source)
            try await withTools(app) { tools in
                let profile = try await tools.call("creator_profile", #"{"username": "@Jane_Doe", "platform": "tiktok"}"#)
                #expect((profile.json["data"] as? [String: Any])?["full_name"] as? String == "Jane Doe", "\(profile.text)")
                let videos = try await tools.call("creator_videos", #"{"url": "https://www.tiktok.com/@jane_doe", "count": 3}"#)
                #expect(((videos.json["data"] as? [String: Any])?["videos"] as? [Any])?.count == 3, "\(videos.text)")
                let median = try await tools.call("creator_median_views", #"{"url": "https://www.tiktok.com/@jane_doe"}"#)
                #expect(((median.json["data"] as? [String: Any])?["median_views"] as? Int ?? 0) > 0, "\(median.text)")
                let email = try await tools.call("creator_email", #"{"url": "https://www.tiktok.com/@jane_doe"}"#)
                #expect((email.json["data"] as? [String: Any])?["found"] is Bool, "\(email.text)")
                let facebook = try await tools.call("creator_profile", #"{"username": "someone", "platform": "facebook"}"#)
                #expect(facebook.isError && (facebook.json["error"] as? [String: Any])?["field"] as? String == "platform", "\(facebook.text)")

                let followed = try await tools.call("follow_creator", #"{"url": "https://www.tiktok.com/@jane_doe", "mode": "selective"}"#)
                let id = try #require((followed.json["data"] as? [String: Any])?["id"] as? String, "\(followed.text)")
                let changed = try await tools.call("update_creator", #"{"id": "\#(id)", "mode": "auto", "notes": "spring"}"#)
                #expect((changed.json["data"] as? [String: Any])?["mode"] as? String == "auto", "\(changed.text)")
                let detail = try await tools.call("get_creator", #"{"id": "\#(id)"}"#)
                #expect(((detail.json["data"] as? [String: Any])?["creator"] as? [String: Any])?["notes"] as? String == "spring", "\(detail.text)")
                let history = try await tools.call("creator_history", #"{"id": "\#(id)", "limit": 5}"#)
                #expect(!history.isError && history.json["data"] is [Any], "\(history.text)")
                let unfollowed = try await tools.call("unfollow_creator", #"{"id": "\#(id)"}"#)
                #expect(!unfollowed.isError, "\(unfollowed.text)")
                let listed = try await tools.call("list_creators", "{}")
                #expect((listed.json["data"] as? [Any])?.isEmpty == true, "\(listed.text)")
            }
        }
        try await client.shutdown()
    }

    /// An agent given a read-only key reads; its changes are refused in the API's envelope.
    @Test func anAgentWithAReadOnlyKeyReadsButChangesNothing() async throws {
        let app = try await TestApp.make()
        let readOnly = try await APIKeyService(repository: app.store).createKey(accountName: "acme", readOnly: true).secret
        try await withTools(app, key: readOnly) { tools in
            let listed = try await tools.call("list_videos", "{}")
            #expect(!listed.isError, "\(listed.text)")
            let refused = try await tools.call("track_videos", #"{"urls": ["https://youtu.be/dQw4w9WgXcQ"]}"#)
            #expect(refused.isError && (refused.json["error"] as? [String: Any])?["code"] as? String == "READ_ONLY_KEY", "\(refused.text)")
        }
    }
}
