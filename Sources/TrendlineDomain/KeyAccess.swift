/// What a read-only API key may do (``APIKey/readOnly``): read (`GET`, `HEAD`), the one-off
/// lookups that store nothing (a post's stats, a creator's profile, channel videos, median views,
/// e-mail), and speak MCP, whose tool calls are each checked as a request of their own. Nothing
/// that tracks, changes, stops or deletes: the key to give a brand that should see its
/// campaign's figures and nothing more.
public enum KeyAccess {
    /// The `/v1` lookups a read-only key may `POST` to; `/v1/mcp` takes every method and is not here.
    public static let lookups: Set<String> = ["/v1/post/stats", "/v1/profile", "/v1/channel/videos", "/v1/median-views", "/v1/email"]

    /// Whether a read-only key may send `method` to `path` (a `/v1` path, after aliases).
    public static func readOnlyAllows(method: String, path: String) -> Bool {
        if method == "GET" || method == "HEAD" { return true }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/v1/mcp" { return true }
        return method == "POST" && lookups.contains(String(trimmed))
    }
}
