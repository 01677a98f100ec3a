extension AgentToolCatalogue {
    static let creatorID = #"{"type": "string", "description": "The followed creator's id, as follow_creator and list_creators return it."}"#
    /// How a lookup names a creator: a profile URL, or a username and its platform.
    static let creatorNaming = #""url": {"type": "string", "description": "The creator's profile URL."}, "username": {"type": "string", "description": "The username (a leading @ is fine; YouTube takes @handle or a UC... channel id), with platform."}, "platform": {"type": "string", "enum": ["tiktok", "instagram", "youtube", "x"]}"#

    /// Looking creators up once, following them (discovery tracks their new videos), and the
    /// review inbox of what discovery found.
    static let creators: [AgentTool] = [
        AgentTool(
            name: "creator_profile",
            description: "A creator's public profile once, without following them: name, bio, followers, following, posts and whether verified. Name the creator by url, or by username and platform.",
            method: "POST", path: "/v1/profile", query: [], body: ["url", "username", "platform"],
            inputSchema: #"{"type": "object", "properties": {\#(creatorNaming)}}"#),
        AgentTool(
            name: "creator_videos",
            description: "A creator's recent videos, newest first, with their counts and a URL track_videos takes as is.",
            method: "POST", path: "/v1/channel/videos", query: [], body: ["url", "username", "platform", "count"],
            inputSchema: #"{"type": "object", "properties": {\#(creatorNaming), "count": {"type": "integer", "minimum": 1, "maximum": 50, "description": "How many videos (default 20)."}}}"#),
        AgentTool(
            name: "creator_median_views",
            description: "The median views of a creator's recent videos, with the counts it was taken over.",
            method: "POST", path: "/v1/median-views", query: [], body: ["url", "username", "platform"],
            inputSchema: #"{"type": "object", "properties": {\#(creatorNaming)}}"#),
        AgentTool(
            name: "creator_email",
            description: "The e-mail addresses a creator has written in their bio or linked page (never guessed; found is false when there is none).",
            method: "POST", path: "/v1/email", query: [], body: ["url", "username", "platform"],
            inputSchema: #"{"type": "object", "properties": {\#(creatorNaming)}}"#),
        AgentTool(
            name: "follow_creator",
            description: "Follow a creator by profile URL (or username and platform): their new videos are tracked automatically (mode auto) or put in the review inbox (mode selective).",
            method: "POST", path: "/v1/creators", query: [],
            body: ["url", "username", "platform", "mode", "discovery_interval_hours", "duration_days", "cadence", "notes", "campaign"],
            inputSchema: #"{"type": "object", "properties": {"url": {"type": "string"}, "username": {"type": "string"}, "platform": {"type": "string", "enum": ["tiktok", "instagram", "youtube", "x"]}, "mode": {"type": "string", "enum": ["auto", "selective"]}, "discovery_interval_hours": {"type": "number"}, "duration_days": \#(days), "cadence": \#(cadence), "notes": {"type": "string"}, "campaign": {"type": "string", "description": "The campaign each discovered video joins."}}}"#),
        AgentTool(
            name: "list_creators",
            description: "The followed creators with their latest profile and how many videos discovery added.",
            method: "GET", path: "/v1/creators", query: [], body: [],
            inputSchema: #"{"type": "object", "properties": {}}"#),
        AgentTool(
            name: "get_creator",
            description: "One followed creator: its latest profile, videos discovered, last and next check, last error, the newest 100 follower readings, and its discovered videos' counts summed (video_totals).",
            method: "GET", path: "/v1/creators/{id}", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(creatorID)}}"#),
        AgentTool(
            name: "creator_history",
            description: "A followed creator's follower history (followers, following, posts at each check): the newest readings, oldest first.",
            method: "GET", path: "/v1/creators/{id}/history", query: ["limit"], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(creatorID), "limit": {"type": "integer", "minimum": 1, "maximum": 5000, "description": "How many readings (default 500)."}}}"#),
        AgentTool(
            name: "update_creator",
            description: "Change how a followed creator is followed: mode, discovery interval, notes (null clears them), and the duration, cadence and campaign (null: none) of videos discovered from now on.",
            method: "PATCH", path: "/v1/creators/{id}", query: [], body: ["mode", "discovery_interval_hours", "notes", "duration_days", "cadence", "campaign"],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(creatorID), "mode": {"type": "string", "enum": ["auto", "selective"]}, "discovery_interval_hours": {"type": "number"}, "notes": {"type": ["string", "null"]}, "duration_days": \#(days), "cadence": \#(cadence), "campaign": {"type": ["string", "null"]}}}"#),
        AgentTool(
            name: "unfollow_creator",
            description: "Stop following a creator: discovery stops; the videos it already added keep being tracked.",
            method: "DELETE", path: "/v1/creators/{id}", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(creatorID)}}"#),
        AgentTool(
            name: "list_inbox",
            description: "Videos discovery found for creators in selective mode, waiting for review (not snapshotted until approved).",
            method: "GET", path: "/v1/inbox", query: ["limit", "cursor"], body: [],
            inputSchema: #"{"type": "object", "properties": {"limit": {"type": "integer", "minimum": 1, "maximum": 100}, "cursor": {"type": "string"}}}"#),
        AgentTool(
            name: "review_inbox",
            description: "Approve inbox videos (their tracking starts now) or exclude them (never listed or added again). Answers one result per id.",
            method: "POST", path: "/v1/inbox/{decision}", query: [], body: ["ids"],
            inputSchema: #"{"type": "object", "required": ["decision", "ids"], "properties": {"decision": {"type": "string", "enum": ["approve", "exclude"]}, "ids": {"type": "array", "items": {"type": "string"}, "minItems": 1}}}"#),
    ]
}
