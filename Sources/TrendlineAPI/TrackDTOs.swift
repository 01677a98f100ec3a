import Foundation
import TrendlineCore
import TrendlineDomain

/// The body of `POST /v1/videos/track`: a batch (`urls`) or one URL (`url`, or `video_link` as
/// ContentStats names it), with options for all of them.
struct TrackRequestBody: Decodable {
    let urls: [String]?
    let url: String?
    let video_link: String?
    let duration_days: Int?
    let cadence: String?
    let notes: String?
    let milestones: [Int64]?
    let campaign: String?

    enum CodingKeys: String, CodingKey {
        case urls, url, video_link, duration_days, cadence, notes, milestones, campaign
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        urls = try container.field(.urls, "an array of URL strings")
        url = try container.field(.url, "a string")
        video_link = try container.field(.video_link, "a string")
        duration_days = try container.field(.duration_days, "a whole number of days from 1 to 30")
        cadence = try container.field(.cadence, "one of hourly, daily, adaptive")
        notes = try container.field(.notes, "a string")
        milestones = try container.field(.milestones, "an array of view counts, e.g. [100000, 1000000]")
        campaign = try container.field(.campaign, "a string naming the campaign")
    }
}

extension KeyedDecodingContainer {
    /// A text field of a PATCH (notes, campaign): missing (`nil`, it stays), `null` (clear) or a string.
    func textChange(_ key: Key) throws -> PatchVideoBody.NotesValue? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .clear }
        let text: String? = try field(key, "a string or null")
        return text.map(PatchVideoBody.NotesValue.set)
    }

    /// Decodes an optional field; a value of the wrong type is a 400 naming the field and what
    /// it must be (JSONDecoder alone loses the field name for e.g. 7.5 as an Int).
    func field<T: Decodable>(_ key: Key, _ expected: String) throws -> T? {
        do {
            return try decodeIfPresent(T.self, forKey: key)
        } catch {
            // Foundation throws a private error (not a DecodingError) for e.g. 7.5 as an Int.
            if case DecodingError.typeMismatch(_, let context) = error, context.codingPath.count > 1 {
                throw APIError.validation("'\(RequestBody.fieldName(context.codingPath) ?? key.stringValue)' must be a string", field: RequestBody.fieldName(context.codingPath))
            }
            throw APIError.validation("'\(key.stringValue)' must be \(expected)", field: key.stringValue)
        }
    }
}

/// The result for one submitted URL.
struct TrackResultDTO: Encodable {
    /// The same fields as the error envelope's error object, without `request_id`.
    struct ErrorDTO: Encodable {
        let code: String
        let message: String
        var details: [String: MetaValue] = [:]

        init(code: String, message: String, details: [String: MetaValue] = [:]) {
            self.code = code
            self.message = message
            self.details = details
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Envelope.Failure.Body.Key.self)
            try container.encode(code, forKey: .init("code"))
            try container.encode(message, forKey: .init("message"))
            for (key, value) in details.sorted(by: { $0.key < $1.key }) { try container.encode(value, forKey: .init(key)) }
        }
    }

    let index: Int
    let url: String
    @Nullable var canonical_url: String?
    @Nullable var platform: String?
    @Nullable var video_id: String?
    @Nullable var external_video_id: String?
    let status: String
    /// The tracking's lifecycle: monitoring, paused, completed, stopped, unavailable.
    @Nullable var video_status: String?
    /// How it got here (trackagoat's name): direct_add for URLs.
    @Nullable var tracking_status: String?
    @Nullable var duration_days: Int?
    @Nullable var days_remaining: Int?
    @Nullable var cadence: String?
    /// The video's campaign: for `already_tracked`, the one it already had.
    @Nullable var campaign: String?
    @Nullable var created_at: Date?
    /// The most the tracking may cost, in dollars (0 without credits).
    @Nullable var estimated_cost: Double?
    @Nullable var error: ErrorDTO?

    init(_ item: TrackingService.ItemResult, plan: Plan, now: Date) {
        index = item.index
        url = item.submittedURL
        platform = item.platform?.rawValue
        status = item.status.rawValue
        if let tracked = item.trackedVideo {
            let tracking = tracked.tracking
            let effective = tracking.effectiveStatus(at: now)
            canonical_url = tracked.video.canonicalURL
            video_id = UUIDText.lowercase(tracking.id)
            external_video_id = tracked.video.externalID
            video_status = effective.rawValue
            tracking_status = tracking.reviewStatus.rawValue
            duration_days = tracking.window.duration.days
            days_remaining = effective.isFinal ? 0 : tracking.window.daysRemaining(at: now)
            cadence = tracking.cadence.rawValue
            campaign = tracking.campaign
            created_at = tracking.createdAt
            estimated_cost = tracking.terms.estimatedCost.dollars
        }
        if let urlError = item.error {
            error = ErrorDTO(code: urlError.code, message: urlError.message)
        } else if let refusal = item.refusal {
            let refused = APIError.refused(refusal, plan: plan)
            error = ErrorDTO(code: refused.code, message: refused.message, details: refused.details)
        }
    }
}

struct TrackResponseDTO: Encodable {
    let results: [TrackResultDTO]
}

/// The body of `PATCH /v1/videos/{id}`.
/// `PATCH /v1/videos`: the ids (or URLs) of up to 100 tracked videos and one edit for all.
struct PatchVideosBody: Decodable, ChangeBody {
    let ids: [String]
    let edit: PatchVideoBody

    enum CodingKeys: String, CodingKey { case ids }

    var changesNothing: Bool { edit.changesNothing }
    static var nothingToChange: APIError { PatchVideoBody.nothingToChange }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let ids: [String] = try container.field(.ids, "an array of video ids or URLs") else {
            throw APIError.validation("missing required field: ids", field: "ids")
        }
        guard (1...InboxRoutes.maximumIDs).contains(ids.count) else {
            throw APIError.validation("ids must hold 1 to \(InboxRoutes.maximumIDs) ids, got \(ids.count)", field: "ids")
        }
        self.ids = ids
        edit = try PatchVideoBody(from: decoder)
    }
}

struct PatchVideoBody: Decodable, ChangeBody {
    /// `nil` when the key is missing (notes stay); `.clear` for `"notes": null`.
    let notes: NotesValue?
    /// Replaces the milestones (`[]` removes them).
    let milestones: [Int64]?
    /// Moves the video to a campaign; `.clear` takes it out of its campaign.
    let campaign: NotesValue?
    /// The window's new length from its start.
    let duration_days: Int?
    let cadence: String?

    enum CodingKeys: String, CodingKey { case notes, milestones, campaign, duration_days, cadence }

    var changesNothing: Bool { notes == nil && milestones == nil && campaign == nil && duration_days == nil && cadence == nil }
    static let nothingToChange = APIError.validation("nothing to change: send notes, milestones, campaign, duration_days and/or cadence", field: "notes")

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        notes = try container.textChange(.notes)
        milestones = try container.field(.milestones, "an array of view counts, e.g. [100000, 1000000]")
        campaign = try container.textChange(.campaign)
        duration_days = try container.field(.duration_days, "a whole number of days from 1 to 30")
        cadence = try container.field(.cadence, "one of hourly, daily, adaptive")
    }

    /// Distinguishes `"notes": null` (clear) from a missing key; campaign uses it too.
    enum NotesValue: Decodable {
        case set(String)
        case clear

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .clear } else { self = .set(try container.decode(String.self)) }
        }
    }
}
