import Testing
import TrendlineDomain

/// What a read-only key may do.
struct KeyAccessTests {
    @Test func aReadOnlyKeyReadsAndLooksUpButChangesNothing() {
        for path in ["/v1/videos", "/v1/videos/abc", "/v1/campaigns/Spring/export", "/v1/usage"] {
            #expect(KeyAccess.readOnlyAllows(method: "GET", path: path) && KeyAccess.readOnlyAllows(method: "HEAD", path: path))
        }
        for path in ["/v1/post/stats", "/v1/profile", "/v1/channel/videos", "/v1/median-views", "/v1/email", "/v1/mcp", "/v1/post/stats/"] {
            #expect(KeyAccess.readOnlyAllows(method: "POST", path: path), "a lookup: \(path)")
        }
        #expect(KeyAccess.readOnlyAllows(method: "DELETE", path: "/v1/mcp"), "ending an MCP session changes nothing")
        for (method, path) in [
            ("POST", "/v1/videos/track"), ("PATCH", "/v1/videos/abc"), ("DELETE", "/v1/videos/abc"), ("POST", "/v1/videos/abc/stop"),
            ("PATCH", "/v1/videos"), ("POST", "/v1/videos/stop"), ("POST", "/v1/creators"), ("POST", "/v1/webhooks"), ("POST", "/v1/inbox/approve"),
            ("PATCH", "/v1/post/stats"), ("POST", "/v1/post/stats/extra"),
        ] {
            #expect(!KeyAccess.readOnlyAllows(method: method, path: path), "\(method) \(path)")
        }
    }
}
