import Foundation
import Logging
import PostgresNIO
import TrendlineDomain
import _ConnectionPoolModule
import TrendlineStore

/// The several-nodes backend: PostgreSQL through a `PostgresClient` pool. Bound parameters only;
/// every multi-statement change in a transaction; uniqueness enforced by the database, so API
/// nodes racing on the same URL still create one video; due work claimed with
/// `FOR UPDATE SKIP LOCKED` so workers never take the same video.
///
/// The client's `run()` must be running (add the client to the service group); call
/// ``migrate()`` once at start.
public final class PostgresRepository: TrendlineRepository {
    public let client: PostgresClient
    let logger: Logger
    /// How long one store operation may take before its caller is told the database is
    /// unavailable (the API answers 503 instead of hanging during an outage).
    public let operationTimeout: Duration
    /// The default ``operationTimeout``, and the `statement_timeout` that
    /// ``PostgresURL/configuration(searchPath:maximumConnections:statementTimeout:)`` asks the
    /// server for by default.
    public static let defaultOperationTimeout: Duration = .seconds(10)
    /// The last operation that met the server's full disk, for ``writeProblem()``.
    let writeProblems = RecentWriteProblem()
    /// How the search folds letters on this server.
    let searchFolding = SearchFolding()

    /// `client` should carry the server-side `statement_timeout` of
    /// ``PostgresURL/configuration(searchPath:maximumConnections:statementTimeout:)``, no longer
    /// than `operationTimeout`: the server, not the client, is what ends a statement that waits
    /// on a lock, and ending it there rolls its transaction back.
    public init(client: PostgresClient, logger: Logger = Logger(label: "trendline.postgres"), operationTimeout: Duration = PostgresRepository.defaultOperationTimeout) {
        self.client = client
        self.logger = logger
        self.operationTimeout = operationTimeout
    }

    /// Applies pending migrations; throws ``PostgresSchemaError`` on a newer schema.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await guarded { [self] in try await PostgresMigrator.migrate(client, logger: logger) }
    }

    public func ping() async throws {
        try await guarded { [self] in try await client.query("SELECT 1", logger: logger) }
    }

    /// The server's clock as it reads its statement (`clock_timestamp()`, not the transaction's
    /// start), to the millisecond.
    public func serverTime() async throws -> Date? {
        try await guarded { [self] in
            let rows = try await client.query("SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::int8", logger: logger)
            for try await ms in rows.decode(Int64.self) { return Date(millisecondsSince1970: ms) }
            return nil
        }
    }

    /// The server's full disk (SQLSTATE 53100), when an operation met it within the last
    /// minute: reads can go on meanwhile.
    public func writeProblem() async -> String? {
        writeProblems.recent()
    }

    /// One operation against ``operationTimeout``, with connection failures (the pool's
    /// included), timeouts and deadlocks mapped to ``StoreError/unavailable(_:)`` and unique
    /// violations to ``StoreError/conflict(_:)``.
    ///
    /// The caller is told what happened, never a guess. When the timer fires the operation is
    /// cancelled: a wait for a connection ends at once, and PostgresNIO fails the next read of
    /// rows, which rolls a transaction back. A statement already sent cannot be recalled from
    /// the client, so the operation is awaited until the server's `statement_timeout` ends it
    /// (rolled back: the caller gets `unavailable`) or it commits (the caller gets its result).
    /// Reporting `unavailable` for an operation that then committed would make a client that
    /// retries it do it twice.
    @discardableResult
    func guarded<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withThrowingTaskGroup(of: GuardedRace<T>.self) { group in
                group.addTask { .finished(try await body()) }
                group.addTask { [operationTimeout] in
                    try await Task.sleep(for: operationTimeout)
                    return .timerFired
                }
                defer { group.cancelAll() }
                if case .finished(let result)? = try await group.next() { return result }
                group.cancelAll()
                let timedOut = StoreError.unavailable("the database did not answer within \(operationTimeout)")
                do {
                    guard case .finished(let result)? = try await group.next() else { throw timedOut }
                    logger.warning("a database operation finished after the \(operationTimeout) timeout")
                    return result
                } catch {
                    switch Self.storeError(for: error) {
                    case is CancellationError, StoreError.unavailable(_): throw timedOut
                    case let other: throw other
                    }
                }
            }
        } catch {
            let mapped = Self.storeError(for: error)
            if Self.sqlState(of: error) == "53100" { writeProblems.record("\(mapped)") }
            throw mapped
        }
    }

    /// The server's SQLSTATE behind `error`, inside a transaction's error too.
    static func sqlState(of error: any Error) -> String? {
        (unwrapped(error) as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The error a `PostgresTransactionError` wraps (its closure's, its BEGIN's or its
    /// COMMIT's), unwrapped all the way; any other error as it is.
    static func unwrapped(_ error: any Error) -> any Error {
        guard let wrapped = error as? PostgresTransactionError, let inner = wrapped.closureError ?? wrapped.beginError ?? wrapped.commitError else { return error }
        return unwrapped(inner)
    }

    /// The domain error for a database error; errors thrown inside a transaction arrive
    /// wrapped in `PostgresTransactionError` and are unwrapped first.
    static func storeError(for error: any Error) -> any Error {
        let inner = unwrapped(error)
        switch inner {
        case let wrapped as PostgresTransactionError:
            return StoreError.unavailable("transaction failed: \(wrapped)")
        case let error as PSQLError:
            let state = error.serverInfo?[.sqlState]
            if state == "23505" { return StoreError.conflict(error.serverInfo?[.message] ?? "duplicate") }
            if let transient = transientStates[state ?? ""] { return StoreError.unavailable(transient) }
            if error.serverInfo == nil { return StoreError.unavailable(String(describing: error.code)) }
            return error
        case let error as ConnectionPoolError:
            return StoreError.unavailable("no database connection (\(error))")
        default:
            return inner
        }
    }

    /// Server errors after which the same operation, tried again, can succeed; each was rolled
    /// back. The caller gets `unavailable` (503, try again) rather than an internal error.
    static let transientStates: [String: String] = [
        "57014": "a statement ran past the database's statement_timeout and was rolled back",
        "55P03": "a lock was not granted within the database's lock_timeout; nothing was changed",
        "40P01": "the database ended a deadlock by rolling this operation back",
        "40001": "the database could not serialize this operation; nothing was changed",
        "53100": "the database server's disk is full; nothing was changed",
        "53200": "the database server ran out of memory; nothing was changed",
        "53300": "the database server has no connection slot free",
        "57P03": "the database server is starting up or shutting down and takes no connections",
    ]

    // MARK: Accounts and keys

    public func createAccount(name: String, at date: Date) async throws -> Account {
        let account = Account(id: UUIDText.random(), name: name, createdAt: date)
        do {
            try await guarded { [self] in
                try await client.query(
                    "INSERT INTO accounts (id, name, created_at) VALUES (\(account.id.storageString), \(name), \(account.createdAt.ms))",
                    logger: logger)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("an account named '\(name)' already exists")
        }
        return account
    }

    public func account(named name: String) async throws -> Account? {
        try await guarded { [self] in
            try await client.query("SELECT * FROM accounts WHERE name = \(name)", logger: logger).collect(PostgresRows.account).first
        }
    }

    public func account(id: UUID) async throws -> Account? {
        try await guarded { [self] in
            try await client.query("SELECT * FROM accounts WHERE id = \(id.storageString)", logger: logger).collect(PostgresRows.account).first
        }
    }

    public func listAccounts() async throws -> [Account] {
        try await guarded { [self] in
            try await client.query("SELECT * FROM accounts ORDER BY created_at, name", logger: logger).collect(PostgresRows.account)
        }
    }

    public func insertKey(_ key: APIKey) async throws {
        do {
            try await guarded { [self] in
                try await client.query(
                    """
                    INSERT INTO api_keys (id, account_id, name, prefix, hash, created_at, last_used_at, revoked_at, read_only)
                    VALUES (\(key.id.storageString), \(key.accountID.storageString), \(key.name), \(key.prefix), \(key.hash),
                            \(key.createdAt.ms), \(key.lastUsedAt?.ms), \(key.revokedAt?.ms), \(Int32(key.readOnly ? 1 : 0)))
                    """, logger: logger)
            }
        } catch StoreError.conflict {
            throw StoreError.conflict("a key with the same hash already exists")
        }
    }

    public func key(hash: String) async throws -> APIKey? {
        try await guarded { [self] in
            try await client.query("SELECT * FROM api_keys WHERE hash = \(hash)", logger: logger).collect(PostgresRows.key).first
        }
    }

    public func listKeys(accountID: UUID?) async throws -> [APIKey] {
        try await guarded { [self] in
            if let accountID {
                return try await client.query(
                    "SELECT * FROM api_keys WHERE account_id = \(accountID.storageString) ORDER BY created_at, id", logger: logger
                ).collect(PostgresRows.key)
            }
            return try await client.query("SELECT * FROM api_keys ORDER BY created_at, id", logger: logger).collect(PostgresRows.key)
        }
    }

    public func revokeKey(idOrPrefix: String, at date: Date) async throws -> APIKey? {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let keys = try await connection.query(
                    "SELECT * FROM api_keys WHERE id = \(idOrPrefix.lowercased()) OR prefix = \(idOrPrefix) FOR UPDATE", logger: logger
                ).collect(PostgresRows.key)
                guard !keys.isEmpty else { return nil }
                guard keys.count == 1 else { throw StoreError.conflict("'\(idOrPrefix)' matches \(keys.count) keys; use the key id") }
                var key = keys[0]
                if key.revokedAt == nil {
                    key.revokedAt = date.truncatedToMilliseconds
                    try await connection.query("UPDATE api_keys SET revoked_at = \(date.ms) WHERE id = \(key.id.storageString)", logger: logger)
                }
                return key
            }
        }
    }

    public func touchKey(id: UUID, at date: Date) async throws {
        try await guarded { [self] in
            try await client.query(
                """
                UPDATE api_keys SET last_used_at = \(date.ms)
                WHERE id = \(id.storageString) AND (last_used_at IS NULL OR last_used_at < \(date.ms - 60_000))
                """, logger: logger)
        }
    }

    // MARK: Trackings

    public func track(_ requests: [NewTracking], at date: Date) async throws -> [TrackOutcome] {
        let now = date.truncatedToMilliseconds
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                // Batches of one account that check its plan or balance run one after the other,
                // whichever node they arrive on: the account row is their lock.
                let governed = Set(requests.filter { $0.maxActiveTrackings != nil || $0.terms.estimatedCost > .zero }.map(\.accountID))
                for accountID in governed.sorted(by: { $0.storageString < $1.storageString }) {
                    try await connection.query("SELECT id FROM accounts WHERE id = \(accountID.storageString) FOR UPDATE", logger: self.logger)
                }
                var outcomes: [TrackOutcome] = []
                for request in requests { outcomes.append(try await self.track(request, at: now, on: connection)) }
                return outcomes
            }
        }
    }

    private func track(_ request: NewTracking, at now: Date, on connection: PostgresConnection) async throws -> TrackOutcome {
        let source = request.video
        if let existing = try await connection.query(
            """
            \(unescaped: PostgresRows.trackedVideoSelect)
            WHERE t.account_id = \(request.accountID.storageString) AND v.platform = \(source.platform.rawValue) AND v.external_id = \(source.externalID)
            """, logger: logger
        ).collect(PostgresRows.trackedVideo).first {
            return .existing(existing)
        }
        if let refusal = try await refusal(for: request, at: now, on: connection) { return .refused(refusal) }
        try await connection.query(
            """
            INSERT INTO videos (platform, external_id, canonical_url, created_at, title, author, published_at)
            VALUES (\(source.platform.rawValue), \(source.externalID), \(source.canonicalURL), \(now.ms), \(StoredText.storable(request.metadata?.title)),
                \(StoredText.storable(request.metadata?.author)), \(request.metadata?.publishedAt?.ms))
            ON CONFLICT (platform, external_id) DO NOTHING
            """, logger: logger)
        guard let video = try await connection.query(
            "SELECT \(unescaped: PostgresRows.videoColumns) FROM videos v WHERE v.platform = \(source.platform.rawValue) AND v.external_id = \(source.externalID)",
            logger: logger
        ).collect(PostgresRows.video).first else { throw StoreError.corrupt("video vanished while tracking") }
        let tracking = Tracking(
            id: UUIDText.random(), accountID: request.accountID, videoID: video.id, platform: source.platform,
            submittedURL: request.submittedURL, status: request.reviewStatus == .pendingReview ? .paused : .monitoring,
            window: TrackingWindow(start: now, duration: request.duration), cadence: request.cadence,
            notes: request.notes, createdAt: now, updatedAt: now, terms: request.terms, reviewStatus: request.reviewStatus,
            creatorID: request.creatorID, milestones: request.milestones.map { Milestone(views: $0) }, campaign: request.campaign)
        let terms = tracking.terms
        let inserted = try await connection.query(
            """
            INSERT INTO trackings (id, account_id, video_id, platform, submitted_url, status, window_start, window_end,
                duration_days, cadence, notes, created_at, updated_at, min_interval_s, price_micros, estimated_micros,
                review_status, creator_id, milestones, campaign)
            VALUES (\(tracking.id.storageString), \(tracking.accountID.storageString), \(video.id), \(tracking.platform.rawValue),
                \(tracking.submittedURL), \(tracking.status.rawValue), \(tracking.window.start.ms), \(tracking.window.end.ms),
                \(Int32(tracking.window.duration.days)), \(tracking.cadence.rawValue), \(tracking.notes), \(now.ms), \(now.ms),
                \(Int32(terms.minimumInterval)), \(terms.pricePerSnapshot.micros), \(terms.estimatedCost.micros),
                \(tracking.reviewStatus.rawValue), \(tracking.creatorID?.storageString), \(MilestoneList.encode(tracking.milestones)),
                \(tracking.campaign))
            ON CONFLICT (account_id, video_id) DO NOTHING
            RETURNING id
            """, logger: logger
        ).collect { $0 }
        if inserted.isEmpty {
            guard let existing = try await connection.query(
                "\(unescaped: PostgresRows.trackedVideoSelect) WHERE t.account_id = \(request.accountID.storageString) AND t.video_id = \(video.id)",
                logger: logger
            ).collect(PostgresRows.trackedVideo).first else { throw StoreError.corrupt("tracking vanished") }
            return .existing(existing)
        }
        if let creatorID = request.creatorID {
            try await connection.query(
                """
                INSERT INTO webhook_events (account_id, type, tracking_id, video_id, created_at, creator_id)
                SELECT t.account_id, \(WebhookEventType.videoDiscovered.rawValue), t.id, t.video_id, \(now.ms), \(creatorID.storageString)
                FROM trackings t WHERE t.id = \(tracking.id.storageString) AND \(unescaped: StoreSQL.hasEnabledWebhook)
                """, logger: logger)
        }
        var planned = video
        planned.nextCheckAt = try await planNextCheck(videoID: video.id, at: now, on: connection)
        return .created(TrackedVideo(tracking: tracking, video: planned))
    }

    /// Recomputes and stores the video's next check from all its trackings.
    @discardableResult
    func planNextCheck(videoID: Int64, at now: Date, on connection: PostgresConnection) async throws -> Date? {
        guard let row = try await connection.query(
            "SELECT last_snapshot_at, published_at, created_at FROM videos WHERE id = \(videoID)", logger: logger
        ).collect({ $0.makeRandomAccess() }).first else { return nil }
        let needs = try await connection.query(
            "SELECT cadence, status, window_end, min_interval_s FROM trackings WHERE video_id = \(videoID)", logger: logger
        ).collect { row -> NextCheckPlanner.Need in
            let r = row.makeRandomAccess()
            return NextCheckPlanner.Need(
                cadence: try PostgresRows.enumValue(r, "cadence"), status: try PostgresRows.enumValue(r, "status"),
                windowEnd: try PostgresRows.requiredDate(r, "window_end"),
                minimumInterval: TimeInterval(try PostgresRows.value(r, "min_interval_s", as: Int32.self)))
        }
        let recent = try await connection.query(
            "SELECT taken_at, views FROM snapshots WHERE video_id = \(videoID) ORDER BY taken_at DESC LIMIT 2", logger: logger
        ).collect { $0.makeRandomAccess() }
        var growth: Double?
        if recent.count == 2 {
            growth = NextCheckPlanner.growthPerHour(
                from: (try PostgresRows.requiredDate(recent[1], "taken_at"), try recent[1]["views"].decode(Int64?.self)),
                to: (try PostgresRows.requiredDate(recent[0], "taken_at"), try recent[0]["views"].decode(Int64?.self)))
        }
        let next = NextCheckPlanner.nextCheck(
            lastSnapshotAt: try PostgresRows.date(row, "last_snapshot_at"),
            videoBornAt: try PostgresRows.date(row, "published_at") ?? PostgresRows.requiredDate(row, "created_at"),
            needs: needs, now: now, growthPerHour: growth)
        try await connection.query("UPDATE videos SET next_check_at = \(next?.ms) WHERE id = \(videoID)", logger: logger)
        return next
    }

    public func trackedVideo(id: UUID, accountID: UUID) async throws -> TrackedVideo? {
        try await guarded { [self] in
            try await client.query(
                "\(unescaped: PostgresRows.trackedVideoSelect) WHERE t.id = \(id.storageString) AND t.account_id = \(accountID.storageString)",
                logger: logger
            ).collect(PostgresRows.trackedVideo).first
        }
    }

    public func listTrackedVideos(accountID: UUID, filter: TrackingFilter, page: PageRequest, at date: Date) async throws -> Page<TrackedVideo> {
        let folded = filter.search.isEmpty ? "" : try await guarded { [self] in try await searchFolding.columnSuffix(client, logger: logger) }
        var binds = PostgresBindings()
        binds.append(accountID.storageString)
        var conditions = ["t.account_id = $1", "t.review_status <> 'excluded'"]
        if let review = filter.reviewStatus {
            binds.append(review.rawValue)
            conditions.append("t.review_status = $\(binds.count)")
        }
        if let platform = filter.platform {
            binds.append(platform.rawValue)
            conditions.append("t.platform = $\(binds.count)")
        }
        if let campaign = filter.campaign {
            binds.append(campaign)
            conditions.append("t.campaign = $\(binds.count)")
        }
        if let creatorID = filter.creatorID {
            binds.append(creatorID.storageString)
            conditions.append("t.creator_id = $\(binds.count)")
        }
        if let externalID = filter.externalID {
            // With the video's own platform, the videos' unique (platform, external_id) index finds it.
            if let platform = filter.platform {
                binds.append(platform.rawValue)
                conditions.append("v.platform = $\(binds.count)")
            }
            binds.append(externalID)
            conditions.append("v.external_id = $\(binds.count)")
        }
        if let status = filter.status {
            conditions.append(PostgresRows.effectiveStatusCondition(status, now: date.ms, binds: &binds))
        }
        conditions += StoreSQL.boundConditions(filter) { value in
            binds.append(value)
            return "$\(binds.count)"
        }
        for word in filter.search {
            binds.append(SearchWords.likePattern(word))
            let placeholder = "$\(binds.count)"
            conditions.append(StoreSQL.searchCondition(like: "ILIKE", column: { "\($0)\(folded)" }) { placeholder })
        }
        let sortValue = StoreSQL.orderValue(filter.order)
        if let cursor = page.after {
            binds.append(cursor.createdAt.ms)
            let at = binds.count
            binds.append(cursor.id.storageString)
            let position = "(t.created_at < $\(at) OR (t.created_at = $\(at) AND t.id < $\(binds.count)))"
            if let sortValue {
                binds.append(cursor.sortValue ?? TrackingOrder.noValue)
                conditions.append("(\(sortValue) < $\(binds.count) OR (\(sortValue) = $\(binds.count) AND \(position)))")
            } else {
                conditions.append(position)
            }
        }
        let limit = max(1, page.limit)
        binds.append(Int64(limit + 1))
        let select = sortValue.map { StoreSQL.trackedVideoSelect(videoColumns: StoreSQL.videoColumns, sortValue: $0) } ?? PostgresRows.trackedVideoSelect
        let order = (sortValue == nil ? "" : "sort_value DESC, ") + "t.created_at DESC, t.id DESC"
        let sql = "\(select) WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT $\(binds.count)"
        let finalBinds = binds
        let sorted = sortValue != nil
        let rows = try await guarded { [self] in
            try await client.query(PostgresQuery(unsafeSQL: sql, binds: finalBinds), logger: logger).collect { row in
                (try PostgresRows.trackedVideo(row), sorted ? try row.makeRandomAccess()["sort_value"].decode(Int64.self) : nil)
            }
        }
        let items = Array(rows.prefix(limit)).map(\.0)
        let next = rows.count > limit ? rows[limit - 1].0.tracking.pageCursor(sortValue: rows[limit - 1].1) : nil
        return Page(items: items, next: next)
    }

    public func campaigns(accountID: UUID) async throws -> [CampaignSummary] {
        try await guarded { [self] in
            try await client.query(
                "SELECT \(unescaped: StoreSQL.campaignSummaryColumns) FROM trackings t WHERE t.account_id = \(accountID.storageString) AND \(unescaped: StoreSQL.campaignSummaryConditions)",
                logger: logger
            ).collect { row in
                let (name, videos, lastAddedAt) = try row.decode((String, Int64, Int64).self)
                return CampaignSummary(name: name, videos: Int(videos), lastAddedAt: Date(millisecondsSince1970: lastAddedAt))
            }
        }
    }

    public func renameCampaign(_ name: String, to newName: String?, accountID: UUID, at date: Date) async throws -> CampaignRename {
        let account = accountID.storageString
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let trackings = try await connection.query(
                    "UPDATE trackings SET campaign = \(newName), updated_at = \(date.ms) WHERE account_id = \(account) AND campaign = \(name) RETURNING 1",
                    logger: self.logger
                ).collect { _ in 1 }.count
                let creators = try await connection.query(
                    "UPDATE creators SET campaign = \(newName), updated_at = \(date.ms) WHERE account_id = \(account) AND campaign = \(name) RETURNING 1",
                    logger: self.logger
                ).collect { _ in 1 }.count
                return CampaignRename(trackings: trackings, creators: creators)
            }
        }
    }

    public func updateTracking(id: UUID, accountID: UUID, change: TrackingChange, at date: Date) async throws -> TrackedVideo? {
        let now = date.truncatedToMilliseconds
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                guard let current = try await connection.query(
                    "\(unescaped: PostgresRows.trackedVideoSelect) WHERE t.id = \(id.storageString) AND t.account_id = \(accountID.storageString) FOR UPDATE OF t",
                    logger: logger
                ).collect(PostgresRows.trackedVideo).first else { return nil }
                try await self.apply(change, to: current, at: now, on: connection)
                return try await connection.query(
                    "\(unescaped: PostgresRows.trackedVideoSelect) WHERE t.id = \(id.storageString)", logger: logger
                ).collect(PostgresRows.trackedVideo).first
            }
        }
    }

    /// Writes `change` to the tracking `current` (as read, and locked, in the same transaction).
    func apply(_ change: TrackingChange, to current: TrackedVideo, at now: Date, on connection: PostgresConnection) async throws {
        let id = current.tracking.id.storageString
        if let status = change.status {
            let endedAt: Int64? = status.isFinal ? (current.tracking.endedAt ?? now).ms : nil
            try await connection.query(
                "UPDATE trackings SET status = \(status.rawValue), ended_at = \(endedAt), updated_at = \(now.ms) WHERE id = \(id)", logger: logger)
        }
        if let notes = change.notes {
            try await connection.query("UPDATE trackings SET notes = \(notes), updated_at = \(now.ms) WHERE id = \(id)", logger: logger)
        }
        if let campaign = change.campaign {
            try await connection.query("UPDATE trackings SET campaign = \(campaign), updated_at = \(now.ms) WHERE id = \(id)", logger: logger)
        }
        if let milestones = change.milestones {
            let stored = MilestoneList.encode(MilestoneList.replacing(current.tracking.milestones, with: milestones))
            try await connection.query("UPDATE trackings SET milestones = \(stored), updated_at = \(now.ms) WHERE id = \(id)", logger: logger)
        }
        if change.status != nil {
            try await planNextCheck(videoID: current.video.id, at: now, on: connection)
        }
    }

    public func deleteAccount(id: UUID, at date: Date) async throws -> AccountDeletion? {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                // The account row first: a track or credit of this account waits, then finds it gone.
                guard try await connection.query("SELECT id FROM accounts WHERE id = \(id.storageString) FOR UPDATE", logger: logger)
                    .collect({ try $0.decode(String.self) }).first != nil
                else { return nil }
                let videoIDs = try await connection.query(
                    "SELECT video_id FROM trackings WHERE account_id = \(id.storageString)", logger: logger
                ).collect({ try $0.decode(Int64.self) })
                // Keys, trackings, creators, webhooks and the ledger go with the account (ON DELETE CASCADE).
                try await connection.query("DELETE FROM accounts WHERE id = \(id.storageString)", logger: logger)
                var deleted = 0
                for videoID in Set(videoIDs).sorted() where try await self.removeIfUntracked(videoID: videoID, at: date, on: connection) {
                    deleted += 1
                }
                return AccountDeletion(trackings: videoIDs.count, videosDeleted: deleted)
            }
        }
    }

    public func deleteTracking(id: UUID, accountID: UUID, at date: Date) async throws -> Bool {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                guard let videoID = try await connection.query(
                    "DELETE FROM trackings WHERE id = \(id.storageString) AND account_id = \(accountID.storageString) RETURNING video_id",
                    logger: logger
                ).collect({ try $0.decode(Int64.self) }).first else { return false }
                try await self.removeIfUntracked(videoID: videoID, at: date, on: connection)
                return true
            }
        }
    }

    /// After trackings of a video were deleted: deletes the video (its snapshots cascade) when
    /// no tracking is left, else plans its next check for the trackings that are; `true` when
    /// it was deleted.
    @discardableResult
    func removeIfUntracked(videoID: Int64, at date: Date, on connection: PostgresConnection) async throws -> Bool {
        // Lock the video so a concurrent track of it waits and then sees whether it still exists.
        try await connection.query("SELECT id FROM videos WHERE id = \(videoID) FOR UPDATE", logger: logger)
        let remaining = try await connection.query(
            "SELECT COUNT(*) FROM trackings WHERE video_id = \(videoID)", logger: logger
        ).collect({ try $0.decode(Int64.self) }).first ?? 0
        guard remaining == 0 else {
            try await planNextCheck(videoID: videoID, at: date, on: connection)
            return false
        }
        try await connection.query("DELETE FROM videos WHERE id = \(videoID)", logger: logger)
        return true
    }
}

/// Which of ``PostgresRepository/guarded(_:)``'s two children answered first.
enum GuardedRace<T: Sendable>: Sendable {
    case finished(T)
    case timerFired
}
