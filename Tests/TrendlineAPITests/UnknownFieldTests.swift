import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TrendlineAPI

/// A field a route does not read is a 400 naming it and the field meant (``FieldsRead``,
/// ``RequestBody``): a misspelt `duration_day` was ignored, and the video tracked, and charged,
/// for the default 30 days.
struct UnknownFieldTests {
    @Test func aMisspeltFieldIsRefusedAndNothingIsTracked() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let refused = try await client.call(
                .post, "/v1/videos/track", key: app.key, json: #"{"urls": ["https://youtu.be/dQw4w9WgXcQ"], "duration_day": 7}"#)
            expectError(refused, .badRequest, "VALIDATION_ERROR", field: "duration_day")
            let message = try #require(refused.error["message"] as? String)
            #expect(message.hasPrefix("unknown field 'duration_day' (did you mean 'duration_days'?); this request takes cadence, campaign, duration_days,"), "\(message)")
            #expect(try await client.call(.get, "/v1/videos", key: app.key).dataArray.isEmpty, "nothing was tracked")

            let foreign = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ", "tags": ["a"]}"#)
            expectError(foreign, .badRequest, "VALIDATION_ERROR", field: "tags")
            #expect((foreign.error["message"] as? String)?.hasPrefix("unknown field 'tags'; this request takes") == true, "no near name, no guess")

            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"urls": ["https://youtu.be/dQw4w9WgXcQ"], "duration_days": 7}"#)
            #expect(tracked.results.first?["duration_days"] as? Int == 7)
        }
    }

    /// A PATCH of only unknown fields names them, not "nothing to change"; an empty one still
    /// says there is nothing to change. The bulk form reads its ids and the edit's fields.
    @Test func patchesNameTheUnknownFieldBeforeNothingToChange() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let note = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: #"{"note": "x"}"#)
            expectError(note, .badRequest, "VALIDATION_ERROR", field: "note")
            #expect((note.error["message"] as? String)?.contains("did you mean 'notes'?") == true)
            let empty = try await client.call(.patch, "/v1/videos/\(id)", key: app.key, json: "{}")
            expectError(empty, .badRequest, "VALIDATION_ERROR", field: "notes")
            #expect((empty.error["message"] as? String)?.hasPrefix("nothing to change") == true)

            let bulk = try await client.call(.patch, "/v1/videos", key: app.key, json: #"{"ids": ["\#(id)"], "cadense": "daily"}"#)
            expectError(bulk, .badRequest, "VALIDATION_ERROR", field: "cadense")
            #expect((bulk.error["message"] as? String)?.contains("did you mean 'cadence'?") == true)
            let bulkDone = try await client.call(.patch, "/v1/videos", key: app.key, json: #"{"ids": ["\#(id)"], "cadence": "daily"}"#)
            #expect(bulkDone.status == .ok, "\(bulkDone.json)")

            let hook = try await client.call(.post, "/v1/webhooks", key: app.key, json: #"{"url": "https://hooks.example.com/t", "event": ["snapshot.created"]}"#)
            expectError(hook, .badRequest, "VALIDATION_ERROR", field: "event")
            #expect(try await client.call(.get, "/v1/webhooks", key: app.key).dataArray.isEmpty, "no webhook was saved")
        }
    }

    /// The fields a type reads are those it asks for, present or not; nested bodies add theirs.
    @Test func theFieldsReadAreThoseTheTypeAsksFor() throws {
        let decoded = try APIJSON.decoder().decode(FieldsRead<PatchVideosBody>.self, from: Data(#"{"ids": ["a"], "notes": "x", "extra": 1}"#.utf8))
        #expect(decoded.read == ["ids", "notes", "milestones", "campaign", "duration_days", "cadence"])
        #expect(decoded.unread == ["extra"])
        #expect(throws: APIError.self) { try RequestBody.decode(PatchVideosBody.self, from: Data(#"{"ids": ["a"], "notes": "x", "extra": 1}"#.utf8)) }
    }

    /// A field named twice is refused: parsers disagree on which one counts (Foundation kept the
    /// first; JavaScript and Python keep the last).
    @Test func aFieldGivenTwiceIsRefused() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let twice = try await client.call(
                .post, "/v1/videos/track", key: app.key, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ", "duration_days": 7, "duration_days": 3}"#)
            expectError(twice, .badRequest, "VALIDATION_ERROR", field: "duration_days")
            #expect(twice.error["message"] as? String == "'duration_days' is given twice; give each field once")
            #expect(try await client.call(.get, "/v1/videos", key: app.key).dataArray.isEmpty, "nothing was tracked")
        }
    }

    @Test func theScanSeesOnlyTopLevelKeysAsJSONReadsThem() {
        func first(_ text: String) -> String? { RepeatedFields.first(in: Data(text.utf8)) }
        #expect(first(#"{"a": 1, "b": 2, "a": 3}"#) == "a")
        #expect(first(#"{"ab": 1, "ab": 2}"#) == "ab", "an escaped key is the key it spells")
        #expect(first(#"{"a": {"x": 1, "x": 2}, "b": [{"a": 1}]}"#) == nil, "nested objects are not the body's fields")
        #expect(first(#"{"a": ""b": 1, "a": 2", "b": "x\", "c": 1}"#) == nil, "text inside strings, escaped quotes and backslashes")
        #expect(first(#"[1, 2]"#) == nil && first(#"{"a": "#) == nil && first("") == nil)
    }

    /// A body in a coding the API does not read was read as JSON and answered "not valid JSON".
    @Test func aBodyInAnotherCodingIsRefusedSayingSo() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let compressed = try await client.call(
                .post, "/v1/videos/track", key: app.key, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#, headers: [.contentEncoding: "br"])
            expectError(compressed, .unsupportedMediaType, "UNSUPPORTED_ENCODING")
            #expect(compressed.error["message"] as? String == "the body is sent with Content-Encoding: br; send it uncompressed or with gzip")
            let plain = try await client.call(
                .post, "/v1/videos/track", key: app.key, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#, headers: [.contentEncoding: "identity"])
            #expect(plain.status == .ok, "identity is no encoding")
        }
    }
}
