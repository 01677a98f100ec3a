#!/usr/bin/env python3
"""Writes Sources/TrendlineAPI/Resources/openapi.json, the contract of the REST API.

Edit this file, run `python3 scripts/openapi.py`, and commit both. The test
MetaEndpointTests.openAPIDocumentAndRouterAgree fails when the router and this
document disagree.
"""
import json
import pathlib
import sys

PLATFORMS = ["tiktok", "instagram", "youtube", "x", "facebook", "linkedin"]
STATUSES = ["monitoring", "paused", "completed", "stopped", "unavailable"]
CADENCES = ["hourly", "daily", "adaptive"]
ERROR_CODES = [
    "VALIDATION_ERROR", "INVALID_JSON", "UNAUTHORIZED", "NOT_FOUND", "CONFLICT",
    "PAYLOAD_TOO_LARGE", "INVALID_URL", "INVALID_USERNAME", "NOT_A_PROFILE_URL", "CREATOR_NOT_FOUND",
    "UPSTREAM_RATE_LIMITED", "PROVIDER_UNAVAILABLE", "NOT_PENDING", "UNSUPPORTED_PLATFORM", "NOT_A_VIDEO_URL",
    "INVALID_VIDEO_ID", "UNRESOLVABLE_SHORT_LINK", "PLATFORM_MISMATCH", "RATE_LIMIT_EXCEEDED",
    "UPSTREAM_ERROR", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "SUBSCRIPTION_LIMIT", "INSUFFICIENT_BALANCE",
    "METHOD_NOT_ALLOWED", "FORBIDDEN_ORIGIN", "READ_ONLY_KEY", "VIDEO_UNAVAILABLE",
    "MALFORMED_REQUEST", "HEADERS_TOO_LARGE", "UNSUPPORTED_ENCODING",
]


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    return {"oneOf": [schema, {"type": "null"}]}


def count():
    return {"type": ["integer", "null"], "format": "int64", "minimum": 0,
            "description": "null when the platform did not report it (never turned into 0)"}


def date_time(description=None, null=False):
    schema = {"type": ["string", "null"] if null else "string", "format": "date-time"}
    if description:
        schema["description"] = description
    return schema


def success(data_schema, meta_properties=None, description="OK"):
    meta = {"type": "object", "required": ["request_id"],
            "properties": {"request_id": {"type": "string"}, **(meta_properties or {})}}
    return {"description": description, "headers": {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}},
            "content": {"application/json": {"schema": {
                "type": "object", "required": ["ok", "data", "meta"],
                "properties": {"ok": {"const": True}, "data": data_schema, "meta": meta}}}}}


def error(description):
    return {"description": description, "headers": {"X-Request-Id": {"$ref": "#/components/headers/RequestId"}},
            "content": {"application/json": {"schema": ref("ErrorEnvelope")}}}


CAMPAIGN = {"type": "string", "minLength": 1, "maxLength": 100,
            "description": "A campaign name: trimmed, case kept, at most 100 characters, no control characters."}


ERRORS_AUTH = {"401": {"$ref": "#/components/responses/Unauthorized"}}
ERRORS_ID = {**ERRORS_AUTH, "404": {"$ref": "#/components/responses/NotFound"}}
ID_PARAM = {"name": "id", "in": "path", "required": True,
            "description": "The tracked video's id (the `video_id` returned by track).",
            "schema": {"type": "string", "format": "uuid"}}
HOOK_PARAM = {"name": "id", "in": "path", "required": True, "description": "The webhook endpoint's id.",
              "schema": {"type": "string", "format": "uuid"}}
WEBHOOK_EVENTS = ["snapshot.created", "tracking.completed", "video.unavailable", "video.discovered", "milestone.reached"]
REVIEW_STATUSES = ["auto_tracked", "pending_review", "included", "direct_add"]
CREATOR_PLATFORMS = ["tiktok", "instagram", "youtube", "x"]
MILESTONES = {"type": "array", "maxItems": 20, "items": {"type": "integer", "format": "int64", "minimum": 1},
              "description": "View counts announced by `milestone.reached` webhooks the first time a snapshot reaches them."}
IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "required": False,
                 "description": "The `ETag` of the copy the client holds; when it is still current the answer is `304` with no body.",
                 "schema": {"type": "string"}}
ETAG_HEADER = {"description": "Names this body in this coding (the gzip form has its own tag); it changes only with a new build.",
               "schema": {"type": "string"}}
NOT_MODIFIED = {"description": "The client's copy (`If-None-Match`) is current; no body.", "headers": {"ETag": ETAG_HEADER}}
PAGINATION = {"next_cursor": {"type": ["string", "null"]}, "has_more": {"type": "boolean"},
              "count": {"type": "integer"}}
BOUNDS = {"published": ("the platform says were published", "A video whose publication time is not known yet is left out."),
          "added": ("whose tracking was added", "")}


DAY_OR_TIME = {"from": "A day (`2026-11-01`, from its start, UTC) or an ISO 8601 time.",
               "to": "A day (`2026-11-01`, to its end, UTC) or an ISO 8601 time. Inclusive.",
               "since": "A day (`2026-11-01`, from its start, UTC) or an ISO 8601 time."}


def day_or_time(end, more=""):
    """A `from`, `to` or `since` query parameter: a day or a time."""
    return {"name": end, "in": "query", "schema": {"type": "string"}, "description": f"{DAY_OR_TIME[end]} {more}".strip()}


def bound_params(name):
    """`<name>_from` and `<name>_to`: a day or a time, inclusive."""
    what, extra = BOUNDS[name]
    return [{"name": f"{name}_{end}", "in": "query", "schema": {"type": "string"},
             "description": f"Only the videos {what} {'at or after' if end == 'from' else 'at or before'} this time: a day (`2026-11-01`, "
                            f"{'from its start' if end == 'from' else 'to its end'}, UTC) or an ISO 8601 time. Inclusive. {extra}".strip()}
            for end in ["from", "to"]]


VIDEO_FILTERS = [
    {"name": "platform", "in": "query", "schema": {"type": "string", "enum": PLATFORMS + ["twitter"]},
     "description": "`twitter` is accepted for `x`."},
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": STATUSES + ["error"]},
     "description": "error is read as unavailable (the name ContentStats gives a video that can no longer be read)."},
    {"name": "tracking_status", "in": "query", "schema": {"type": "string", "enum": REVIEW_STATUSES},
     "description": "How the video got here. Excluded videos are never listed."},
    {"name": "campaign", "in": "query", "schema": CAMPAIGN, "description": "Only the videos of this campaign (the name as stored, case-sensitive; `+` reads as a space, `%2B` is a plus)."},
    {"name": "creator_id", "in": "query", "schema": {"type": "string", "format": "uuid"}, "description": "Only the videos discovery added for this followed creator."},
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200},
     "description": "Only the videos whose title, author or notes contain every word of this text (at most 10 words), ignoring case (of every letter; on PostgreSQL as the database's locale folds letters, ASCII only under the C locale). `%` and `_` are plain letters; blank text narrows nothing."},
    *bound_params("published"),
    *bound_params("added"),
    {"name": "url", "in": "query", "schema": {"type": "string", "maxLength": 2048},
     "description": "Only this video, named by any of its URLs (percent-encoded; a short link is followed as track follows it). A URL that is not a video, or of another platform than `platform`, is a 400."},
    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["newest", "views", "likes", "comments", "shares", "saves", "views_gained_24h", "engagement_rate"], "default": "newest"},
     "description": "The order: the newest tracking first, or the most of a counter first as each video's tracking sees it (a stopped or completed tracking by its counts at its end), or views_gained_24h: the most views gained in the day up to the newest snapshot first (the fastest growing), or engagement_rate: the highest first (ranked in parts per million). Videos without the value last, ties newest first. A cursor continues only the sort it came from."},
]
VIDEO_CSV_DESCRIPTION = ("Columns: id, platform, url, canonical_url, author, title, status, tracking_status, views, likes, comments, "
                         "shares, saves, last_snapshot_at, created_at, campaign, views_gained_24h, published_at. A count or time not reported is empty. Text that a spreadsheet "
                         "would run as a formula (starting with =, +, -, @) gets a leading '.")


def csv_file(description):
    return {"description": description, "headers": {"X-Request-Id": {"$ref": "#/components/headers/RequestId"},
                                                    "Content-Disposition": {"schema": {"type": "string"}}},
            "content": {"text/csv": {"schema": {"type": "string"}}}}



CREATOR_PARAM = {"name": "id", "in": "path", "required": True, "description": "The followed creator's id.",
                 "schema": {"type": "string", "format": "uuid"}}
CREATOR_BODY = {"type": "object", "properties": {
    "url": {"type": "string", "description": "A profile URL: tiktok.com/@name, instagram.com/name, youtube.com/@handle or /channel/UC..., x.com/name."},
    "username": {"type": "string", "description": "With `platform`, instead of `url`; a leading @ is fine."},
    "platform": {"type": "string", "enum": CREATOR_PLATFORMS + ["twitter"]}}}
CREATOR_BODY_COUNT = {"type": "object", "properties": {**CREATOR_BODY["properties"],
                      "count": {"type": "integer", "minimum": 1, "maximum": 50, "default": 20}}}
LOOKUP_META = {"cached": {"type": "boolean"}, "platform": {"type": "string", "enum": CREATOR_PLATFORMS}}
LOOKUP_ERRORS = {
    "400": error("Neither url nor username + platform, or a bad field."), **ERRORS_AUTH,
    "404": error("CREATOR_NOT_FOUND: no public creator by that name."),
    "422": error("The URL is not a profile URL, the username is invalid, or the platform has no creator support."),
    "429": error("UPSTREAM_RATE_LIMITED: the platform throttles; Retry-After when it said."),
    "502": error("UPSTREAM_ERROR: the platform failed."),
    "503": error("PROVIDER_UNAVAILABLE: no provider can run (e.g. no API key)."),
}


# What PATCH /v1/videos/{id} and PATCH /v1/videos change.
VIDEO_EDIT_PROPERTIES = {
    "notes": {"type": ["string", "null"], "maxLength": 20000},
    "milestones": MILESTONES,
    "campaign": {"oneOf": [CAMPAIGN, {"type": "null"}]},
    "duration_days": {"type": "integer", "minimum": 1, "maximum": 30},
    "cadence": {"type": "string", "enum": CADENCES},
}


def bulk_results(done, codes):
    """The answer of an operation on up to 100 videos named by id or URL: one result per name."""
    return success({"type": "array", "items": {"type": "object", "required": ["id", "status", "video", "error"], "properties": {
        "id": {"type": "string", "description": "The name as given."},
        "status": {"type": "string", "enum": [done, "error"]},
        "video": nullable(ref("Video")),
        "error": nullable({"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "enum": codes}, "message": {"type": "string"}}})}}},
        meta_properties={"summary": {"type": "object", "properties": {
            "total": {"type": "integer"}, done: {"type": "integer"}, "errors": {"type": "integer"}}}})


def bulk_status(action, summary, done):
    return {"post": {
        "operationId": f"{action}Videos", "summary": summary + " Videos named by id or URL; one result per name, in order.",
        "description": f"Each video is changed as POST /v1/videos/{{id}}/{action} changes one; a refused one (`CONFLICT`, or `NOT_FOUND` for a name "
                       "the account does not track) is an `error` result, the others are changed.",
        "tags": ["videos"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["ids"], "properties": {
            "ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "string"}}}}}}},
        "responses": {"200": bulk_results(done, ["NOT_FOUND", "CONFLICT"]), "400": error("No ids, or more than 100."), **ERRORS_AUTH}}}


def review_operation(operation_id, summary, done):
    return {"operationId": operation_id, "summary": summary + " One result per id, in order.", "tags": ["creators"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["ids"], "properties": {
                "ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "string"}}}}}}},
            "responses": {"200": success({"type": "array", "items": {"type": "object", "required": ["id", "status", "tracking_status", "error"], "properties": {
                "id": {"type": "string"}, "status": {"type": "string", "enum": [done, "error"]},
                "tracking_status": {"type": ["string", "null"], "enum": REVIEW_STATUSES + [None]},
                "error": nullable({"type": "object", "required": ["code", "message"], "properties": {
                    "code": {"type": "string", "enum": ["NOT_FOUND", "NOT_PENDING"]}, "message": {"type": "string"}}})}}},
                meta_properties={"summary": {"type": "object"}}),
                "400": error("No ids, or more than 100."), **ERRORS_AUTH}}

def status_action(name, summary, conflict):
    return {"post": {
        "operationId": f"{name}Video", "summary": summary, "tags": ["videos"],
        "parameters": [ID_PARAM],
        "responses": {"200": success(ref("Video")), **ERRORS_ID, "409": error(conflict)}}}


paths = {
    "/v1/profile": {"post": {
        "operationId": "getProfile", "summary": "A creator's profile: names, bio, followers, following, posts, verification; cached (meta.cached).",
        "tags": ["creators"], "requestBody": {"required": True, "content": {"application/json": {"schema": CREATOR_BODY}}},
        "responses": {"200": success(ref("Profile"), meta_properties=LOOKUP_META), **LOOKUP_ERRORS}}},
    "/v1/channel/videos": {"post": {
        "operationId": "getChannelVideos", "summary": "A creator's recent videos with their counts, newest first; cached.",
        "tags": ["creators"], "requestBody": {"required": True, "content": {"application/json": {"schema": CREATOR_BODY_COUNT}}},
        "responses": {"200": success(ref("ChannelVideos"), meta_properties=LOOKUP_META), **LOOKUP_ERRORS}}},
    "/v1/median-views": {"post": {
        "operationId": "getMedianViews", "summary": "The median views of a creator's recent videos; cached.",
        "tags": ["creators"], "requestBody": {"required": True, "content": {"application/json": {"schema": CREATOR_BODY_COUNT}}},
        "responses": {"200": success(ref("MedianViews"), meta_properties=LOOKUP_META), **LOOKUP_ERRORS}}},
    "/v1/email": {"post": {
        "operationId": "getEmail", "summary": "A contact e-mail written in the creator's bio or external link (obfuscations like 'name [at] domain' read); never guessed.",
        "tags": ["creators"], "requestBody": {"required": True, "content": {"application/json": {"schema": CREATOR_BODY}}},
        "responses": {"200": success(ref("Email"), meta_properties=LOOKUP_META), **LOOKUP_ERRORS}}},
    "/v1/creators": {
        "post": {
            "operationId": "followCreator", "summary": "Follow a creator: discovery adds their new videos (auto: tracked at once; selective: to the inbox).",
            "tags": ["creators"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "properties": {
                **CREATOR_BODY["properties"],
                "mode": {"type": "string", "enum": ["auto", "selective"], "default": "auto"},
                "discovery_interval_hours": {"type": "number", "description": "Default 6 (or the plan's floor if longer); never below the plan's floor."},
                "duration_days": {"type": "integer", "minimum": 1, "maximum": 30, "default": 30, "description": "How long each discovered video is tracked."},
                "cadence": {"type": "string", "enum": CADENCES, "default": "adaptive", "description": "How often each discovered video is checked."},
                "notes": {"type": "string", "maxLength": 20000},
                "campaign": {**CAMPAIGN, "description": "The campaign each discovered video joins."}}}}}},
            "responses": {"201": success(ref("Creator"), meta_properties={"already_following": {"const": False}}, description="Following."),
                          "200": success(ref("Creator"), meta_properties={"already_following": {"const": True}}, description="Already followed."),
                          "400": error("A missing or bad field."), **ERRORS_AUTH,
                          "403": error("SUBSCRIPTION_LIMIT: the plan's creator limit, an interval below its discovery floor, or a cadence it does not offer."),
                          "422": error("The URL or username cannot name a creator.")}},
        "get": {"operationId": "listCreators", "summary": "The followed creators, newest first.", "tags": ["creators"],
                "responses": {"200": success({"type": "array", "items": ref("Creator")}, meta_properties={"count": {"type": "integer"}}), **ERRORS_AUTH}}},
    "/v1/creators/{id}": {
        "get": {"operationId": "getCreator", "summary": "One creator with the newest 100 follower readings.", "tags": ["creators"],
                "parameters": [CREATOR_PARAM],
                "responses": {"200": success({"type": "object", "required": ["creator", "follower_history", "video_totals"], "properties": {
                    "creator": ref("Creator"), "follower_history": {"type": "array", "items": ref("FollowerPoint")},
                    "video_totals": {"allOf": [ref("CountTotals")],
                                     "description": "The videos its discovery added (those waiting in the inbox left out), their newest counts summed as a campaign's are."}}}),
                             **ERRORS_ID}},
        "patch": {"operationId": "updateCreator", "summary": "Change mode, discovery interval, notes, or the tracking terms and campaign of videos discovered from now on.", "tags": ["creators"],
                  "parameters": [CREATOR_PARAM],
                  "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "minProperties": 1, "properties": {
                      "mode": {"type": "string", "enum": ["auto", "selective"]}, "discovery_interval_hours": {"type": "number"},
                      "notes": {"type": ["string", "null"]}, "duration_days": {"type": "integer", "minimum": 1, "maximum": 30},
                      "cadence": {"type": "string", "enum": CADENCES},
                      "campaign": {"oneOf": [CAMPAIGN, {"type": "null"}], "description": "`null`: discovered videos join no campaign."}}}}}},
                  "responses": {"200": success(ref("Creator")), "400": error("Nothing to change, or a bad field."),
                                "403": error("SUBSCRIPTION_LIMIT: below the plan's discovery floor, or a cadence it does not offer."), **ERRORS_ID}},
        "delete": {"operationId": "unfollowCreator", "summary": "Unfollow; videos already added stay tracked.", "tags": ["creators"],
                   "parameters": [CREATOR_PARAM],
                   "responses": {"200": success({"type": "object", "required": ["id", "deleted"], "properties": {
                       "id": {"type": "string", "format": "uuid"}, "deleted": {"const": True}}}), **ERRORS_ID}}},
    "/v1/creators/{id}/history": {"get": {
        "operationId": "getCreatorHistory", "summary": "The follower history (one reading per discovery check), oldest first.",
        "tags": ["creators"], "parameters": [CREATOR_PARAM, {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000, "default": 500}}],
        "responses": {"200": success({"type": "array", "items": ref("FollowerPoint")}, meta_properties={"creator_id": {"type": "string"}, "count": {"type": "integer"}}), **ERRORS_ID}}},
    "/v1/campaigns": {"get": {
        "operationId": "listCampaigns", "summary": "The account's campaigns (names its videos carry), the newest addition first.",
        "tags": ["campaigns"],
        "responses": {"200": success({"type": "array", "items": ref("CampaignSummary")}, meta_properties={"count": {"type": "integer"}}), **ERRORS_AUTH}}},
    "/v1/campaigns/{name}": {"get": {
        "operationId": "getCampaign",
        "summary": "A campaign's aggregate analytics: its videos' newest counts summed, per platform, per status, and its top videos by views.",
        "description": "Videos waiting in the inbox (`pending_review`) are in `videos` and `pending_review` but not in the figures. "
                       "The name is percent-encoded in the path (`Spring%20launch`).",
        "tags": ["campaigns"],
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": CAMPAIGN}, *bound_params("published")],
        "responses": {"200": success(ref("CampaignReport")), "400": error("Not a campaign name (field `campaign`)."),
                      **ERRORS_AUTH, "404": error("NOT_FOUND: no video of this account carries the name.")}},
        "patch": {
            "operationId": "renameCampaign",
            "summary": "Rename the campaign on all its videos and followed creators at once; a name already in use merges the two.",
            "tags": ["campaigns"],
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": CAMPAIGN}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "oneOf": [{"required": ["name"]}, {"required": ["new_name"]}], "properties": {
                "name": {**CAMPAIGN, "description": "The new name."},
                "new_name": {**CAMPAIGN, "description": "The same as `name` (the agent tool's name for it); send one of the two."}}}}}},
            "responses": {"200": success(ref("CampaignChange")), "400": error("No new name, or not a campaign name (field `name`)."),
                          **ERRORS_AUTH, "404": error("NOT_FOUND: no video or creator of this account carries the name.")}},
        "delete": {
            "operationId": "deleteCampaign",
            "summary": "Take the name off all its videos and followed creators; the videos stay tracked with their history.",
            "tags": ["campaigns"],
            "parameters": [{"name": "name", "in": "path", "required": True, "schema": CAMPAIGN}],
            "responses": {"200": success(ref("CampaignChange")), "400": error("Not a campaign name (field `campaign`)."),
                          **ERRORS_AUTH, "404": error("NOT_FOUND: no video or creator of this account carries the name.")}}},
    "/v1/campaigns/{name}/export": {"get": {
        "operationId": "exportCampaign",
        "summary": "Every video of the campaign with its newest counts, as CSV for a spreadsheet (RFC 4180, CRLF lines, a header row).",
        "description": VIDEO_CSV_DESCRIPTION + " With `interval`, the campaign's history on that grid instead, as GET "
                       "/v1/campaigns/{name}/history answers it (from, to and the 1,000-point limit alike): at, videos, "
                       "videos_with_snapshots, views, likes, comments, shares, saves, engagement_rate, views_gained (the change in "
                       "summed views since the point before), in a file named campaign-NAME-INTERVAL.csv.",
        "tags": ["campaigns"],
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": CAMPAIGN}, *bound_params("published"),
                       {"name": "interval", "in": "query", "schema": {"type": "string", "enum": ["hour", "day"]},
                        "description": "The campaign's summed counts at each whole UTC hour or day instead of its videos."},
                       day_or_time("from", "With interval."),
                       day_or_time("to", "With interval.")],
        "responses": {"200": csv_file("The CSV file, named campaign-NAME.csv (campaign-NAME-INTERVAL.csv with interval)."),
                      "400": error("Not a campaign name (field `campaign`), or with interval a bad interval or date, or more than 1,000 points."), **ERRORS_AUTH,
                      "404": error("NOT_FOUND: no video of this account carries the name.")}}},
    "/v1/campaigns/{name}/videos": {"post": {
        "operationId": "addCampaignVideos",
        "summary": "Move up to 100 tracked videos (by id) into the campaign, which need not exist yet. One result per id, in order.",
        "tags": ["campaigns"],
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": CAMPAIGN}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["ids"], "properties": {
            "ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "string"}}}}}}},
        "responses": {"200": success({"type": "array", "items": {"type": "object", "required": ["id", "status", "previous_campaign", "error"], "properties": {
            "id": {"type": "string"}, "status": {"type": "string", "enum": ["added", "error"]},
            "previous_campaign": {"type": ["string", "null"], "description": "The campaign the video was in before."},
            "error": nullable({"type": "object", "required": ["code", "message"], "properties": {
                "code": {"type": "string", "enum": ["NOT_FOUND"]}, "message": {"type": "string"}}})}}},
            meta_properties={"campaign": {"type": "string"}, "summary": {"type": "object"}}),
            "400": error("No ids, more than 100, or not a campaign name."), **ERRORS_AUTH}}},
    "/v1/campaigns/{name}/history": {"get": {
        "operationId": "getCampaignHistory",
        "summary": "A campaign's summed counts at each hour or day: every counted video as it stood then (its newest snapshot at or before the time).",
        "description": "Points fall on whole UTC hours or days from `from` to `to`, and the last one is `to` itself; at most 1,000 points.",
        "tags": ["campaigns"],
        "parameters": [{"name": "name", "in": "path", "required": True, "schema": CAMPAIGN}, *bound_params("published"),
                       {"name": "interval", "in": "query", "schema": {"type": "string", "enum": ["hour", "day"], "default": "day"}},
                       day_or_time("from", "Default: when the campaign's first video joined."),
                       day_or_time("to", "Default: now.")],
        "responses": {"200": success({"type": "array", "items": ref("CampaignPoint")},
                                     meta_properties={"campaign": {"type": "string"}, "interval": {"type": "string", "enum": ["hour", "day"]}, "count": {"type": "integer"}}),
                      "400": error("A bad name, interval or date, from after to, or more than 1,000 points."),
                      **ERRORS_AUTH, "404": error("NOT_FOUND: no video of this account carries the name.")}}},
    "/v1/inbox": {"get": {
        "operationId": "listInbox", "summary": "Videos discovery found in selective mode, waiting for review (pending_review), newest first.",
        "tags": ["creators"],
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
                       {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": success({"type": "array", "items": ref("Video")}, meta_properties={**PAGINATION, "limit": {"type": "integer"}}),
                      "400": error("A bad limit or cursor."), **ERRORS_AUTH}}},
    "/v1/inbox/approve": {"post": review_operation("approveInbox", "Include pending videos: their window starts now and snapshots begin.", "included")},
    "/v1/inbox/exclude": {"post": review_operation("excludeInbox", "Exclude videos: stopped, never listed, never added again.", "excluded")},
    "/health": {"get": {
        "operationId": "health", "summary": "Liveness and database reachability (no key needed).",
        "tags": ["service"], "security": [],
        "responses": {"200": success(ref("Health")), "503": success(ref("Health"), description="Degraded: the database is not reachable, or a write failed within the last minute for lack of disk; `database.error` says which.")}}},
    "/openapi.json": {"get": {
        "operationId": "openapi", "summary": "This document (no key needed).", "tags": ["service"], "security": [],
        "parameters": [IF_NONE_MATCH],
        "responses": {"200": {"description": "The OpenAPI document.", "headers": {"ETag": ETAG_HEADER},
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      "304": NOT_MODIFIED}}},
    "/dashboard": {"get": {
        "operationId": "dashboard", "summary": "The web dashboard: one page that works through this API with the key typed into it (no key needed to load it).",
        "tags": ["service"], "security": [],
        "parameters": [IF_NONE_MATCH],
        "responses": {"200": {"description": "The page.", "headers": {"ETag": ETAG_HEADER}, "content": {"text/html": {"schema": {"type": "string"}}}},
                      "304": NOT_MODIFIED}}},
    "/": {"get": {
        "operationId": "root", "summary": "Redirects to /dashboard.", "tags": ["service"], "security": [],
        "responses": {"302": {"description": "To /dashboard.", "headers": {"Location": {"schema": {"type": "string"}}}}}}},
    "/metrics": {"get": {
        "operationId": "metrics", "summary": "Prometheus metrics in text format (no key needed).", "tags": ["service"], "security": [],
        "responses": {"200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    "/v1/ping": {"get": {
        "operationId": "ping", "summary": "Checks the key; answers pong, and whether the key is read-only.", "tags": ["service"],
        "responses": {"200": success({"type": "object", "required": ["pong", "account", "time", "read_only"], "properties": {
            "pong": {"const": True}, "account": {"type": "string"}, "time": date_time(),
            "read_only": {"type": "boolean", "description": "The key reads and looks up but changes nothing (403 READ_ONLY_KEY)."}}}), **ERRORS_AUTH}}},
    "/v1/platforms": {"get": {
        "operationId": "listPlatforms", "summary": "Supported platforms, their counters and example URLs.", "tags": ["service"],
        "responses": {"200": success({"type": "array", "items": ref("Platform")}), **ERRORS_AUTH}}},
    "/v1/videos/track": {"post": {
        "operationId": "trackVideos",
        "summary": "Track 1-50 video URLs (or one with `url` / `video_link`).",
        "description": "Each URL gets its own result; one bad URL does not fail the batch. A video the account "
                       "already tracks comes back as `already_tracked` with its existing id, also when two "
                       "requests race. With the one-URL forms, a URL that cannot be tracked is a 422.",
        "tags": ["videos"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": ref("TrackRequest")}}},
        "responses": {
            "200": success({"type": "object", "required": ["results"], "properties": {
                "results": {"type": "array", "items": ref("TrackResult")}}},
                meta_properties={"summary": ref("TrackSummary"), "processing_time_ms": {"type": "integer"}}),
            "400": error("Malformed JSON, a missing or invalid field, or more than 50 URLs (the error names the field)."),
            **ERRORS_AUTH,
            "402": error("One-URL form: the balance not held by running trackings cannot cover `estimated_cost` "
                         "(INSUFFICIENT_BALANCE, with `balance`, `available` and `needed`). In a batch, that URL's result says so."),
            "403": error("SUBSCRIPTION_LIMIT: the cadence is faster than the plan allows (field `cadence`), or, one-URL form, "
                         "the plan's video limit is reached (with `plan`, `limit` and `current`; in a batch, per URL)."),
            "413": error("The body is larger than 1 MiB."),
            "422": error("One-URL form: the URL cannot be tracked (field `url` or `video_link`)."),
        }}},
    "/v1/usage": {"get": {
        "operationId": "getUsage",
        "summary": "The account's plan and limits, current usage, credit balance and newest ledger rows.",
        "tags": ["account"],
        "responses": {"200": success(ref("Usage")), **ERRORS_AUTH}}},
    "/v1/videos": {"get": {
        "operationId": "listVideos", "summary": "The account's tracked videos, newest first or by a counter (`sort`).", "tags": ["videos"],
        "parameters": VIDEO_FILTERS + [
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
            {"name": "cursor", "in": "query", "schema": {"type": "string"},
             "description": "`meta.next_cursor` of the previous page. Pages stay stable while videos are added."},
        ],
        "responses": {"200": success({"type": "array", "items": ref("Video")},
                                     meta_properties={**PAGINATION, "limit": {"type": "integer"}}),
                      "400": error("An unknown platform, status or sort, a search of more than 200 characters or 10 words, a bad limit, or a cursor of another sort."), **ERRORS_AUTH}},
        "patch": {
            "operationId": "updateVideos",
            "summary": "One edit for up to 100 videos named by id or URL (the fields of PATCH /v1/videos/{id}), one result per name, in order.",
            "description": "Each video is changed as PATCH /v1/videos/{id} changes one, under the same rules; a video whose change is refused "
                           "(`CONFLICT`, `VALIDATION_ERROR`, `SUBSCRIPTION_LIMIT`, `INSUFFICIENT_BALANCE`, or `NOT_FOUND` for a name the account "
                           "does not track) is an `error` result and nothing of the edit is written to it; the others are changed. "
                           "`meta.summary` counts both.",
            "tags": ["videos"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["ids"], "minProperties": 2, "properties": {
                    "ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "string"},
                            "description": "Tracking ids, or URLs of tracked videos (short links are not followed)."},
                    **VIDEO_EDIT_PROPERTIES}}}}},
            "responses": {"200": bulk_results("updated", ["NOT_FOUND", "CONFLICT", "VALIDATION_ERROR", "SUBSCRIPTION_LIMIT", "INSUFFICIENT_BALANCE"]),
                "400": error("No ids or more than 100, no field to change, or a bad value (the field is named)."), **ERRORS_AUTH,
                "413": error("Body too large.")}}},
    "/v1/videos/stop": bulk_status("stop", "Stop tracking up to 100 videos early; the snapshots taken so far stay.", "stopped"),
    "/v1/videos/pause": bulk_status("pause", "Pause up to 100 videos inside their windows.", "paused"),
    "/v1/videos/resume": bulk_status("resume", "Resume up to 100 paused videos.", "resumed"),
    "/v1/videos/delete": {"post": {
        "operationId": "deleteVideos", "summary": "Delete up to 100 tracked videos with their history. Videos named by id or URL; one result per name, in order.",
        "description": "Each tracking is deleted as DELETE /v1/videos/{id} deletes one: its history goes for this account, and the video and its "
                       "snapshots go when no other account tracks it. A deleted one's result is `deleted` with `video` null; a name the account "
                       "does not track (or already deleted earlier in the list) is a `NOT_FOUND` result.",
        "tags": ["videos"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "required": ["ids"], "properties": {
            "ids": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "string"}}}}}}},
        "responses": {"200": bulk_results("deleted", ["NOT_FOUND"]), "400": error("No ids, or more than 100."), **ERRORS_AUTH}}},
    "/v1/videos/export": {"get": {
        "operationId": "exportVideos",
        "summary": "Every video the list shows under the same filters, with its newest counts, as one CSV file for a spreadsheet (RFC 4180, CRLF lines, a header row; no pages).",
        "description": VIDEO_CSV_DESCRIPTION + " The same columns as a campaign's export.",
        "tags": ["videos"],
        "parameters": VIDEO_FILTERS,
        "responses": {"200": csv_file("The CSV file, named videos.csv."),
                      "400": error("An unknown platform, status, tracking_status or sort, or a bad campaign or creator_id."), **ERRORS_AUTH}}},
    "/v1/videos/{id}": {
        "get": {
            "operationId": "getVideo", "summary": "One video with its latest counts and its snapshots (oldest first).",
            "tags": ["videos"], "parameters": [ID_PARAM],
            "responses": {"200": success(ref("VideoDetail")), **ERRORS_ID}},
        "patch": {
            "operationId": "updateVideo", "summary": "Replace the video's markdown notes (`null` clears them), its view milestones and/or its campaign (`null` takes it out); lengthen or shorten its window, or change its cadence.",
            "description": "`duration_days` is the window's new length from its start (1-30): a running tracking is lengthened or shortened, a completed one "
                           "lengthened past now monitors again (and counts against the plan's video limit). `cadence` applies from now on, within the "
                           "tracking's snapshot floor. The estimate (`estimated_cost`) is made again at the tracking's own price; what it adds must fit in "
                           "the balance not held by running trackings. A refused window or cadence change writes nothing of the request.",
            "tags": ["videos"], "parameters": [ID_PARAM],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "minProperties": 1, "properties": VIDEO_EDIT_PROPERTIES}}}},
            "responses": {"200": success(ref("Video")),
                          "400": error("None of the fields, a bad value, or (`duration_days`) a window that would end before now."),
                          "402": error("INSUFFICIENT_BALANCE: the larger estimate does not fit in the balance not held by running trackings."),
                          "403": error("SUBSCRIPTION_LIMIT: a cadence faster than the tracking's floor (field `cadence`), or a completed tracking "
                                       "reopened past the plan's video limit."),
                          **ERRORS_ID, "409": error("The tracking is stopped or unavailable, or completed and no `duration_days` was given."),
                          "413": error("Body too large.")}},
        "delete": {
            "operationId": "deleteVideo", "summary": "Stop tracking and delete the video and its history for this account.",
            "tags": ["videos"], "parameters": [ID_PARAM],
            "responses": {"200": success({"type": "object", "required": ["id", "deleted"], "properties": {
                "id": {"type": "string", "format": "uuid"}, "deleted": {"const": True}}}), **ERRORS_ID}},
    },
    "/v1/videos/{id}/history": {"get": {
        "operationId": "getVideoHistory",
        "summary": "A video's counts at each whole UTC hour or day, as they stood then (its newest visible snapshot at or before the time), with the views gained since the point before.",
        "description": "Points fall on whole UTC hours or days from `from` to `to`, and the last one is `to` itself; at most 1,000 points. "
                       "A counter is null at a point before any snapshot that reports it.",
        "tags": ["videos"],
        "parameters": [ID_PARAM,
                       {"name": "interval", "in": "query", "schema": {"type": "string", "enum": ["hour", "day"], "default": "day"}},
                       day_or_time("from", "Default: when the video was added."),
                       day_or_time("to", "Default: now.")],
        "responses": {"200": success({"type": "array", "items": {"type": "object", "required": ["at", "views", "likes", "comments", "shares", "saves", "views_gained"], "properties": {
            "at": date_time(), **{name: {"type": ["integer", "null"]} for name in ["views", "likes", "comments", "shares", "saves"]},
            "views_gained": {"type": ["integer", "null"], "description": "Views at this point less views at the point before (null for the first point, or when either has none)."}}}},
                                     meta_properties={"video_id": {"type": "string", "format": "uuid"}, "interval": {"type": "string", "enum": ["hour", "day"]}, "count": {"type": "integer"}}),
                      "400": error("A bad interval or date, from after to, or more than 1,000 points."), **ERRORS_ID}}},
    "/v1/videos/{id}/snapshots": {"get": {
        "operationId": "listSnapshots", "summary": "The video's snapshot history, oldest first, in pages.", "tags": ["videos"],
        "parameters": [
            ID_PARAM,
            day_or_time("from"),
            day_or_time("to"),
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
            {"name": "cursor", "in": "query", "schema": {"type": "string"}},
        ],
        "responses": {"200": success({"type": "array", "items": ref("Snapshot")},
                                     meta_properties={**PAGINATION, "video_id": {"type": "string", "format": "uuid"}}),
                      "400": error("A bad date, range, limit or cursor."), **ERRORS_ID}}},
    "/v1/videos/{id}/export": {"get": {
        "operationId": "exportVideo",
        "summary": "The video's whole visible history, oldest first, as CSV for a spreadsheet (RFC 4180, CRLF lines, a header row).",
        "description": "Columns: taken_at, views, likes, comments, shares, saves, provider. A count not reported is empty, never 0. "
                       "With `interval`, the history's grid instead, as GET /v1/videos/{id}/history answers it (from, to and the 1,000-point "
                       "limit alike): at, views, likes, comments, shares, saves, views_gained, in a file named PLATFORM-ID-INTERVAL.csv.",
        "tags": ["videos"],
        "parameters": [
            ID_PARAM,
            day_or_time("from"),
            day_or_time("to"),
            {"name": "interval", "in": "query", "schema": {"type": "string", "enum": ["hour", "day"]},
             "description": "The counts at each whole UTC hour or day instead of every snapshot."},
        ],
        "responses": {"200": csv_file("The CSV file, named PLATFORM-ID.csv (PLATFORM-ID-INTERVAL.csv with interval)."),
                      "400": error("A bad date, range or interval, or more than 1,000 points."), **ERRORS_ID}}},
    "/v1/videos/{id}/refresh": {"post": {
        "operationId": "refreshVideo",
        "summary": "Take a snapshot now (at most `refreshes-per-day` per video per 24 h; a failed fetch counts too).",
        "tags": ["videos"], "parameters": [ID_PARAM],
        "responses": {"200": success(ref("VideoDetail")), **ERRORS_ID,
                      "409": error("The tracking has ended."),
                      "429": error("RATE_LIMIT_EXCEEDED: the daily manual refresh limit is reached; or UPSTREAM_RATE_LIMITED: every provider was throttled (Retry-After when the platform said)."),
                      "502": error("Every provider failed; the message names each failure.")}}},
    "/v1/post/stats": {"post": {
        "operationId": "postStats",
        "summary": "One-off counts for any supported URL, without tracking it; cached (meta.cached).",
        "tags": ["stats"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["url"], "properties": {
                "url": {"type": "string"},
                "platform": {"type": "string", "enum": PLATFORMS + ["twitter"], "description": "Optional; auto-detected from the URL."}}}}}},
        "responses": {
            "200": success(ref("PostStats"), meta_properties={"cached": {"type": "boolean"}, "platform": {"type": "string", "enum": PLATFORMS}}),
            "400": error("Missing url or a bad field."), **ERRORS_AUTH,
            "404": error("VIDEO_UNAVAILABLE: the platform says the video is private or deleted."),
            "422": error("The URL cannot be read (its code says why), or does not match `platform`."),
            "429": error("UPSTREAM_RATE_LIMITED: every provider was throttled; Retry-After when the platform said."),
            "502": error("Every provider failed; the message names each failure.")}}},
    "/v1/mcp": {
        "post": {
            "operationId": "mcp",
            "summary": "The agent tools over MCP's Streamable HTTP transport: one JSON-RPC 2.0 message (or a batch) per request.",
            "description": "Answers `initialize`, `ping`, `tools/list` and `tools/call` (the tools of `trendline mcp`) as "
                           "JSON-RPC, not in the API's envelope; a notification is `202` with no body. Each tool call is "
                           "sent to this server's REST API with the request's key, and counts against the rate limit "
                           "like any request. No server-sent streams, no sessions. A request carrying an `Origin` other "
                           "than this server's is refused.",
            "tags": ["agents"],
            "parameters": [{"name": "MCP-Protocol-Version", "in": "header", "schema": {"type": "string", "enum": ["2025-06-18", "2025-03-26", "2024-11-05"]}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"oneOf": [
                {"$ref": "#/components/schemas/JSONRPCMessage"},
                {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/JSONRPCMessage"}}]}}}},
            "responses": {
                "200": {"description": "The JSON-RPC answer (a result or a JSON-RPC error), or an array of them for a batch.",
                        "content": {"application/json": {"schema": {"type": ["object", "array"]}}}},
                "202": {"description": "A notification (or a batch of them): accepted, no body."},
                "400": error("An empty body, or an MCP-Protocol-Version this server does not speak."),
                "403": error("`FORBIDDEN_ORIGIN`: a browser page of another origin."),
                "413": error("A body over the limit."),
                **ERRORS_AUTH}},
        "get": {
            "operationId": "mcpStream", "summary": "Not offered: `405` (no server-sent stream).", "tags": ["agents"],
            "responses": {"405": error("`METHOD_NOT_ALLOWED`, with `Allow: POST, OPTIONS`."), **ERRORS_AUTH}},
        "delete": {
            "operationId": "mcpEndSession", "summary": "Not offered: `405` (no sessions).", "tags": ["agents"],
            "responses": {"405": error("`METHOD_NOT_ALLOWED`, with `Allow: POST, OPTIONS`."), **ERRORS_AUTH}}},
    "/v1/webhooks": {
        "post": {
            "operationId": "createWebhook", "summary": "Register an endpoint; the answer holds its signing secret, shown only this once.",
            "tags": ["webhooks"],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["url", "events"], "properties": {
                    "url": {"type": "string", "description": "http(s); loopback, link-local and private addresses are refused unless the operator allows them."},
                    "events": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": WEBHOOK_EVENTS}},
                    "description": {"type": "string", "maxLength": 500},
                    "secret": {"type": "string", "minLength": 16, "maxLength": 200, "pattern": "^[!-~]+$",
                               "description": "The signing secret, when you choose it (printable ASCII, no spaces); left out, a random whsec_ one is made."}}}}}},
            "responses": {"201": success(ref("WebhookWithSecret"), description="Created."), "400": error("A bad url (field `url`), event name (field `events`) or secret (field `secret`)."), **ERRORS_AUTH}},
        "get": {
            "operationId": "listWebhooks", "summary": "The account's endpoints (without secrets).", "tags": ["webhooks"],
            "responses": {"200": success({"type": "array", "items": ref("Webhook")}), **ERRORS_AUTH}}},
    "/v1/webhooks/{id}": {
        "get": {"operationId": "getWebhook", "summary": "One endpoint.", "tags": ["webhooks"], "parameters": [HOOK_PARAM],
                "responses": {"200": success(ref("Webhook")), **ERRORS_ID}},
        "patch": {"operationId": "updateWebhook", "summary": "Change url, events, description or enabled (re-enabling clears the failure state).",
                  "tags": ["webhooks"], "parameters": [HOOK_PARAM],
                  "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object", "properties": {
                      "url": {"type": "string"}, "events": {"type": "array", "items": {"type": "string", "enum": WEBHOOK_EVENTS}},
                      "description": {"type": ["string", "null"]}, "enabled": {"type": "boolean"}}}}}},
                  "responses": {"200": success(ref("Webhook")), "400": error("Nothing to change, or a bad field."), **ERRORS_ID}},
        "delete": {"operationId": "deleteWebhook", "summary": "Delete the endpoint and its delivery log.", "tags": ["webhooks"],
                   "parameters": [HOOK_PARAM],
                   "responses": {"200": success({"type": "object", "required": ["id", "deleted"], "properties": {
                       "id": {"type": "string", "format": "uuid"}, "deleted": {"const": True}}}), **ERRORS_ID}}},
    "/v1/webhooks/{id}/test": {"post": {
        "operationId": "testWebhook", "summary": "Queue a signed `webhook.test` event to this endpoint.", "tags": ["webhooks"],
        "parameters": [HOOK_PARAM], "responses": {"202": success(ref("WebhookDelivery"), description="Queued."), **ERRORS_ID,
                      "409": error("The webhook is disabled: it is sent nothing until PATCH {\"enabled\": true}.")}}},
    "/v1/webhooks/{id}/deliveries": {"get": {
        "operationId": "listWebhookDeliveries", "summary": "The endpoint's newest deliveries: attempts, status codes, latency, next retry.",
        "tags": ["webhooks"],
        "parameters": [HOOK_PARAM, {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}],
        "responses": {"200": success({"type": "array", "items": ref("WebhookDelivery")}), "400": error("A bad limit."), **ERRORS_ID}}},
    "/v1/webhooks/{id}/deliveries/{delivery}/redeliver": {"post": {
        "operationId": "redeliverWebhook", "summary": "Send a delivery again now, whatever its state.", "tags": ["webhooks"],
        "parameters": [HOOK_PARAM, {"name": "delivery", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"202": success(ref("WebhookDelivery"), description="Queued."), **ERRORS_ID,
                      "409": error("The webhook is disabled: it is sent nothing until PATCH {\"enabled\": true}.")}}},
    "/v1/webhooks/{id}/replay": {"post": {
        "operationId": "replayWebhook",
        "summary": "Send every failed delivery of the webhook again (those made since `since`, else all kept): for a receiver back from an outage.",
        "tags": ["webhooks"],
        "parameters": [HOOK_PARAM, day_or_time("since", "Only deliveries made at or after this time.")],
        "responses": {"202": success({"type": "object", "required": ["webhook_id", "redelivered"], "properties": {
                          "webhook_id": {"type": "string", "format": "uuid"},
                          "redelivered": {"type": "integer", "description": "How many failed deliveries are pending again, due now."}}},
                          description="Queued."),
                      "400": error("A bad since."), **ERRORS_ID,
                      "409": error("The webhook is disabled: it is sent nothing until PATCH {\"enabled\": true}.")}}},
    "/v1/videos/{id}/stop": status_action("stop", "End tracking early; snapshots taken so far stay.", "The tracking already completed or is unavailable."),
    "/v1/videos/{id}/pause": status_action("pause", "Pause snapshots inside the window.", "The tracking has ended."),
    "/v1/videos/{id}/resume": status_action("resume", "Resume a paused tracking inside its window.", "The tracking has ended (stopped, completed or unavailable)."),
}

# Every /v1 answer carries the rate-limit headers; every /v1 operation may answer 429.
RATE_HEADERS = {
    "X-RateLimit-Limit": {"description": "Requests allowed per minute for this API key.", "schema": {"type": "integer"}},
    "X-RateLimit-Remaining": {"description": "Requests left now.", "schema": {"type": "integer"}},
    "X-RateLimit-Reset": {"description": "Seconds until the budget is full again.", "schema": {"type": "integer"}},
}
for path, item in paths.items():
    if not path.startswith("/v1"):
        continue
    for operation in item.values():
        for code, response in operation["responses"].items():
            if "headers" in response:
                response["headers"] = {**response["headers"], **RATE_HEADERS}
        operation["responses"].setdefault("429", {
            "description": "Over the per-key request budget (or, for track, the URLs-per-minute budget); see Retry-After.",
            "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}, **RATE_HEADERS},
            "content": {"application/json": {"schema": ref("ErrorEnvelope")}}})

schemas = {
    "Profile": {"type": "object", "required": ["platform", "username", "full_name", "bio", "profile_pic_url", "followers", "following",
                                                "posts_count", "is_verified", "external_url", "profile_url", "provider", "fetched_at"],
        "properties": {"platform": {"type": "string", "enum": CREATOR_PLATFORMS}, "username": {"type": "string"},
                       "full_name": {"type": ["string", "null"]}, "bio": {"type": ["string", "null"]}, "profile_pic_url": {"type": ["string", "null"]},
                       "followers": count(), "following": count(), "posts_count": count(), "is_verified": {"type": "boolean"},
                       "external_url": {"type": ["string", "null"]}, "profile_url": {"type": "string"}, "provider": {"type": "string"},
                       "fetched_at": date_time()}},
    "ChannelVideo": {"type": "object", "required": ["id", "url", "description", "views", "likes", "comments", "shares", "created_at"],
        "properties": {"id": {"type": "string"}, "url": {"type": "string", "description": "Trackable as it is."},
                       "description": {"type": ["string", "null"]}, "views": count(), "likes": count(), "comments": count(), "shares": count(),
                       "created_at": date_time(null=True)}},
    "ChannelVideos": {"type": "object", "required": ["platform", "username", "videos", "count", "provider", "fetched_at"],
        "properties": {"platform": {"type": "string"}, "username": {"type": "string"}, "videos": {"type": "array", "items": ref("ChannelVideo")},
                       "count": {"type": "integer"}, "provider": {"type": "string"}, "fetched_at": date_time()}},
    "MedianViews": {"type": "object", "required": ["platform", "username", "median_views", "videos_analyzed", "raw_view_counts", "provider", "fetched_at"],
        "properties": {"platform": {"type": "string"}, "username": {"type": "string"},
                       "median_views": {"type": ["integer", "null"], "format": "int64", "description": "null when no video reports views."},
                       "videos_analyzed": {"type": "integer"}, "raw_view_counts": {"type": "array", "items": {"type": "integer", "format": "int64"}},
                       "provider": {"type": "string"}, "fetched_at": date_time()}},
    "Email": {"type": "object", "required": ["platform", "username", "email", "emails", "found", "source", "provider", "fetched_at"],
        "properties": {"platform": {"type": "string"}, "username": {"type": "string"}, "email": {"type": ["string", "null"]},
                       "emails": {"type": "array", "items": {"type": "string"}}, "found": {"type": "boolean"},
                       "source": {"type": ["string", "null"], "enum": ["bio", "external_url", None]}, "provider": {"type": "string"},
                       "fetched_at": date_time()}},
    "Creator": {"type": "object",
        "required": ["id", "platform", "username", "profile_url", "mode", "discovery_interval_hours", "duration_days", "cadence", "notes", "campaign", "full_name", "bio",
                     "profile_pic_url", "followers", "following", "posts_count", "is_verified", "external_url", "videos_discovered",
                     "last_checked_at", "profile_provider", "videos_provider", "next_check_at", "last_error", "created_at", "updated_at"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "platform": {"type": "string", "enum": CREATOR_PLATFORMS},
                       "username": {"type": "string"}, "profile_url": {"type": "string"}, "mode": {"type": "string", "enum": ["auto", "selective"]},
                       "discovery_interval_hours": {"type": "number"},
                       "duration_days": {"type": "integer", "minimum": 1, "maximum": 30, "description": "How long each discovered video is tracked."},
                       "cadence": {"type": "string", "enum": CADENCES, "description": "How often each discovered video is checked."},
                       "notes": {"type": ["string", "null"]},
                       "campaign": {"type": ["string", "null"], "description": "The campaign each discovered video joins."},
                       "full_name": {"type": ["string", "null"]}, "bio": {"type": ["string", "null"]}, "profile_pic_url": {"type": ["string", "null"]},
                       "followers": count(), "following": count(), "posts_count": count(), "is_verified": {"type": "boolean"},
                       "external_url": {"type": ["string", "null"]}, "videos_discovered": {"type": "integer"},
                       "last_checked_at": date_time("null until the first discovery check.", null=True),
                       "profile_provider": {"type": ["string", "null"],
                                            "description": "The provider that read the profile at the last successful check (e.g. tiktok-web, yt-dlp); "
                                                           "null before the first. A yt-dlp listing reports no follower counts: the figures shown are then the last ones measured."},
                       "videos_provider": {"type": ["string", "null"],
                                           "description": "The provider that read the recent videos at the last successful check; null before the first."},
                       "next_check_at": date_time(),
                       "last_error": {"type": ["string", "null"]}, "created_at": date_time(), "updated_at": date_time()}},
    "CountTotals": {"type": "object",
        "required": ["videos", "videos_with_snapshots", "views", "likes", "comments", "shares", "saves", "engagement_rate", "views_gained_24h"],
        "description": "The newest counts of the videos summed; a counter no video reported is null.",
        "properties": {"videos": {"type": "integer"}, "videos_with_snapshots": {"type": "integer"},
                       "views": count(), "likes": count(), "comments": count(), "shares": count(), "saves": count(),
                       "engagement_rate": {"type": ["number", "null"], "description": "(likes + comments + shares + saves) / views; null without views."},
                       "views_gained_24h": {"type": ["integer", "null"], "format": "int64",
                                            "description": "The videos' views_gained_24h summed over those with a day of history; null when none has one, and always null in a campaign's history points."}}},
    "CampaignPoint": {"allOf": [ref("CountTotals"), {"type": "object", "required": ["at", "views_gained"], "properties": {
            "at": date_time(),
            "views_gained": {"type": ["integer", "null"], "format": "int64",
                             "description": "The summed views less those at the point before (a video joining adds its views); null for the first point or when either has none."}}}],
        "description": "The totals at `at`: `videos` counts the campaign's counted videos already tracked by then, `videos_with_snapshots` those with a snapshot by then."},
    "CampaignChange": {"type": "object", "required": ["name", "previous_name", "videos", "videos_changed", "creators_changed"], "properties": {
        "name": {"type": ["string", "null"], "description": "The new name; null after a delete."},
        "previous_name": {"type": "string"},
        "videos": {"type": "integer", "description": "Videos under the new name now (after a merge, both campaigns')."},
        "videos_changed": {"type": "integer"}, "creators_changed": {"type": "integer"}}},
    "CampaignSummary": {"type": "object", "required": ["name", "videos", "last_added_at"], "properties": {
        "name": {"type": "string"}, "videos": {"type": "integer", "description": "Its videos, those waiting in the inbox included."},
        "last_added_at": date_time("When its newest video was added to Trendline (that tracking's created_at; moving a video in later does not change it).")}},
    "CampaignReport": {"type": "object",
        "required": ["name", "videos", "pending_review", "totals", "platforms", "authors", "statuses", "top_videos", "first_added_at", "last_added_at", "last_snapshot_at"],
        "properties": {
            "name": {"type": "string"}, "videos": {"type": "integer", "description": "All its videos, those waiting in the inbox included."},
            "pending_review": {"type": "integer", "description": "Videos waiting in the inbox: in the campaign, not in its figures."},
            "totals": ref("CountTotals"),
            "platforms": {"type": "array", "items": {"type": "object", "required": ["platform", "totals"], "properties": {
                "platform": {"type": "string", "enum": PLATFORMS}, "totals": ref("CountTotals")}}},
            "authors": {"type": "array", "description": "Per author (the account that posted, as the platform names it), most views first; `null` until a video's author is known.",
                        "items": {"type": "object", "required": ["platform", "author", "totals"], "properties": {
                            "platform": {"type": "string", "enum": PLATFORMS}, "author": {"type": ["string", "null"]}, "totals": ref("CountTotals")}}},
            "statuses": {"type": "object", "description": "Counted videos per status, every status present.",
                         "required": STATUSES, "properties": {status: {"type": "integer"} for status in STATUSES}},
            "top_videos": {"type": "array", "maxItems": 10, "items": ref("Video"), "description": "The 10 most viewed, most first."},
            "first_added_at": date_time("When its oldest video was added to Trendline (created_at)."),
            "last_added_at": date_time("When its newest video was added to Trendline (created_at)."),
            "last_snapshot_at": date_time("The newest snapshot of a counted video.", null=True)}},
    "FollowerPoint": {"type": "object", "required": ["taken_at", "followers", "following", "posts_count"],
        "properties": {"taken_at": date_time(), "followers": count(), "following": count(), "posts_count": count()}},
    "ErrorCode": {"type": "string", "enum": ERROR_CODES},
    "JSONRPCMessage": {"type": "object", "required": ["jsonrpc"], "properties": {
        "jsonrpc": {"const": "2.0"}, "id": {"type": ["string", "integer"]}, "method": {"type": "string"},
        "params": {"type": "object"}}, "description": "A JSON-RPC 2.0 request (with `id`) or notification (without)."},
    "ErrorEnvelope": {"type": "object", "required": ["ok", "error"], "properties": {
        "ok": {"const": False},
        "error": {"type": "object", "required": ["code", "message", "field", "request_id"], "properties": {
            "code": ref("ErrorCode"), "message": {"type": "string"},
            "field": {"type": ["string", "null"], "description": "The request field at fault, e.g. `urls` or `urls[3]`."},
            "request_id": {"type": "string"},
            "plan": {"type": "string", "description": "SUBSCRIPTION_LIMIT: the account's plan."},
            "limit": {"type": "integer", "description": "SUBSCRIPTION_LIMIT: the plan's limit."},
            "current": {"type": "integer", "description": "SUBSCRIPTION_LIMIT: the current usage."},
            "minimum_interval_seconds": {"type": "integer", "description": "SUBSCRIPTION_LIMIT on `cadence`: the plan's floor."},
            "balance": {"type": "number", "description": "INSUFFICIENT_BALANCE: the balance in dollars."},
            "available": {"type": "number", "description": "INSUFFICIENT_BALANCE: the balance minus what running trackings hold."},
            "needed": {"type": "number", "description": "INSUFFICIENT_BALANCE: the tracking's estimated cost."}}}}},
    "Platform": {"type": "object", "required": ["platform", "name", "metrics", "endpoints", "short_links", "example_urls"], "properties": {
        "platform": {"type": "string", "enum": PLATFORMS}, "name": {"type": "string"},
        "metrics": {"type": "array", "items": {"type": "string", "enum": ["views", "likes", "comments", "shares", "saves"]}},
        "endpoints": {"type": "array", "items": {"type": "string"},
                      "description": "The /v1 paths (without /v1/) that work for the platform: every video endpoint, and the creator ones where creators can be read."},
        "short_links": {"type": "boolean"},
        "example_urls": {"type": "array", "items": {"type": "string"}}}},
    "Health": {"type": "object", "required": ["status", "version", "database", "providers"], "properties": {
        "status": {"type": "string", "enum": ["ok", "degraded"]}, "version": {"type": "string"},
        "providers": {"type": "array", "items": {"type": "object", "required": ["platform", "name", "available", "reason"], "properties": {
            "platform": {"type": "string", "enum": PLATFORMS}, "name": {"type": "string"}, "available": {"type": "boolean"},
            "reason": {"type": ["string", "null"], "description": "Why the provider cannot run here (no key, no yt-dlp...)."}}}},
        "database": {"type": "object", "required": ["kind", "reachable", "error", "clock_offset_seconds"], "properties": {
            "kind": {"type": "string"}, "reachable": {"type": "boolean", "description": "Whether it answers reads."},
            "error": {"type": ["string", "null"], "description": "Why it is degraded: unreachable, or writes failing (a full disk)."},
            "clock_offset_seconds": {"type": ["number", "null"], "description":
                "How far the database server's clock is ahead of this node's (negative: behind), read with this request, to the "
                "millisecond; `null` for SQLite, which has no clock but this machine's. Nodes sharing PostgreSQL set and compare "
                "due times and leases on their own clocks, so keep every node's within seconds of the server's (NTP); a node more "
                "than 10 s off also says so in its log, at start and every hour."}}}}},
    "TrackRequest": {"type": "object", "properties": {
        "urls": {"type": "array", "minItems": 1, "maxItems": 50, "items": {"type": "string"}},
        "url": {"type": "string", "description": "One URL instead of `urls`."},
        "video_link": {"type": "string", "description": "Same as `url` (the ContentStats name)."},
        "duration_days": {"type": "integer", "minimum": 1, "maximum": 30, "default": 30},
        "cadence": {"type": "string", "enum": CADENCES, "default": "adaptive"},
        "notes": {"type": "string", "maxLength": 20000, "description": "Markdown notes set on every tracked URL."},
        "milestones": MILESTONES,
        "campaign": {**CAMPAIGN, "description": "The campaign the new trackings join; videos already tracked keep theirs (PATCH moves them)."}}},
    "TrackResult": {"type": "object",
        "required": ["index", "url", "canonical_url", "platform", "video_id", "external_video_id", "status", "video_status", "tracking_status",
                     "duration_days", "days_remaining", "cadence", "campaign", "created_at", "estimated_cost", "error"],
        "properties": {
            "index": {"type": "integer"}, "url": {"type": "string", "description": "The URL as submitted."},
            "canonical_url": {"type": ["string", "null"]},
            "platform": {"type": ["string", "null"], "enum": PLATFORMS + [None]},
            "video_id": {"type": ["string", "null"], "format": "uuid"},
            "external_video_id": {"type": ["string", "null"]},
            "status": {"type": "string", "enum": ["tracked", "already_tracked", "error"]},
            "video_status": {"type": ["string", "null"], "enum": STATUSES + [None], "description": "The tracking's lifecycle."},
            "tracking_status": {"type": ["string", "null"], "enum": REVIEW_STATUSES + [None], "description": "direct_add for URLs."},
            "duration_days": {"type": ["integer", "null"]}, "days_remaining": {"type": ["integer", "null"]},
            "cadence": {"type": ["string", "null"], "enum": CADENCES + [None]},
            "campaign": {"type": ["string", "null"], "description": "The video's campaign; for already_tracked, the one it already had (PATCH moves it)."},
            "created_at": date_time(null=True),
            "estimated_cost": {"type": ["number", "null"],
                               "description": "The most the tracking may cost in dollars: snapshots the window takes x the plan's price (0 without credits)."},
            "error": nullable({"type": "object", "required": ["code", "message"], "properties": {
                "code": ref("ErrorCode"), "message": {"type": "string"}},
                "description": "For SUBSCRIPTION_LIMIT and INSUFFICIENT_BALANCE, the same extra fields as the error envelope."})}},
    "TrackSummary": {"type": "object", "required": ["total", "tracked", "already_tracked", "errors"], "properties": {
        "total": {"type": "integer"}, "tracked": {"type": "integer"}, "already_tracked": {"type": "integer"}, "errors": {"type": "integer"}}},
    "Video": {"type": "object",
        "required": ["id", "url", "canonical_url", "platform", "external_video_id", "status", "status_reason", "cadence",
                     "duration_days", "window_start", "window_end", "days_remaining", "notes", "campaign", "title", "author",
                     "published_at", "thumbnail_url", "views", "likes", "comments", "shares", "saves", "engagement_rate",
                     "views_gained_24h", "last_snapshot_at", "next_check_at", "ended_at", "estimated_cost", "charged", "tracking_status", "creator_id",
                     "milestones", "created_at", "updated_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "url": {"type": "string"}, "canonical_url": {"type": "string"},
            "platform": {"type": "string", "enum": PLATFORMS}, "external_video_id": {"type": "string"},
            "status": {"type": "string", "enum": STATUSES}, "status_reason": {"type": ["string", "null"]},
            "cadence": {"type": "string", "enum": CADENCES}, "duration_days": {"type": "integer", "minimum": 1, "maximum": 30},
            "window_start": date_time(), "window_end": date_time(),
            "days_remaining": {"type": "integer", "minimum": 0}, "notes": {"type": ["string", "null"]},
            "campaign": {"type": ["string", "null"], "description": "The campaign it belongs to."},
            "title": {"type": ["string", "null"]}, "author": {"type": ["string", "null"]},
            "published_at": date_time(null=True), "thumbnail_url": {"type": ["string", "null"]},
            "views": count(), "likes": count(), "comments": count(), "shares": count(), "saves": count(),
            "engagement_rate": {"type": ["number", "null"], "minimum": 0,
                                "description": "(likes + comments + shares + saves, those reported) / views of the newest counts; null without views."},
            "views_gained_24h": {"type": ["integer", "null"], "format": "int64",
                                 "description": "Views gained in the day up to last_snapshot_at: its views less those of the newest snapshot a day or more older (negative when the platform's count went down); null until the tracking has snapshots a day apart, or without views."},
            "last_snapshot_at": date_time("The newest snapshot this account sees.", null=True),
            "next_check_at": date_time("When the next snapshot is due (monitoring only).", null=True),
            "ended_at": date_time(null=True),
            "estimated_cost": {"type": "number", "description": "The most the tracking may be charged, in dollars (0 without credits)."},
            "charged": {"type": "number", "description": "Charged so far: one price per snapshot taken, never past estimated_cost."},
            "tracking_status": {"type": "string", "enum": REVIEW_STATUSES,
                                "description": "How the video got here: direct_add (by URL), auto_tracked (discovery, auto mode), pending_review (discovery, selective mode; not snapshotted), included (approved)."},
            "creator_id": {"type": ["string", "null"], "format": "uuid", "description": "The followed creator whose discovery added it."},
            "milestones": {"type": "array", "items": {"type": "object", "required": ["views", "reached_at"], "properties": {
                "views": {"type": "integer", "format": "int64"}, "reached_at": date_time(null=True)}}},
            "created_at": date_time(), "updated_at": date_time()}},
    "Webhook": {"type": "object",
        "required": ["id", "url", "description", "events", "enabled", "disabled_reason", "failing_since", "created_at", "updated_at"],
        "properties": {
            "id": {"type": "string", "format": "uuid"}, "url": {"type": "string"}, "description": {"type": ["string", "null"]},
            "events": {"type": "array", "items": {"type": "string", "enum": WEBHOOK_EVENTS}}, "enabled": {"type": "boolean"},
            "disabled_reason": {"type": ["string", "null"], "description": "Set when Trendline disabled it after days of failures."},
            "failing_since": date_time("Since when every delivery has failed.", null=True),
            "created_at": date_time(), "updated_at": date_time()}},
    "WebhookWithSecret": {"allOf": [ref("Webhook"), {"type": "object", "required": ["secret"], "properties": {
        "secret": {"type": "string", "description": "`whsec_...`: signs every delivery. Shown only in this answer."}}}]},
    "WebhookDelivery": {"type": "object",
        "required": ["id", "event_id", "event_type", "status", "attempts", "next_attempt_at", "last_status_code", "last_error", "latency_ms",
                     "created_at", "delivered_at"],
        "properties": {
            "id": {"type": "integer"}, "event_id": {"type": "string", "description": "`evt_...`, the same on every attempt."},
            "event_type": {"type": "string", "enum": WEBHOOK_EVENTS + ["webhook.test"]},
            "status": {"type": "string", "enum": ["pending", "delivered", "failed"]}, "attempts": {"type": "integer"},
            "next_attempt_at": date_time("When a pending delivery is tried next; null when finished, or while its endpoint is disabled (it is sent when the endpoint is enabled again).", null=True),
            "last_status_code": {"type": ["integer", "null"]},
            "last_error": {"type": ["string", "null"]}, "latency_ms": {"type": ["integer", "null"]},
            "created_at": date_time(), "delivered_at": date_time(null=True)}},
    "Usage": {"type": "object",
        "required": ["account", "plan", "usage", "balance_usd", "held_usd", "available_usd", "ledger"],
        "properties": {
            "account": {"type": "string"},
            "plan": {"type": "object",
                "required": ["name", "max_tracked_videos", "max_tracked_creators", "min_snapshot_interval_seconds",
                             "manual_refreshes_per_day", "discovery_floor_seconds", "requests_per_minute", "urls_per_minute",
                             "credits", "price_per_snapshot"],
                "properties": {
                    "name": {"type": "string"},
                    "max_tracked_videos": {"type": ["integer", "null"], "description": "null: no limit."},
                    "max_tracked_creators": {"type": ["integer", "null"], "description": "null: no limit."},
                    "min_snapshot_interval_seconds": {"type": "integer"}, "manual_refreshes_per_day": {"type": "integer"},
                    "discovery_floor_seconds": {"type": "integer"},
                    "requests_per_minute": {"type": "integer", "description": "0: no limit."},
                    "urls_per_minute": {"type": "integer", "description": "0: no limit."},
                    "credits": {"type": "boolean", "description": "Whether snapshots are charged."},
                    "price_per_snapshot": {"type": "number"}}},
            "usage": {"type": "object", "required": ["tracked_videos", "followed_creators", "requests", "snapshots_this_month", "month_start"], "properties": {
                "tracked_videos": {"type": "integer", "description": "Trackings monitoring or paused."},
                "followed_creators": {"type": "integer", "description": "Creators the account follows (the plan's max_tracked_creators limits them)."},
                "requests": nullable({"type": "object", "required": ["limit", "used", "remaining", "reset_seconds"], "properties": {
                    "limit": {"type": "integer"}, "used": {"type": "integer"}, "remaining": {"type": "integer"},
                    "reset_seconds": {"type": "integer"}}}),
                "snapshots_this_month": {"type": "integer", "description": "Snapshots the account's trackings see, since month_start (UTC)."},
                "month_start": date_time()}},
            "balance_usd": {"type": "number"},
            "held_usd": {"type": "number", "description": "What running trackings may still be charged."},
            "available_usd": {"type": "number", "description": "balance_usd - held_usd: what new trackings can use."},
            "ledger": {"type": "array", "description": "The newest 20 rows, newest first.", "items": {"type": "object",
                "required": ["id", "at", "kind", "amount", "balance_after", "video_id", "note"], "properties": {
                    "id": {"type": "integer"}, "at": date_time(), "kind": {"type": "string", "enum": ["credit", "snapshot"]},
                    "amount": {"type": "number"}, "balance_after": {"type": "number"},
                    "video_id": {"type": ["string", "null"], "description": "The tracking charged, for snapshot rows."},
                    "note": {"type": ["string", "null"]}}}}}},
    "VideoDetail": {"allOf": [ref("Video"), {"type": "object", "required": ["snapshots", "has_more_snapshots"], "properties": {
        "snapshots": {"type": "array", "items": ref("Snapshot")},
        "has_more_snapshots": {"type": "boolean", "description": "More than 2,000 snapshots: page with /snapshots."}}}]},
    "PostStats": {"type": "object",
        "required": ["platform", "post_url", "post_id", "views", "likes", "comments", "shares", "saves", "title", "author",
                     "published_at", "provider", "fetched_at"],
        "properties": {
            "platform": {"type": "string", "enum": PLATFORMS}, "post_url": {"type": "string"}, "post_id": {"type": "string"},
            "views": count(), "likes": count(), "comments": count(), "shares": count(), "saves": count(),
            "title": {"type": ["string", "null"]}, "author": {"type": ["string", "null"]}, "published_at": date_time(null=True),
            "provider": {"type": "string"}, "fetched_at": date_time()}},
    "Snapshot": {"type": "object", "required": ["taken_at", "views", "likes", "comments", "shares", "saves", "provider"], "properties": {
        "taken_at": date_time(), "views": count(), "likes": count(), "comments": count(), "shares": count(), "saves": count(),
        "provider": {"type": "string", "description": "Which provider answered."}}},
}

document = {
    "openapi": "3.1.0",
    "info": {"title": "Trendline API", "version": "0.1.0",
             "description": "Track how public social videos perform. Every /v1 route needs an API key. "
                            "Success: `{ok: true, data, meta}`; error: `{ok: false, error: {code, message, field, request_id}}`. "
                            "Dates are ISO 8601 with milliseconds in UTC. "
                            "Answers of 1 KB or more are gzip-compressed for a client that sends `Accept-Encoding: gzip` "
                            "(`Content-Encoding: gzip`, `Vary: Accept-Encoding`), and a request body may be sent with "
                            "`Content-Encoding: gzip` (the body limit applies inflated; other codings are `415 UNSUPPORTED_ENCODING`). "
                            "Each /v1 path is also served under /api/v1 (ContentStats' paths), with the same answers. "
                            "A read-only key (`trendline keys create --read-only`) may GET every route and POST the one-off lookups "
                            "(/v1/post/stats, /v1/profile, /v1/channel/videos, /v1/median-views, /v1/email) and /v1/mcp; anything else it "
                            "sends is `403 READ_ONLY_KEY`."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{"bearerAuth": []}, {"apiKeyHeader": []}],
    "tags": [{"name": "videos"}, {"name": "stats"}, {"name": "account"}, {"name": "webhooks"}, {"name": "creators"}, {"name": "campaigns"}, {"name": "agents"}, {"name": "service"}],
    "paths": paths,
    "components": {
        "securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer tl_live_..."},
            "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"}},
        "headers": {"RequestId": {"description": "The request id, also in the envelope.", "schema": {"type": "string"}}},
        "responses": {"Unauthorized": error("Missing, unknown or revoked API key."),
                      "NotFound": error("No such video for this account (another account's video is also 404).")},
        "schemas": schemas,
    },
}



def closed_bodies():
    """Every REST request body is closed (`additionalProperties: false`): the API refuses a field
    it does not read with 400 VALIDATION_ERROR naming it. /v1/mcp carries JSON-RPC, not a body
    of ours."""
    for path, item in paths.items():
        if path == "/v1/mcp":
            continue
        for operation in item.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if not body:
                continue
            schema = body["content"]["application/json"]["schema"]
            if "$ref" in schema:
                schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
            if "properties" in schema:
                schema["additionalProperties"] = False


closed_bodies()
out = pathlib.Path(__file__).resolve().parent.parent / "Sources/TrendlineAPI/Resources/openapi.json"
out.write_text(json.dumps(document, indent=2) + "\n")
print(f"wrote {out}")

# The binary serves the document compiled in (EmbeddedResources.swift), so write that too.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import embed_resources  # noqa: E402
embed_resources.main()
