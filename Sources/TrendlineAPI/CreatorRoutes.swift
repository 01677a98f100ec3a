import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// `/v1/creators...`: follow a creator (discovery adds their new videos), list, get with the
/// follower history, change mode, interval or notes, unfollow.
struct CreatorRoutes {
    let dependencies: APIDependencies
    var repository: any TrendlineRepository { dependencies.repository }

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.post("creators", use: create)
        group.get("creators", use: list)
        group.get("creators/:id", use: get)
        group.patch("creators/:id", use: patch)
        group.delete("creators/:id", use: delete)
        group.get("creators/:id/history", use: history)
    }

    struct CreateBody: Decodable {
        /// Names the creator, as the one-off lookups do (`url`, or `username` + `platform`).
        let creator: CreatorLookupRoutes.CreatorBody
        let mode: String?
        let discovery_interval_hours: Double?
        let notes: String?
        let duration_days: Int?
        let cadence: String?
        let campaign: String?

        enum CodingKeys: String, CodingKey { case mode, discovery_interval_hours, notes, duration_days, cadence, campaign }

        init(from decoder: any Decoder) throws {
            creator = try CreatorLookupRoutes.CreatorBody(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            mode = try container.field(.mode, "auto or selective")
            discovery_interval_hours = try container.field(.discovery_interval_hours, "a number of hours")
            notes = try container.field(.notes, "a string")
            duration_days = try container.field(.duration_days, "a whole number of days from 1 to 30")
            cadence = try container.field(.cadence, "one of hourly, daily, adaptive")
            campaign = try container.field(.campaign, "a string naming the campaign")
        }
    }

    struct PatchBody: Decodable, ChangeBody {
        let mode: String?
        let discovery_interval_hours: Double?
        let notes: PatchVideoBody.NotesValue?
        let duration_days: Int?
        let cadence: String?
        let campaign: PatchVideoBody.NotesValue?

        enum CodingKeys: String, CodingKey { case mode, discovery_interval_hours, notes, duration_days, cadence, campaign }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            mode = try container.field(.mode, "auto or selective")
            discovery_interval_hours = try container.field(.discovery_interval_hours, "a number of hours")
            notes = try container.textChange(.notes)
            duration_days = try container.field(.duration_days, "a whole number of days from 1 to 30")
            cadence = try container.field(.cadence, "one of hourly, daily, adaptive")
            campaign = try container.textChange(.campaign)
        }

        var changesNothing: Bool {
            mode == nil && discovery_interval_hours == nil && notes == nil && duration_days == nil && cadence == nil && campaign == nil
        }
        static let nothingToChange = APIError.validation(
            "nothing to change: send mode, discovery_interval_hours, notes, duration_days, cadence and/or campaign", field: "mode")
    }

    static func mode(_ text: String) throws -> DiscoveryMode {
        guard let mode = DiscoveryMode(rawValue: text.lowercased()) else {
            throw APIError.validation("unknown mode '\(text)': use auto or selective", field: "mode")
        }
        return mode
    }

    static func interval(_ hours: Double, plan: Plan) throws -> TimeInterval {
        switch CreatorService.interval(hours: hours, plan: plan) {
        case .success(let seconds): return seconds
        case .failure(.notPositive): throw APIError.validation("discovery_interval_hours must be above zero", field: "discovery_interval_hours")
        case .failure(.outOfRange(let problem, belowFloor: true)):
            var error = APIError(status: .forbidden, code: "SUBSCRIPTION_LIMIT", message: problem, field: "discovery_interval_hours")
            error.details = ["plan": .string(plan.name), "minimum_interval_hours": .number(plan.discoveryFloor / 3600)]
            throw error
        case .failure(.outOfRange(let problem, belowFloor: false)): throw APIError.validation(problem, field: "discovery_interval_hours")
        }
    }

    /// The tracking terms of the videos discovery will add, checked as `POST /v1/videos/track`
    /// checks them (the plan's snapshot floor included).
    static func trackingTerms(days: Int?, cadence text: String?, plan: Plan) throws -> (TrackingDuration?, Cadence?) {
        let duration = try days.map(VideoRoutes.duration)
        let cadence = try text.map(VideoRoutes.cadence)
        if let cadence, !plan.allows(cadence) {
            throw APIError.cadenceRefused(TrackingService.CadenceNotInPlan(plan: plan, cadence: cadence), plan: plan)
        }
        return (duration, cadence)
    }

    // MARK: Endpoints

    @Sendable func create(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let body = try await RequestBody.decode(CreateBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        let handle = try CreatorLookupRoutes.handle(body.creator)
        let plan = dependencies.plan(for: account)
        let mode = try body.mode.map(Self.mode) ?? .auto
        let interval = try body.discovery_interval_hours.map { try Self.interval($0, plan: plan) }
        if let notes = body.notes { try dependencies.configuration.checkNotes(notes) }
        let (duration, cadence) = try Self.trackingTerms(days: body.duration_days, cadence: body.cadence, plan: plan)
        let campaign = try body.campaign.map { try VideoRoutes.campaign($0) }
        let service = CreatorService(repository: repository, clock: dependencies.clock)
        switch try await service.follow(
            handle, accountID: account.id, mode: mode, interval: interval, notes: body.notes, plan: plan,
            trackingDuration: duration ?? .default, trackingCadence: cadence ?? .default, campaign: campaign) {
        case .created(let creator):
            return try Envelope.success(CreatorDTO(creator), status: .created, meta: ["already_following": .bool(false)], context: context)
        case .existing(let creator):
            return try Envelope.success(CreatorDTO(creator), meta: ["already_following": .bool(true)], context: context)
        case .refused(let limit, let current):
            throw APIError.subscriptionLimit(
                "the \(plan.name) plan follows at most \(limit) creators and this account follows \(current)", plan: plan.name,
                limit: limit, current: current)
        }
    }

    @Sendable func list(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let creators = try await repository.creators(accountID: account.id)
        return try Envelope.success(creators.map(CreatorDTO.init), meta: ["count": .int(creators.count)], context: context)
    }

    @Sendable func get(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let creator = try await owned(request, context)
        let history = try await repository.creatorHistory(creatorID: creator.id, limit: 100)
        let totals = try await VideoTotals.of(TrackingFilter(creatorID: creator.id), accountID: creator.accountID, repository: repository, at: dependencies.clock.now)
        return try Envelope.success(
            CreatorDetailDTO(creator: CreatorDTO(creator), follower_history: history.map(FollowerPointDTO.init), video_totals: CountTotalsDTO(totals)),
            context: context)
    }

    @Sendable func history(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let creator = try await owned(request, context)
        let limit = try QueryValues.integer(request.uri.queryParameters["limit"].map(String.init), field: "limit", range: 1...5000, default: 500)
        let history = try await repository.creatorHistory(creatorID: creator.id, limit: limit)
        return try Envelope.success(history.map(FollowerPointDTO.init), meta: ["creator_id": .string(UUIDText.lowercase(creator.id)), "count": .int(history.count)], context: context)
    }

    @Sendable func patch(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try Self.creatorID(context)
        let body = try await RequestBody.decode(PatchBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        var change = CreatorChange()
        change.mode = try body.mode.map(Self.mode)
        let plan = dependencies.plan(for: account)
        change.discoveryInterval = try body.discovery_interval_hours.map { try Self.interval($0, plan: plan) }
        (change.trackingDuration, change.trackingCadence) = try Self.trackingTerms(days: body.duration_days, cadence: body.cadence, plan: plan)
        change.campaign = try VideoRoutes.campaignChange(body.campaign)
        switch body.notes {
        case .set(let text):
            try dependencies.configuration.checkNotes(text)
            change.notes = .some(text)
        case .clear: change.notes = .some(nil)
        case nil: break
        }
        guard let creator = try await repository.updateCreator(id: id, accountID: account.id, change: change, at: dependencies.clock.now) else {
            throw Self.notFound(context)
        }
        return try Envelope.success(CreatorDTO(creator), context: context)
    }

    @Sendable func delete(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try Self.creatorID(context)
        guard try await repository.deleteCreator(id: id, accountID: account.id) else { throw Self.notFound(context) }
        return try Envelope.success(VideoRoutes.DeletedDTO(id: UUIDText.lowercase(id), deleted: true), context: context)
    }

    func owned(_ request: Request, _ context: TrendlineRequestContext) async throws -> Creator {
        let account = try context.requireAccount()
        guard let creator = try await repository.creator(id: try Self.creatorID(context), accountID: account.id) else { throw Self.notFound(context) }
        return creator
    }

    static func creatorID(_ context: TrendlineRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUIDText.parse(text) else { throw notFound(context) }
        return id
    }

    static func notFound(_ context: TrendlineRequestContext) -> APIError {
        .notFound("no creator with id '\(context.parameters.get("id") ?? "")'")
    }
}

/// A followed creator as the API shows it.
struct CreatorDTO: Encodable {
    let id: String
    let platform: String
    let username: String
    let profile_url: String
    let mode: String
    let discovery_interval_hours: Double
    /// How long and how often the videos discovery adds are tracked.
    let duration_days: Int
    let cadence: String
    @Nullable var notes: String?
    /// The campaign the videos discovery adds join.
    @Nullable var campaign: String?
    @Nullable var full_name: String?
    @Nullable var bio: String?
    @Nullable var profile_pic_url: String?
    @Nullable var followers: Int64?
    @Nullable var following: Int64?
    @Nullable var posts_count: Int64?
    let is_verified: Bool
    @Nullable var external_url: String?
    let videos_discovered: Int
    @Nullable var last_checked_at: Date?
    /// Which providers answered the last check (see ``CreatorSources``).
    @Nullable var profile_provider: String?
    @Nullable var videos_provider: String?
    let next_check_at: Date
    @Nullable var last_error: String?
    let created_at: Date
    let updated_at: Date

    init(_ creator: Creator) {
        id = UUIDText.lowercase(creator.id)
        platform = creator.handle.platform.rawValue
        username = creator.handle.username
        profile_url = creator.handle.profileURL
        mode = creator.mode.rawValue
        discovery_interval_hours = creator.discoveryInterval / 3600
        duration_days = creator.trackingDuration.days
        cadence = creator.trackingCadence.rawValue
        notes = creator.notes
        campaign = creator.campaign
        full_name = creator.profile?.fullName
        bio = creator.profile?.bio
        profile_pic_url = creator.profile?.profilePicURL
        followers = creator.profile?.followers
        following = creator.profile?.following
        posts_count = creator.profile?.postsCount
        is_verified = creator.profile?.isVerified ?? false
        external_url = creator.profile?.externalURL
        videos_discovered = creator.videosDiscovered
        last_checked_at = creator.lastCheckedAt
        profile_provider = creator.sources?.profile
        videos_provider = creator.sources?.videos
        next_check_at = creator.nextCheckAt
        last_error = creator.lastError
        created_at = creator.createdAt
        updated_at = creator.updatedAt
    }
}

struct FollowerPointDTO: Encodable {
    let taken_at: Date
    @Nullable var followers: Int64?
    @Nullable var following: Int64?
    @Nullable var posts_count: Int64?

    init(_ snapshot: CreatorSnapshot) {
        taken_at = snapshot.takenAt
        followers = snapshot.followers
        following = snapshot.following
        posts_count = snapshot.postsCount
    }
}

struct CreatorDetailDTO: Encodable {
    let creator: CreatorDTO
    /// The newest 100 readings, oldest first; `/history` pages further.
    let follower_history: [FollowerPointDTO]
    /// The videos its discovery added, their newest counts summed (those in the inbox left out).
    let video_totals: CountTotalsDTO
}
