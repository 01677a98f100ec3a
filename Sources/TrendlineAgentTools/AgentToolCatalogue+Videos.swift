extension AgentToolCatalogue {
    /// Tracking videos, reading their history, and one-off stats of any video URL.
    static let videos: [AgentTool] = [
        AgentTool(
            name: "track_videos",
            description: "Start tracking up to 50 public video URLs (TikTok, Instagram, YouTube, X, Facebook, LinkedIn; short links too). Snapshots of views, likes, comments, shares and saves are then taken on the cadence for the tracking window. Answers one result per URL, in order.",
            method: "POST", path: "/v1/videos/track", query: [], body: ["urls", "duration_days", "cadence", "notes", "milestones", "campaign"],
            inputSchema: #"{"type": "object", "required": ["urls"], "properties": {"urls": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 50}, "duration_days": \#(days), "cadence": \#(cadence), "notes": {"type": "string", "description": "Markdown notes kept with each video."}, "milestones": {"type": "array", "items": {"type": "integer"}, "description": "View counts that fire a milestone.reached webhook."}, "campaign": {"type": "string", "description": "The campaign the new videos join (videos already tracked keep theirs)."}}}"#),
        AgentTool(
            name: "list_videos",
            description: "The tracked videos with their latest counts, newest first or the most viewed (liked, commented, shared, saved) first with sort, optionally of one campaign or one followed creator, those whose title, author or notes contain words (q), those published (or added) in a range of days, or the one video a URL names. Pass next_cursor from meta back as cursor for the next page, with the same sort.",
            method: "GET", path: "/v1/videos", query: ["platform", "status", "tracking_status", "campaign", "creator_id", "q", "published_from", "published_to", "added_from", "added_to", "url", "sort", "limit", "cursor"], body: [],
            inputSchema: #"{"type": "object", "properties": {"platform": {"type": "string", "enum": ["tiktok", "instagram", "youtube", "x", "facebook", "linkedin"]}, "status": {"type": "string", "enum": ["monitoring", "paused", "completed", "stopped", "unavailable"]}, "tracking_status": {"type": "string", "enum": ["auto_tracked", "pending_review", "included", "direct_add"]}, "campaign": {"type": "string", "description": "Only this campaign's videos (case-sensitive)."}, "creator_id": {"type": "string", "description": "Only the videos discovery added for this creator (its id from list_creators)."}, "q": {"type": "string", "maxLength": 200, "description": "Words every listed video's title, author or notes contains, ignoring case: how to find videos by what they are about or who posted them."}, "published_from": {"type": "string", "description": "Only videos published at or after this day (2026-11-01) or ISO 8601 time."}, "published_to": {"type": "string", "description": "Only videos published at or before this day (to its end) or time."}, "added_from": {"type": "string", "description": "Only videos added to tracking at or after this day or time."}, "added_to": {"type": "string", "description": "Only videos added to tracking at or before this day (to its end) or time."}, "url": {"type": "string", "description": "Only the tracked video this URL names (any form of it, short links too): how to find a video's id from its URL."}, "sort": {"type": "string", "enum": ["newest", "views", "likes", "comments", "shares", "saves", "views_gained_24h", "engagement_rate"], "description": "newest (default), or the most of that counter first (how to find the top videos), views_gained_24h: the fastest growing over the last day first, or engagement_rate: the most engaging first."}, "limit": {"type": "integer", "minimum": 1, "maximum": 100}, "cursor": {"type": "string"}}}"#),
        AgentTool(
            name: "get_video",
            description: "One tracked video with its snapshots (oldest first).",
            method: "GET", path: "/v1/videos/{id}", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(videoID)}}"#),
        AgentTool(
            name: "video_snapshots",
            description: "A page of one video's snapshot history, optionally between two days or ISO 8601 times.",
            method: "GET", path: "/v1/videos/{id}/snapshots", query: ["from", "to", "limit", "cursor"], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(videoID), "from": {"type": "string", "description": "From this day (2026-11-01) or ISO 8601 time."}, "to": {"type": "string", "description": "To this day (to its end) or ISO 8601 time, inclusive."}, "limit": {"type": "integer", "minimum": 1, "maximum": 1000}, "cursor": {"type": "string"}}}"#),
        AgentTool(
            name: "video_history",
            description: "A video's views, likes, comments, shares and saves at each hour or day (as they stood then) with the views gained since the point before: views per day or per hour for a report, from when it was added (or from) to now (or to); at most 1,000 points.",
            method: "GET", path: "/v1/videos/{id}/history", query: ["interval", "from", "to"], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(videoID), "interval": {"type": "string", "enum": ["hour", "day"]}, "from": {"type": "string", "description": "From this day (2026-11-01) or ISO 8601 time."}, "to": {"type": "string", "description": "To this day (to its end) or ISO 8601 time, inclusive."}}}"#),
        AgentTool(
            name: "change_video_tracking",
            description: "Pause, resume or stop tracking a video. Stopping ends it early; the snapshots taken so far stay.",
            method: "POST", path: "/v1/videos/{id}/{action}", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id", "action"], "properties": {"id": \#(videoID), "action": {"type": "string", "enum": ["pause", "resume", "stop"]}}}"#),
        AgentTool(
            name: "change_videos_tracking",
            description: "Pause, resume or stop tracking up to 100 videos at once (ids or URLs); one result per video, a refused one left as it was.",
            method: "POST", path: "/v1/videos/{action}", query: [], body: ["ids"],
            inputSchema: #"{"type": "object", "required": ["action", "ids"], "properties": {"action": {"type": "string", "enum": ["pause", "resume", "stop"]}, "ids": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 100}}}"#),
        AgentTool(
            name: "update_video",
            description: "Replace a tracked video's notes (null clears them), its view milestones and/or its campaign (null takes it out); give duration_days to lengthen or shorten its window from its start (a completed video is tracked again) and cadence to change how often it is checked.",
            method: "PATCH", path: "/v1/videos/{id}", query: [], body: ["notes", "milestones", "campaign", "duration_days", "cadence"],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(videoID), "notes": {"type": ["string", "null"]}, "milestones": {"type": "array", "items": {"type": "integer"}}, "campaign": {"type": ["string", "null"]}, "duration_days": {"type": "integer", "minimum": 1, "maximum": 30}, "cadence": {"type": "string", "enum": ["hourly", "daily", "adaptive"]}}}"#),
        AgentTool(
            name: "update_videos",
            description: "One change for up to 100 tracked videos at once (ids or URLs), as update_video makes it for one: notes, milestones, campaign, duration_days (the window's length from its start) and/or cadence; one result per video, a refused one left unchanged.",
            method: "PATCH", path: "/v1/videos", query: [], body: ["ids", "notes", "milestones", "campaign", "duration_days", "cadence"],
            inputSchema: #"{"type": "object", "required": ["ids"], "properties": {"ids": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 100}, "notes": {"type": ["string", "null"]}, "milestones": {"type": "array", "items": {"type": "integer"}}, "campaign": {"type": ["string", "null"]}, "duration_days": {"type": "integer", "minimum": 1, "maximum": 30}, "cadence": {"type": "string", "enum": ["hourly", "daily", "adaptive"]}}}"#),
        AgentTool(
            name: "refresh_video",
            description: "Take a snapshot of a tracked video now (within the plan's manual refreshes per day) and answer the video with its snapshots.",
            method: "POST", path: "/v1/videos/{id}/refresh", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(videoID)}}"#),
        AgentTool(
            name: "post_stats",
            description: "The current counts of any public video URL, once, without tracking it.",
            method: "POST", path: "/v1/post/stats", query: [], body: ["url"],
            inputSchema: #"{"type": "object", "required": ["url"], "properties": {"url": {"type": "string"}}}"#),
    ]
}
