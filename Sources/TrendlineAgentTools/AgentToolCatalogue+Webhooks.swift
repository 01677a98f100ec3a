extension AgentToolCatalogue {
    static let webhookID = #"{"type": "string", "description": "The webhook's id, as create_webhook and list_webhooks return it."}"#
    static let events = #"{"type": "array", "items": {"type": "string", "enum": ["snapshot.created", "tracking.completed", "video.unavailable", "video.discovered", "milestone.reached"]}, "minItems": 1, "description": "The events to send."}"#

    /// Endpoints Trendline POSTs its events to, and their deliveries.
    static let webhooks: [AgentTool] = [
        AgentTool(
            name: "create_webhook",
            description: "Register an https URL that Trendline POSTs the chosen events to, signed with HMAC-SHA256. The answer holds the signing secret, shown this once only.",
            method: "POST", path: "/v1/webhooks", query: [], body: ["url", "events", "description", "secret"],
            inputSchema: #"{"type": "object", "required": ["url", "events"], "properties": {"url": {"type": "string"}, "events": \#(events), "description": {"type": "string"}, "secret": {"type": "string", "description": "The receiver's own signing secret (16-200 printable ASCII characters); left out, a random one is made."}}}"#),
        AgentTool(
            name: "list_webhooks",
            description: "The account's webhooks, with their events, whether enabled, and since when failing.",
            method: "GET", path: "/v1/webhooks", query: [], body: [],
            inputSchema: #"{"type": "object", "properties": {}}"#),
        AgentTool(
            name: "get_webhook",
            description: "One webhook.",
            method: "GET", path: "/v1/webhooks/{id}", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(webhookID)}}"#),
        AgentTool(
            name: "update_webhook",
            description: "Change a webhook's URL, events or description (null clears it), or enable or disable it (enabling turns a disabled one back on).",
            method: "PATCH", path: "/v1/webhooks/{id}", query: [], body: ["url", "events", "description", "enabled"],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(webhookID), "url": {"type": "string"}, "events": \#(events), "description": {"type": ["string", "null"]}, "enabled": {"type": "boolean"}}}"#),
        AgentTool(
            name: "delete_webhook",
            description: "Remove a webhook; nothing more is sent to it.",
            method: "DELETE", path: "/v1/webhooks/{id}", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(webhookID)}}"#),
        AgentTool(
            name: "test_webhook",
            description: "Queue a webhook.test event to the webhook, to check the receiver.",
            method: "POST", path: "/v1/webhooks/{id}/test", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(webhookID)}}"#),
        AgentTool(
            name: "webhook_deliveries",
            description: "A webhook's recent deliveries, newest first: status, attempts, last status code and latency, next retry.",
            method: "GET", path: "/v1/webhooks/{id}/deliveries", query: ["limit"], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(webhookID), "limit": {"type": "integer", "minimum": 1, "maximum": 200, "description": "How many (default 50)."}}}"#),
        AgentTool(
            name: "redeliver_webhook",
            description: "Send one delivery of a webhook again.",
            method: "POST", path: "/v1/webhooks/{id}/deliveries/{delivery}/redeliver", query: [], body: [],
            inputSchema: #"{"type": "object", "required": ["id", "delivery"], "properties": {"id": \#(webhookID), "delivery": {"type": "string", "description": "The delivery's id, as webhook_deliveries returns it."}}}"#),
        AgentTool(
            name: "replay_webhook",
            description: "Send every failed delivery of a webhook again (optionally only those since a time): after its receiver was down.",
            method: "POST", path: "/v1/webhooks/{id}/replay", query: ["since"], body: [],
            inputSchema: #"{"type": "object", "required": ["id"], "properties": {"id": \#(webhookID), "since": {"type": "string", "description": "Only deliveries made at or after this day (2026-11-01) or ISO 8601 time."}}}"#),
    ]
}
