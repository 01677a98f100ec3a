import Foundation
import Hummingbird
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// `/v1/videos...`: track, list, get, history, stop/pause/resume, notes, delete.
struct VideoRoutes {
    let dependencies: APIDependencies
    var repository: any TrendlineRepository { dependencies.repository }
    var tracking: TrackingService { TrackingService(repository: repository, resolver: dependencies.resolver, clock: dependencies.clock) }
    var management: TrackingManagement { TrackingManagement(repository: repository, clock: dependencies.clock) }

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.post("videos/track", use: track)
        group.get("videos", use: list)
        group.get("videos/export", use: exportList)
        group.get("videos/:id", use: get)
        group.patch("videos/:id", use: patch)
        group.patch("videos", use: patchMany)
        group.post("videos/stop") { try await applyToMany(.status(.stop), $0, $1) }
        group.post("videos/pause") { try await applyToMany(.status(.pause), $0, $1) }
        group.post("videos/resume") { try await applyToMany(.status(.resume), $0, $1) }
        group.post("videos/delete") { try await applyToMany(.delete, $0, $1) }
        group.delete("videos/:id", use: delete)
        group.get("videos/:id/snapshots", use: snapshots)
        group.get("videos/:id/export", use: export)
        group.get("videos/:id/history", use: history)
        group.post("videos/:id/stop") { try await apply(.stop, $0, $1) }
        group.post("videos/:id/pause") { try await apply(.pause, $0, $1) }
        group.post("videos/:id/resume") { try await apply(.resume, $0, $1) }
        group.post("videos/:id/refresh", use: refresh)
    }

    // MARK: Track

    @Sendable func track(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let account = try context.requireAccount()
        let body = try await RequestBody.decode(TrackRequestBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        let (urls, singleField) = try Self.urls(in: body)
        let plan = dependencies.plan(for: account)
        var options = try trackOptions(body)
        options.plan = plan
        try await takeURLBudget(urls.count, plan: plan, context: context)
        let results: [TrackingService.ItemResult]
        do {
            results = try await tracking.track(urls: urls, accountID: account.id, options: options)
        } catch let refused as TrackingService.CadenceNotInPlan {
            throw APIError.cadenceRefused(refused, plan: plan)
        }
        if let singleField, let first = results.first {
            if let error = first.error {
                throw APIError(status: .unprocessableContent, code: error.code, message: error.message, field: singleField)
            }
            if let refusal = first.refusal { throw APIError.refused(refusal, plan: plan, field: singleField) }
        }
        let now = dependencies.clock.now
        let elapsed = ContinuousClock.now - started
        let summary: [String: MetaValue] = [
            "total": .int(results.count),
            "tracked": .int(results.filter { $0.status == .tracked }.count),
            "already_tracked": .int(results.filter { $0.status == .alreadyTracked }.count),
            "errors": .int(results.filter { $0.status == .error }.count),
        ]
        let milliseconds = Int(elapsed.wholeMilliseconds)
        return try Envelope.success(
            TrackResponseDTO(results: results.map { TrackResultDTO($0, plan: plan, now: now) }),
            meta: ["summary": .object(summary), "processing_time_ms": .int(milliseconds)], context: context)
    }

    /// The per-key budget of URLs tracked per minute: a batch that does not fit is refused whole
    /// (nothing half-tracked), saying when it would fit.
    func takeURLBudget(_ count: Int, plan: Plan, context: TrendlineRequestContext) async throws {
        let limit = plan.urlsPerMinute
        guard limit > 0, let key = context.apiKeyID else { return }
        let take = try await dependencies.rateLimiter.take("urls:\(UUIDText.lowercase(key))", limit: limit, per: 60, cost: count, at: dependencies.clock.now)
        guard take.allowed else {
            let wait = Int(take.bucket.secondsUntil(Double(count)).rounded(.up))
            throw APIError.rateLimited(
                "at most \(limit) URLs per minute per API key: \(take.bucket.remaining) left now, this request has \(count)", retryAfter: max(1, wait))
        }
    }

    /// The URLs of the request and, for the one-URL form, the name of its field.
    static func urls(in body: TrackRequestBody) throws -> ([String], String?) {
        let single = body.url.map { ($0, "url") } ?? body.video_link.map { ($0, "video_link") }
        switch (body.urls, single) {
        case (nil, nil):
            throw APIError.validation("missing required field: urls (or url / video_link for one URL)", field: "urls")
        case (.some, .some(let (_, name))):
            throw APIError.validation("send either urls or \(name), not both", field: name)
        case (.some(let urls), nil):
            guard (1...TrackingService.maximumBatch).contains(urls.count) else {
                throw APIError.validation("urls must hold 1 to \(TrackingService.maximumBatch) URLs, got \(urls.count)", field: "urls")
            }
            return (urls, nil)
        case (nil, .some(let (url, name))):
            return ([url], name)
        }
    }

    func trackOptions(_ body: TrackRequestBody) throws -> TrackingService.Options {
        var options = TrackingService.Options()
        if let days = body.duration_days { options.duration = try Self.duration(days) }
        if let cadence = body.cadence {
            options.cadence = try Self.cadence(cadence)
        }
        if let notes = body.notes {
            try dependencies.configuration.checkNotes(notes)
            options.notes = notes
        }
        if let milestones = body.milestones { options.milestones = try Self.milestones(milestones) }
        options.campaign = try body.campaign.map { try Self.campaign($0) }
        return options
    }

    /// A campaign name as stored (trimmed), or a 400 naming `field`.
    static func campaign(_ text: String, field: String = "campaign") throws -> String {
        let checked = CampaignName.validated(text)
        guard let name = checked.name else { throw APIError.validation(checked.problem ?? "invalid campaign name", field: field) }
        return name
    }

    /// A PATCH's campaign: `nil` when it stays, `.some(nil)` to leave the campaign.
    static func campaignChange(_ value: PatchVideoBody.NotesValue?) throws -> String?? {
        switch value {
        case nil: return nil
        case .clear: return .some(nil)
        case .set(let text): return .some(try campaign(text))
        }
    }

    static func milestones(_ values: [Int64]) throws -> [Int64] {
        let checked = MilestoneList.validated(values)
        guard let valid = checked.values else { throw APIError.validation(checked.problem ?? "invalid milestones", field: "milestones") }
        return valid
    }

    /// `duration_days` as a tracking duration, or a validation error naming the field.
    static func duration(_ days: Int) throws -> TrackingDuration {
        do { return try TrackingDuration(days: days) } catch { throw APIError.validation(error.message, field: "duration_days") }
    }

    static func cadence(_ text: String) throws -> Cadence {
        guard let cadence = Cadence(rawValue: text.lowercased()) else {
            let allowed = Cadence.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.validation("unknown cadence '\(text)': use one of \(allowed)", field: "cadence")
        }
        return cadence
    }

    // MARK: Read

    @Sendable func list(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let query = request.uri.queryParameters
        let filter = try await requestedFilter(request)
        let page = try QueryValues.page(query["limit"].map(String.init), cursor: query["cursor"].map(String.init), order: filter.order)
        let now = dependencies.clock.now
        let result = try await repository.listTrackedVideos(accountID: account.id, filter: filter, page: page, at: now)
        let items = try await repository.visibleLatestAndDayBefore(result.items).map {
            VideoDTO($0.item, latest: $0.latest, dayBefore: $0.dayBefore, now: now)
        }
        return try Envelope.success(
            items, meta: QueryValues.pageMeta(count: items.count, limit: page.limit, next: result.next, order: filter.order), context: context)
    }

    /// The filters of `GET /v1/videos` (and its export), `url` among them: one video, named by
    /// any of its URLs (a short link is followed as a track follows it); a 400 naming the
    /// parameter that is wrong.
    func requestedFilter(_ request: Request) async throws -> TrackingFilter {
        var filter = try Self.queryFilter(request)
        guard let text = request.uri.queryParameters["url"].map(String.init) else { return filter }
        switch await tracking.resolve(text) {
        case .failure(let error):
            throw APIError.validation("url: \(error.message)", field: "url")
        case .success(let video):
            if let platform = filter.platform, platform != video.platform {
                throw APIError.validation("url is a \(video.platform.rawValue) video, but platform asks for \(platform.rawValue)", field: "platform")
            }
            filter.platform = video.platform
            filter.externalID = video.externalID
            return filter
        }
    }

    /// The filters read from the query alone: platform, status, tracking_status, campaign, q,
    /// creator_id, published_from/to, added_from/to, sort.
    static func queryFilter(_ request: Request) throws -> TrackingFilter {
        let query = request.uri.queryParameters
        var filter = TrackingFilter()
        if let platform = query["platform"].map(String.init) {
            filter.platform = try QueryValues.platform(platform, field: "platform")
        }
        if let status = query["status"].map(String.init) {
            guard let value = TrackingStatus(named: status) else {
                let allowed = TrackingStatus.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.validation("unknown status '\(status)': use one of \(allowed)", field: "status")
            }
            filter.status = value
        }
        if let review = query["tracking_status"].map(String.init) {
            guard let value = ReviewStatus(rawValue: review.lowercased()), value != .excluded else {
                let allowed = ReviewStatus.allCases.filter { $0 != .excluded }.map(\.rawValue).joined(separator: ", ")
                throw APIError.validation("unknown tracking_status '\(review)': use one of \(allowed) (excluded videos are never listed)", field: "tracking_status")
            }
            filter.reviewStatus = value
        }
        filter.campaign = try QueryValues.formText("campaign", in: request.uri.query).map { try Self.campaign($0) }
        if let text = QueryValues.formText("q", in: request.uri.query) {
            let (words, problem) = SearchWords.parse(text)
            if let problem { throw APIError.validation(problem, field: "q") }
            filter.search = words
        }
        if let creator = query["creator_id"].map(String.init) {
            guard let id = UUIDText.parse(creator) else {
                throw APIError.validation("creator_id must be a followed creator's id (a UUID), got '\(creator.prefix(100))'", field: "creator_id")
            }
            filter.creatorID = id
        }
        filter.published = try QueryValues.bounds(request, "published")
        filter.added = try QueryValues.bounds(request, "added")
        if let sort = query["sort"].map(String.init) {
            guard let order = TrackingOrder(rawValue: sort.lowercased()) else {
                let allowed = TrackingOrder.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.validation("unknown sort '\(sort.prefix(100))': use one of \(allowed)", field: "sort")
            }
            filter.order = order
        }
        return filter
    }

    @Sendable func get(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let item = try await owned(request, context)
        let history = try await encodedHistory(item)
        return try Self.detail(item, history: history, now: dependencies.clock.now).response(requestID: context.requestID, channel: context.channel)
    }

    /// The detail's envelope up to its request id: rendered once per tracking and history, and
    /// again whenever a shown field of the video changes.
    static func detail(_ item: TrackedVideo, history: EncodedHistoryCache.Entry, now: Date) throws -> Envelope.Filled {
        let video = VideoDTO(item, latest: history.latest, dayBefore: history.dayBefore, now: now)
        return try history.renderings.envelope(for: video) {
            try Envelope.Spliced(VideoDetailDTO(video: video, snapshots: [], has_more_snapshots: history.hasMore), filling: #""snapshots":[]"#)
                .filled(with: history.json)
        }
    }

    /// Where the detail's embedded snapshots are kept: the video's visible range and newest snapshot.
    static func historyKey(_ item: TrackedVideo, limit: Int) -> EncodedHistoryCache.Key {
        let range = item.tracking.visibleRange
        return EncodedHistoryCache.Key(
            videoID: item.video.id, videoCreatedAt: item.video.createdAt, lower: range.lowerBound, upper: range.upperBound,
            lastSnapshotAt: item.video.lastSnapshotAt, limit: limit)
    }

    /// The detail's embedded snapshots, encoded, from the cache while the video's newest snapshot
    /// has not moved.
    func encodedHistory(_ item: TrackedVideo) async throws -> EncodedHistoryCache.Entry {
        let limit = dependencies.configuration.embeddedSnapshotLimit
        let range = item.tracking.visibleRange
        let key = Self.historyKey(item, limit: limit)
        let now = Date()
        let repository = repository
        return try await dependencies.historyCache.entry(key, now: now) {
            let history = try await repository.snapshots(videoID: item.video.id, in: range, after: nil, limit: limit + 1)
            let shown = history.prefix(limit)
            let latest = history.count > limit ? try await repository.visibleLatest(item) : shown.last
            let dayBefore = try await repository.visibleDayBefore(item, latest: latest)
            return EncodedHistoryCache.Entry(
                json: SnapshotArrayJSON.encode(shown), latest: latest, dayBefore: dayBefore, hasMore: history.count > limit, storedAt: now)
        }
    }

    @Sendable func snapshots(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let item = try await owned(request, context)
        let query = request.uri.queryParameters
        let limit = try QueryValues.integer(query["limit"].map(String.init), field: "limit", range: 1...1000, default: 100)
        let range = try Self.requestedRange(query, of: item)
        var after: Date?
        if let cursor = query["cursor"].map(String.init), !cursor.isEmpty {
            guard let decoded = CursorCoding.decodeSnapshot(cursor) else { throw APIError.validation("the cursor is not valid; pass next_cursor back unchanged", field: "cursor") }
            after = decoded
        }
        var page: [Snapshot] = []
        if let range {
            page = try await repository.snapshots(videoID: item.video.id, in: range, after: after, limit: limit + 1)
        }
        let shown = Array(page.prefix(limit))
        let next = page.count > limit ? shown.last.map { CursorCoding.encodeSnapshot(after: $0.takenAt) } : nil
        return try Envelope.success(shown.map(SnapshotDTO.init), meta: [
            "video_id": .string(UUIDText.lowercase(item.tracking.id)), "count": .int(shown.count),
            "next_cursor": next.map(MetaValue.string) ?? .null, "has_more": .bool(next != nil),
        ], context: context)
    }

    /// The part of the video's visible history that `from`/`to` (ISO 8601, inclusive) ask for;
    /// `nil` when they leave none of it. A 400 names a bad date, or `from` after `to`.
    static func requestedRange(_ query: Parameters, of item: TrackedVideo) throws -> ClosedRange<Date>? {
        let from = try QueryValues.date(query["from"].map(String.init), field: "from")
        let to = try QueryValues.date(query["to"].map(String.init), field: "to", endOfDay: true)
        if let from, let to, from > to { throw APIError.validation("from must not be after to", field: "from") }
        let visible = item.tracking.visibleRange
        let lower = max(visible.lowerBound, from ?? visible.lowerBound)
        let upper = min(visible.upperBound, to ?? visible.upperBound)
        return lower <= upper ? lower...upper : nil
    }

    // MARK: Change

    func apply(_ action: TrackingAction, _ request: Request, _ context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try Self.trackingID(request, context)
        guard let outcome = try await management.apply(action, to: id, accountID: account.id) else { throw Self.notFound(context) }
        switch outcome {
        case .failure(let error): throw APIError.conflict(error.message)
        case .success(let item): return try await respond(with: item, context: context)
        }
    }

    @Sendable func patch(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try Self.trackingID(request, context)
        let body = try await RequestBody.decode(PatchVideoBody.self, from: request, limit: dependencies.configuration.bodyLimit)
        let edit = try videoEdit(body)
        let plan = dependencies.plan(for: account)
        guard let current = try await repository.trackedVideo(id: id, accountID: account.id), current.tracking.reviewStatus != .excluded,
              let outcome = try await management.edit(current, edit, maxActiveTrackings: plan.maxTrackedVideos)
        else { throw Self.notFound(context) }
        switch outcome {
        case .success(let item): return try await respond(with: item, context: context)
        case .failure(let refusal): throw APIError.editRefused(refusal, plan: plan, of: current.tracking, field: edit.duration != nil ? "duration_days" : "cadence")
        }
    }

    /// The edit a `PATCH` body asks for, each field checked (a 400 naming the first bad one).
    func videoEdit(_ body: PatchVideoBody) throws -> VideoEdit {
        var change = TrackingChange()
        switch body.notes {
        case .set(let text):
            try dependencies.configuration.checkNotes(text)
            change.notes = .some(text)
        case .clear: change.notes = .some(nil)
        case nil: break
        }
        if let milestones = body.milestones { change.milestones = try Self.milestones(milestones) }
        change.campaign = try Self.campaignChange(body.campaign)
        return VideoEdit(fields: change, duration: try body.duration_days.map(Self.duration), cadence: try body.cadence.map(Self.cadence))
    }

    @Sendable func delete(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let id = try Self.trackingID(request, context)
        guard try await repository.deleteTracking(id: id, accountID: account.id, at: dependencies.clock.now) else { throw Self.notFound(context) }
        return try Envelope.success(DeletedDTO(id: UUIDText.lowercase(id), deleted: true), context: context)
    }

    /// Takes a snapshot now, within the per-video daily limit.
    @Sendable func refresh(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        let item = try await owned(request, context)
        let limit = dependencies.plan(for: try context.requireAccount()).manualRefreshesPerDay
        let outcome = try await management.refresh(item, limit: limit, liveStats: dependencies.liveStats)
        switch outcome {
        case .refreshed: return try await get(request, context: context)
        case .ended: throw APIError.conflict(outcome.refusal?.message ?? "")
        case .limitReached: throw APIError.rateLimited(outcome.refusal?.message ?? "", retryAfter: nil)
        case .upstream(let failure): throw APIError.upstream(failure)
        }
    }

    // MARK: Helpers

    func respond(with item: TrackedVideo, context: TrendlineRequestContext) async throws -> Response {
        let (latest, dayBefore) = try await repository.visibleLatestAndDayBefore(item)
        return try Envelope.success(VideoDTO(item, latest: latest, dayBefore: dayBefore, now: dependencies.clock.now), context: context)
    }

    /// The account's tracking named by the path, or 404 (also for another account's id).
    func owned(_ request: Request, _ context: TrendlineRequestContext) async throws -> TrackedVideo {
        let account = try context.requireAccount()
        let id = try Self.trackingID(request, context)
        guard let item = try await repository.trackedVideo(id: id, accountID: account.id), item.tracking.reviewStatus != .excluded else {
            throw Self.notFound(context)
        }
        return item
    }

    static func trackingID(_ request: Request, _ context: TrendlineRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUIDText.parse(text) else {
            throw APIError.notFound("no video with id '\(context.parameters.get("id") ?? "")'")
        }
        return id
    }

    struct DeletedDTO: Encodable {
        let id: String
        let deleted: Bool
    }

    static func notFound(_ context: TrendlineRequestContext) -> APIError {
        .notFound("no video with id '\(context.parameters.get("id") ?? "")'")
    }
}
