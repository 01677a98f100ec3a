/// The tools `trendline mcp` offers: tracking videos and reading their history, one-off stats,
/// creator lookups, following creators and reviewing what discovery found, webhooks, and usage.
/// Each maps to one endpoint of docs/api.md (a test holds each to an operation of openapi.json).
/// Deleting tracked videos (`DELETE /v1/videos/{id}`, `POST /v1/videos/delete`, which drop their history) is left out on
/// purpose: an agent's mistake there loses data, and `change_video_tracking` stops a video
/// without losing any. So is removing a campaign (`DELETE /v1/campaigns/{name}`): it ungroups
/// every video of it, which the agent could not put back.
public enum AgentToolCatalogue {
    public static let all: [AgentTool] = videos + campaigns + creators + webhooks + account

    static let cadence = #"{"type": "string", "enum": ["hourly", "daily", "adaptive"], "description": "How often the video is checked (default adaptive)."}"#
    static let days = #"{"type": "integer", "minimum": 1, "maximum": 30, "description": "How many days to track (default 30)."}"#
    static let videoID = #"{"type": "string", "description": "The video's id, as track_videos and list_videos return it."}"#

    /// Campaigns: the names videos are grouped under, and each one's summed counts.
    static let campaigns: [AgentTool] = [
        AgentTool(
            name: "list_campaigns",
            description: "The account's campaigns (names given to videos with track_videos or update_video), with how many videos each holds, newest first.",
            method: "GET", path: "/v1/campaigns", query: [], body: [],
            inputSchema: #"{"type": "object", "properties": {}}"#),
        AgentTool(
            name: "campaign_report",
            description: "A campaign's aggregate analytics: its videos' newest views, likes, comments, shares and saves summed, the engagement rate, the same per platform and per author (which creator delivered what), how many videos are in each status, and the 10 most viewed videos; published_from/published_to narrow it to the posts of a period.",
            method: "GET", path: "/v1/campaigns/{name}", query: ["published_from", "published_to"], body: [],
            inputSchema: #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "description": "The campaign's name, as list_campaigns shows it."}, "published_from": {"type": "string", "description": "Only the campaign's videos published at or after this day (2026-11-01) or ISO 8601 time: a month's posts."}, "published_to": {"type": "string", "description": "Only those published at or before this day (to its end) or time."}}}"#),
        AgentTool(
            name: "campaign_history",
            description: "A campaign's summed views, likes, comments, shares and saves at each hour or day (each video as it stood then) with the views gained since the point before, from when its first video joined (or from) to now (or to); at most 1,000 points.",
            method: "GET", path: "/v1/campaigns/{name}/history", query: ["interval", "from", "to", "published_from", "published_to"], body: [],
            inputSchema: #"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "description": "The campaign's name, as list_campaigns shows it."}, "interval": {"type": "string", "enum": ["hour", "day"]}, "from": {"type": "string", "description": "From this day (2026-11-01) or ISO 8601 time."}, "to": {"type": "string", "description": "To this day (to its end) or ISO 8601 time, inclusive."}, "published_from": {"type": "string", "description": "Only the campaign's videos published at or after this day (2026-11-01) or ISO 8601 time: a month's posts."}, "published_to": {"type": "string", "description": "Only those published at or before this day (to its end) or time."}}}"#),
        AgentTool(
            name: "add_videos_to_campaign",
            description: "Move up to 100 tracked videos (ids from list_videos) into a campaign, which need not exist yet; one result per id, with the campaign each left.",
            method: "POST", path: "/v1/campaigns/{name}/videos", query: [], body: ["ids"],
            inputSchema: #"{"type": "object", "required": ["name", "ids"], "properties": {"name": {"type": "string", "description": "The campaign to move them into."}, "ids": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 100}}}"#),
        AgentTool(
            name: "rename_campaign",
            description: "Rename a campaign on all its videos and followed creators at once; renaming to a name in use merges the two campaigns.",
            method: "PATCH", path: "/v1/campaigns/{name}", query: [], body: ["new_name"],
            inputSchema: #"{"type": "object", "required": ["name", "new_name"], "properties": {"name": {"type": "string", "description": "The campaign's current name."}, "new_name": {"type": "string"}}}"#),
    ]

    static let account: [AgentTool] = [
        AgentTool(
            name: "usage",
            description: "The account's plan, tracked videos, snapshots this month, balance and recent ledger.",
            method: "GET", path: "/v1/usage", query: [], body: [],
            inputSchema: #"{"type": "object", "properties": {}}"#),
    ]
}
