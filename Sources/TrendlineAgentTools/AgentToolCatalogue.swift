/// The tools `trendline mcp` offers: tracking videos and reading their history, one-off stats,
/// creator lookups, following creators and reviewing what discovery found, webhooks, and usage.
/// Each maps to one endpoint of docs/api.md (a test holds each to an operation of openapi.json).
/// Deleting a tracked video (`DELETE /v1/videos/{id}`, which drops its history) is left out on
/// purpose: an agent's mistake there loses data, and `change_video_tracking` stops a video
/// without losing any.
public enum AgentToolCatalogue {
    public static let all: [AgentTool] = videos + creators + webhooks + account

    static let cadence = #"{"type": "string", "enum": ["hourly", "daily", "adaptive"], "description": "How often the video is checked (default adaptive)."}"#
    static let days = #"{"type": "integer", "minimum": 1, "maximum": 30, "description": "How many days to track (default 30)."}"#
    static let videoID = #"{"type": "string", "description": "The video's id, as track_videos and list_videos return it."}"#

    static let account: [AgentTool] = [
        AgentTool(
            name: "usage",
            description: "The account's plan, tracked videos, snapshots this month, balance and recent ledger.",
            method: "GET", path: "/v1/usage", query: [], body: [],
            inputSchema: #"{"type": "object", "properties": {}}"#),
    ]
}
