import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TrendlineAPI
import TrendlineDomain

/// A query parameter that is a near miss of one the route reads is refused
/// (``QueryNameCheck``): `?platfrom=tiktok` listed every video, as if unfiltered.
struct QueryNameCheckTests {
    @Test func aMisspeltParameterIsRefusedAndOthersAreLeftAlone() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            _ = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "https://youtu.be/dQw4w9WgXcQ"}"#)
            let typo = try await client.call(.get, "/v1/videos?platfrom=tiktok", key: app.key)
            expectError(typo, .badRequest, "VALIDATION_ERROR", field: "platfrom")
            #expect((typo.error["message"] as? String)?.hasPrefix("unknown query parameter 'platfrom' (did you mean 'platform'?); this request takes platform,") == true)
            let aliased = try await client.call(.get, "/api/v1/videos?limt=1", key: app.key)
            expectError(aliased, .badRequest, "VALIDATION_ERROR", field: "limt")

            let filtered = try await client.call(.get, "/v1/videos?platform=tiktok&_=1733600000&utm_source=mail", key: app.key)
            #expect(filtered.status == .ok && filtered.dataArray.isEmpty, "a cache buster and a tracking tag are not typos: \(filtered.json)")
            let id = try #require(try await client.call(.get, "/v1/videos", key: app.key).dataArray.first?["id"] as? String)
            expectError(try await client.call(.get, "/v1/videos/\(id)/history?intervall=day", key: app.key), .badRequest, "VALIDATION_ERROR", field: "intervall")
            #expect(try await client.call(.get, "/v1/videos/\(id)/history?interval=day", key: app.key).status == .ok)
        }
    }

    /// The document names the query parameters of the routes that take them, so the check has
    /// something to compare with; a route with none refuses nothing.
    @Test func theNamesAreTheDocumentsAndTheMostSpecificPathWins() throws {
        let get = try #require(QueryNameCheck.documented["GET"])
        #expect(get[PathPattern("/v1/videos")]?.contains("platform") == true)
        #expect(get[PathPattern("/v1/videos/{id}/history")] == ["interval", "from", "to"])
        #expect(PathPattern.best(of: get.keys, for: "/v1/videos/export") == PathPattern("/v1/videos/export"), "not /v1/videos/{id}")
        #expect(NearestName.among(["q", "limit"], to: "_") == nil && NearestName.among(["limit"], to: "limt") == "limit")
    }
}
