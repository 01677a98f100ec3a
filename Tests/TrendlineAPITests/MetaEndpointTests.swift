import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing
import TrendlineAPI
import TrendlineCore
import TrendlineDomain

/// Health, platforms, unknown routes, request ids, metrics and the OpenAPI contract.
struct MetaEndpointTests {
    @Test func healthNeedsNoKeyAndReportsTheDatabase() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let health = try await client.call(.get, "/health", key: nil)
            #expect(health.status == .ok)
            #expect(health.dataObject["status"] as? String == "ok")
            let database = try #require(health.dataObject["database"] as? [String: Any])
            #expect(database["kind"] as? String == "sqlite")
            #expect(database["reachable"] as? Bool == true)
            #expect(database["clock_offset_seconds"] is NSNull, "SQLite has no clock but this machine's")
        }
    }

    /// HEAD wherever GET is (its headers, no body), OPTIONS with Allow, and a method a path does
    /// not take a 405 with Allow in the envelope, also under ContentStats' alias paths; a path
    /// that does not exist stays a 404.
    @Test func headOptionsAndMethodsAPathDoesNotTake() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            var headers = HTTPFields()
            headers[.init("X-API-Key")!] = app.key
            for path in ["/health", "/v1/videos/\(id)", "/v1/videos?limit=5", "/api/v1/usage"] {
                let get = try await client.execute(uri: path, method: .get, headers: headers) { $0 }
                let head = try await client.execute(uri: path, method: .head, headers: headers) { $0 }
                #expect(head.status == get.status && get.status == .ok, "\(path)")
                #expect(head.body.readableBytes == 0, "HEAD \(path) sends no body")
                #expect(head.headers[.contentLength] == String(get.body.readableBytes) && head.headers[.contentType] == get.headers[.contentType], "HEAD \(path): \(head.headers)")
            }
            let headOfAPost = try await client.execute(uri: "/v1/videos/\(id)/refresh", method: .head, headers: headers) { $0 }
            #expect(headOfAPost.status == .methodNotAllowed && headOfAPost.headers[.allow] == "POST, OPTIONS" && headOfAPost.body.readableBytes == 0, "\(headOfAPost.headers)")
            let options = try await client.execute(uri: "/v1/videos/\(id)", method: .options, headers: headers) { $0 }
            #expect(options.status == .noContent && options.headers[.allow] == "GET, HEAD, PATCH, DELETE, OPTIONS", "\(options.headers)")
            let put = try await client.call(.put, "/v1/videos/\(id)", key: app.key, json: "{}")
            expectError(put, .methodNotAllowed, "METHOD_NOT_ALLOWED")
            #expect(put.headers[.allow] == "GET, HEAD, PATCH, DELETE, OPTIONS")
            #expect(put.error["request_id"] as? String == put.headers[.init("X-Request-Id")!], "the envelope's id is the header's")
            let aliased = try await client.call(.delete, "/api/v1/usage", key: app.key)
            expectError(aliased, .methodNotAllowed, "METHOD_NOT_ALLOWED")
            #expect((aliased.error["message"] as? String)?.hasPrefix("/api/v1/usage does not take DELETE") == true, "named as sent")
            expectError(try await client.call(.post, "/v1/nothing-here", key: app.key, json: "{}"), .notFound, "NOT_FOUND")
            expectError(try await client.call(.get, "/v1/videos/\(UUID().uuidString.lowercased())", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test func healthShowsWhichProvidersCanRun() async throws {
        var app = try await TestApp.make()
        app.dependencies.providers = [
            ProviderStatus(platform: .youtube, name: "youtube-data-api", unavailableReason: "no YouTube API key configured"),
            ProviderStatus(platform: .tiktok, name: "tiktok-web", unavailableReason: nil),
        ]
        let configured = app
        try await configured.test { client in
            let health = try await client.call(.get, "/health", key: nil)
            let providers = try #require(health.dataObject["providers"] as? [[String: Any]])
            #expect(providers.count == 2)
            #expect(providers[0]["available"] as? Bool == false)
            #expect((providers[0]["reason"] as? String)?.contains("API key") == true)
            #expect(providers[1]["available"] as? Bool == true)
            #expect(providers[1]["reason"] is NSNull)
        }
    }

    @Test func workerNodesServeOnlyHealthAndMetrics() async throws {
        let app = try await TestApp.make()
        let router = buildHealthRouter(app.dependencies)
        #expect(Set(router.routes.map { "\($0.method) \($0.path)" }) == ["GET /health", "GET /metrics"])
        try await Application(router: router).test(.router) { client in
            let health = try await client.call(.get, "/health", key: nil)
            #expect((health.dataObject["database"] as? [String: Any])?["reachable"] as? Bool == true)
            expectError(try await client.call(.get, "/v1/videos", key: app.key), .notFound, "NOT_FOUND")
        }
    }

    @Test func platformsListsAllSix() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let response = try await client.call(.get, "/v1/platforms", key: app.key)
            #expect(response.dataArray.map { $0["platform"] as? String } == Platform.allCases.map(\.rawValue))
            let youtube = try #require(response.dataArray.first { $0["platform"] as? String == "youtube" })
            #expect((youtube["metrics"] as? [String])?.contains("saves") == false)
            #expect(youtube["name"] as? String == "YouTube")
            // Which endpoints work for each, as Creator Tracking's list says: creators only where they can be read.
            let endpoints = Dictionary(uniqueKeysWithValues: response.dataArray.map { ($0["platform"] as? String ?? "", Set($0["endpoints"] as? [String] ?? [])) })
            #expect(endpoints.values.allSatisfy { $0.isSuperset(of: ["videos/track", "post/stats", "videos/{id}/snapshots"]) })
            #expect(["tiktok", "instagram", "youtube", "x"].allSatisfy { endpoints[$0]?.isSuperset(of: ["profile", "channel/videos", "median-views", "email", "creators"]) == true })
            #expect(["facebook", "linkedin"].allSatisfy { endpoints[$0]?.contains("profile") == false && endpoints[$0]?.contains("creators") == false }, "\(endpoints)")
            // Each listed endpoint is one the document has.
            let documented = Set((try AgentToolCatalogueTests.Contract().document["paths"] as? [String: Any] ?? [:]).keys)
            let listed = endpoints.values.reduce(Set<String>()) { $0.union($1) }
            #expect(listed.allSatisfy { documented.contains("/v1/" + $0) }, "\(listed.filter { !documented.contains("/v1/" + $0) })")
        }
    }

    @Test func unknownRoutesAndMethodsGetTheEnvelope() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            expectError(try await client.call(.get, "/v1/nothing", key: app.key), .notFound, "NOT_FOUND")
            expectError(try await client.call(.get, "/nothing", key: nil), .notFound, "NOT_FOUND")
            let put = try await client.call(.put, "/v1/videos/track", key: app.key)
            expectError(put, .methodNotAllowed, "METHOD_NOT_ALLOWED")
            #expect(put.headers[.allow] == "POST, OPTIONS", "the track route's own methods, not /v1/videos/{id}'s")
            let get = try await client.call(.get, "/v1/videos/track", key: app.key)
            expectError(get, .methodNotAllowed, "METHOD_NOT_ALLOWED")
        }
    }

    /// A 405 is counted as a 405 of the route it names; made after the router, it was counted as
    /// the router's 404 of an unknown path.
    @Test func aMethodAPathDoesNotTakeIsCountedAsA405OfItsRoute() async throws {
        var app = try await TestApp.make()
        let registry = PrometheusCollectorRegistry()
        app.dependencies.metrics = registry
        let key = app.key
        try await app.test { client in
            expectError(try await client.call(.put, "/v1/videos/track", key: key), .methodNotAllowed, "METHOD_NOT_ALLOWED")
            expectError(try await client.call(.get, "/v1/nothing", key: key), .notFound, "NOT_FOUND")
        }
        var page: [UInt8] = []
        registry.emit(into: &page)
        let lines = String(decoding: page, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("hb_requests{") }
        #expect(lines.contains { $0.contains(#"http_route="/v1/videos/track""#) && $0.contains(#"status_code="405""#) && $0.hasSuffix(" 1") }, "\(lines)")
        #expect(lines.contains { $0.contains(#"http_route="NotFound""#) && $0.contains(#"status_code="404""#) && $0.hasSuffix(" 1") }, "only the unknown path: \(lines)")
    }

    @Test func requestIDsAreFreshOrEchoed() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let a = try await client.call(.get, "/v1/ping", key: app.key)
            let b = try await client.call(.get, "/v1/ping", key: app.key)
            let idA = try #require(a.headers[HTTPField.Name("X-Request-Id")!])
            #expect(idA != b.headers[HTTPField.Name("X-Request-Id")!])
            #expect(a.meta["request_id"] as? String == idA)
            let echoed = try await client.call(.get, "/v1/ping", key: app.key, headers: [HTTPField.Name("X-Request-Id")!: "trace-123"])
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "trace-123")
            let unsafe = try await client.call(.get, "/v1/ping", key: app.key, headers: [HTTPField.Name("X-Request-Id")!: "<script>"])
            #expect(unsafe.headers[HTTPField.Name("X-Request-Id")!] != "<script>")
        }
    }

    @Test func requestMetricsAreRecordedPerRouteAndStatus() async throws {
        var app = try await TestApp.make()
        app.dependencies.metrics = PrometheusCollectorRegistry()
        let key = app.key
        try await app.test { client in
            _ = try await client.call(.get, "/v1/ping", key: key)
            _ = try await client.call(.get, "/v1/ping", key: key)
            _ = try await client.call(.get, "/v1/ping", key: "tl_wrong")
            _ = try await client.call(.get, "/no-such-route", key: key)
            let page = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            let lines = page.split(separator: "\n").map(String.init)
            func value(_ metric: String, _ labels: [String]) -> String? {
                lines.first { line in line.hasPrefix(metric + "{") && labels.allSatisfy { line.contains($0) } }?.split(separator: " ").last.map(String.init)
            }
            let ping = [#"http_route="/v1/ping""#, #"http_request_method="GET""#]
            #expect(value("hb_requests", ping + [#"http_response_status_code="200""#]) == "2", "\(page)")
            #expect(value("hb_requests", ping + [#"http_response_status_code="401""#]) == "1", "counted as the 401 it answered, not a 500")
            #expect(value("hb_request_errors", ping + [#"error_type="401""#]) == "1")
            #expect(value("http_server_request_duration_count", ping + [#"http_response_status_code="200""#]) == "2")
            #expect(!page.contains(#"error_type="200""#), "no error counters for successes")
            #expect(value("hb_requests", [#"http_route="NotFound""#, #"http_response_status_code="404""#]) == "1", "\(page)")
            #expect(value("http_server_active_requests", [#"http_request_method="GET""#]) == "1.0", "only the /metrics request itself")
            #expect(!page.contains("trendline_database_clock_offset_seconds"), "SQLite has no clock of its own to be off from")
        }
    }

    @Test func metricsAndOpenAPIAreServed() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(json?["openapi"] as? String == "3.1.0")
            }
        }
    }

    @Test func theDashboardIsServedAndCallsOnlyDocumentedEndpoints() async throws {
        let app = try await TestApp.make()
        try await app.test { client in
            let page = try await client.execute(uri: "/dashboard", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let policy = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                #expect(policy.contains("connect-src 'self'") && policy.contains("frame-ancestors 'none'"), "only this origin, never framed")
                return String(buffer: response.body)
            }
            #expect(page.contains("<title>Trendline</title>") && page.contains("Authorization"))
            #expect(!page.contains("innerHTML"), "API data is written as text, never parsed as HTML")
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .found && response.headers[.location] == "/dashboard")
            }
            // Every API path the page builds is one the API documents (and so serves).
            let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any]
            let documented = try #require(document?["paths"] as? [String: Any]).keys
            let called = page.matches(of: try Regex(#""/v1/[a-z/]*\??"#)).map { String(page[$0.range].dropFirst()) }
            #expect(Set(called).isSuperset(of: ["/v1/usage", "/v1/videos/track", "/v1/videos/", "/v1/videos?"]), "\(called)")
            for path in called {
                let stem = path.hasSuffix("?") ? String(path.dropLast()) : String(path)
                #expect(documented.contains { $0 == stem || $0.hasPrefix(stem) }, "the dashboard calls \(path), which the API does not document")
            }
        }
    }

    /// Every route the router serves is in the OpenAPI document, and every operation the
    /// document names is served.
    @Test func openAPIDocumentAndRouterAgree() async throws {
        let app = try await TestApp.make()
        let router = buildRouter(app.dependencies)
        let routed = Set(router.routes.map { route in
            let path = route.path.description.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }
            return "\(route.method.rawValue.uppercased()) /\(path.joined(separator: "/"))"
        })
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any]
        let paths = try #require(document?["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options"]
        var documented: Set<String> = []
        for (path, item) in paths {
            for key in item.keys where methods.contains(key) { documented.insert("\(key.uppercased()) \(path)") }
        }
        #expect(routed.count > 10)
        #expect(routed.subtracting(documented).isEmpty, "routes missing from openapi.json: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
    }

    /// Every error code the API can answer with is listed in the document's ErrorCode schema.
    @Test func errorCodesAreDocumented() throws {
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any]
        let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let codes = Set(((schemas?["ErrorCode"] as? [String: Any])?["enum"] as? [String]) ?? [])
        let urlErrors: [VideoURLError] = [.empty, .unsupportedHost("x"), .notAVideo(.x, reason: ""), .invalidVideoID(.x, id: "", reason: ""), .unresolvable(.x, reason: "")]
        let expected = Set(urlErrors.map(\.code) + ["UPSTREAM_ERROR", "RATE_LIMIT_EXCEEDED", "PLATFORM_MISMATCH", "VALIDATION_ERROR", "INVALID_JSON", "UNAUTHORIZED", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "METHOD_NOT_ALLOWED", "FORBIDDEN_ORIGIN", "READ_ONLY_KEY"])
        #expect(expected.subtracting(codes).isEmpty, "undocumented: \(expected.subtracting(codes).sorted())")
    }

    /// A video as the API answers it has exactly the fields the document's Video schema lists,
    /// every required one among them: the contract cannot drift from the code unnoticed.
    @Test func aVideoAnswerHasTheFieldsItsSchemaLists() async throws {
        let document = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any]
        let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let video = schemas?["Video"] as? [String: Any]
        let properties = Set(((video?["properties"] as? [String: Any]) ?? [:]).keys)
        let required = Set((video?["required"] as? [String]) ?? [])
        #expect(required == properties, "every field is always present (null when unknown)")
        let app = try await TestApp.make()
        try await app.test { client in
            let tracked = try await client.call(.post, "/v1/videos/track", key: app.key, json: #"{"url":"https://youtu.be/dQw4w9WgXcQ"}"#)
            let id = try #require(tracked.results.first?["video_id"] as? String)
            let listed = try #require(try await client.call(.get, "/v1/videos", key: app.key).dataArray.first)
            #expect(Set(listed.keys) == properties, "the list: extra \(Set(listed.keys).subtracting(properties).sorted()), missing \(properties.subtracting(listed.keys).sorted())")
            let detail = try await client.call(.get, "/v1/videos/\(id)", key: app.key).dataObject
            let shown = Set(detail.keys).subtracting(["snapshots", "has_more_snapshots"])
            #expect(shown == properties, "the detail: extra \(shown.subtracting(properties).sorted()), missing \(properties.subtracting(shown).sorted())")
        }
    }
}
