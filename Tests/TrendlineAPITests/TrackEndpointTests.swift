import Foundation
import HTTPTypes
import Testing
import HummingbirdTesting
import TrendlineCore

/// `POST /v1/videos/track`: batches, the one-URL forms, validation and duplicates.
struct TrackEndpointTests {
    @Test func batchWithPartialFailure() async throws {
        let resolver = RedirectFollowingResolver(fetcher: ScriptedRedirects([
            "https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/": "https://www.tiktok.com/@someone/video/7489443966908189959",
        ]))
        let app = try await TestApp.make(resolver: resolver)
        try await app.test { client in
            let body = #"""
                {"urls": ["https://www.tiktok.com/@username/video/1234567890", "https://www.instagram.com/reel/ABC123DEF456/",
                          "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/",
                          "https://example.com/nope", "https://youtu.be/dQw4w9WgXcQ"], "duration_days": 7, "cadence": "hourly", "notes": "campaign A"}
                """#
            let response = try await client.call(.post, "/v1/videos/track", key: app.key, json: body)
            #expect(response.status == .ok)
            #expect(response.ok == true)
            let results = response.results
            #expect(results.map { $0["status"] as? String } == ["tracked", "tracked", "tracked", "tracked", "error", "already_tracked"])
            #expect(results.map { $0["index"] as? Int } == [0, 1, 2, 3, 4, 5])
            #expect(results[1]["platform"] as? String == "instagram")
            #expect(results[1]["external_video_id"] as? String == "ABC123DEF456")
            #expect(results[1]["canonical_url"] as? String == "https://www.instagram.com/p/ABC123DEF456/")
            #expect(results[3]["external_video_id"] as? String == "7489443966908189959")
            #expect(results[3]["url"] as? String == "https://vt.tiktok.com/ZSHpobCM8BbnH-fbjKy/")
            #expect(results[0]["error"] is NSNull)
            #expect(results[0]["duration_days"] as? Int == 7)
            #expect(results[0]["cadence"] as? String == "hourly")
            #expect(results[0]["video_status"] as? String == "monitoring")
            #expect(results[0]["tracking_status"] as? String == "direct_add")
            #expect(results[5]["video_id"] as? String == results[2]["video_id"] as? String)
            let error = try #require(results[4]["error"] as? [String: Any])
            #expect(error["code"] as? String == "UNSUPPORTED_PLATFORM")
            #expect(results[4]["video_id"] is NSNull)
            let summary = try #require(response.meta["summary"] as? [String: Int])
            #expect(summary == ["total": 6, "tracked": 4, "already_tracked": 1, "errors": 1])
            #expect(response.meta["processing_time_ms"] is Int)
            #expect(response.meta["request_id"] as? String == response.headers[HTTPField.Name("X-Request-Id")!])

            let id = try #require(results[0]["video_id"] as? String)
            let video = try await client.call(.get, "/v1/videos/\(id)", key: app.key)
            #expect(video.dataObject["notes"] as? String == "campaign A")
        }
    }

    @Test func singleURLFormsAndTheirErrors() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let byURL = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://x.com/jack/status/20"}"#)
            #expect(byURL.status == .ok)
            #expect(byURL.results.first?["status"] as? String == "tracked")
            let byLink = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"video_link":"https://www.tiktok.com/@charlidamelio/video/7234567890","duration_days":7}"#)
            #expect(byLink.results.first?["duration_days"] as? Int == 7)
            #expect(byLink.results.first?["days_remaining"] as? Int == 7)
            expectError(try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://vimeo.com/1"}"#), .unprocessableContent, "UNSUPPORTED_PLATFORM", field: "url")
            expectError(try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"video_link":"https://www.youtube.com/watch?v=bad"}"#), .unprocessableContent, "INVALID_VIDEO_ID", field: "video_link")
            expectError(try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://vm.tiktok.com/ZMabc123/"}"#), .unprocessableContent, "UNRESOLVABLE_SHORT_LINK", field: "url")
        }
    }

    @Test(arguments: [
        (#"{}"#, "VALIDATION_ERROR", "urls"),
        (#"{"urls": []}"#, "VALIDATION_ERROR", "urls"),
        (#"{"urls": "https://youtu.be/dQw4w9WgXcQ"}"#, "VALIDATION_ERROR", "urls"),
        (#"{"urls": [1, 2]}"#, "VALIDATION_ERROR", "urls[0]"),
        (#"{"urls": ["https://youtu.be/dQw4w9WgXcQ"], "url": "https://youtu.be/dQw4w9WgXcQ"}"#, "VALIDATION_ERROR", "url"),
        (#"{"url": "https://youtu.be/dQw4w9WgXcQ", "duration_days": 0}"#, "VALIDATION_ERROR", "duration_days"),
        (#"{"url": "https://youtu.be/dQw4w9WgXcQ", "duration_days": 31}"#, "VALIDATION_ERROR", "duration_days"),
        (#"{"url": "https://youtu.be/dQw4w9WgXcQ", "duration_days": "7"}"#, "VALIDATION_ERROR", "duration_days"),
        (#"{"url": "https://youtu.be/dQw4w9WgXcQ", "duration_days": 7.5}"#, "VALIDATION_ERROR", "duration_days"),
        (#"{"url": "https://youtu.be/dQw4w9WgXcQ", "cadence": "weekly"}"#, "VALIDATION_ERROR", "cadence"),
        (#"{"url": "https://youtu.be/dQw4w9WgXcQ", "cadence": 3}"#, "VALIDATION_ERROR", "cadence"),
        (#"{"url": "https://youtu.be/dQw4w9WgXcQ", "notes": ["x"]}"#, "VALIDATION_ERROR", "notes"),
        (#"{"url": 42}"#, "VALIDATION_ERROR", "url"),
        (#"["https://youtu.be/dQw4w9WgXcQ"]"#, "VALIDATION_ERROR", nil),
        (#"{"urls": ["#, "INVALID_JSON", nil),
        (#"not json"#, "INVALID_JSON", nil),
        (#""#, "INVALID_JSON", nil),
    ] as [(String, String, String?)])
    func badRequestsGetA400NamingTheField(body: String, code: String, field: String?) async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let response = try await client.call(.post, "/v1/videos/track", key: app.key, json: body)
            expectError(response, .badRequest, code, field: field)
            if field == nil { #expect(response.error["field"] is NSNull) }
        }
    }

    @Test func fiftyOneURLsAreRefusedNamingURLs() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            func batch(_ count: Int) -> String {
                let urls = (0..<count).map { #""https://www.tiktok.com/@u/video/\#(1000 + $0)""# }
                return #"{"urls": [\#(urls.joined(separator: ","))]}"#
            }
            let tooMany = try await client.call(.post, "/v1/videos/track", key: app.key, json: batch(51))
            expectError(tooMany, .badRequest, "VALIDATION_ERROR", field: "urls")
            #expect((tooMany.error["message"] as? String)?.contains("51") == true)
            let fifty = try await client.call(.post, "/v1/videos/track", key: app.key, json: batch(50))
            #expect(fifty.status == .ok)
            #expect((fifty.meta["summary"] as? [String: Int])?["tracked"] == 50)
        }
    }

    @Test func oversizedBodiesGet413() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let notes = String(repeating: "a", count: (1 << 20) + 10)
            let response = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ","notes":"\#(notes)"}"#)
            expectError(response, .contentTooLarge, "PAYLOAD_TOO_LARGE")
            let longNotes = String(repeating: "n", count: 20_001)
            expectError(try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ","notes":"\#(longNotes)"}"#), .badRequest, "VALIDATION_ERROR", field: "notes")
            expectError(try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ","notes":"a\u0000b"}"#), .badRequest, "VALIDATION_ERROR", field: "notes")
            expectError(try await client.call(.post, "/v1/webhooks", key: app.key, json: #"{"url":"https://example.com/h","events":["snapshot.created"],"description":"a\u0000b"}"#), .badRequest, "VALIDATION_ERROR", field: "description")
        }
    }

    @Test func racingRequestsForTheSameURLsGetOneIDEach() async throws {
        let app = try await TestApp.make()
        let urls = (0..<10).map { "https://www.youtube.com/watch?v=abcdefghi\(String(format: "%02d", $0))" }
        let body = #"{"urls": [\#(urls.map { "\"\($0)\"" }.joined(separator: ","))]}"#
        try await app.test { client in
            let responses = try await withThrowingTaskGroup(of: JSONResponse.self) { group in
                for _ in 0..<8 { group.addTask { try await client.call(.post, "/v1/videos/track", key: app.key, json: body) } }
                var all: [JSONResponse] = []
                for try await response in group { all.append(response) }
                return all
            }
            for index in urls.indices {
                let ids = Set(responses.compactMap { $0.results[index]["video_id"] as? String })
                #expect(ids.count == 1)
                let tracked = responses.filter { $0.results[index]["status"] as? String == "tracked" }
                #expect(tracked.count == 1, "exactly one request created video \(index)")
            }
            let list = try await client.call(.get, "/v1/videos?limit=100", key: app.key)
            #expect(list.dataArray.count == 10)
        }
    }
}
