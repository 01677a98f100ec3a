import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

/// The embedded store: one SQLite file in WAL mode through a GRDB `DatabasePool`.
///
/// Keep one instance per process; the CLI and the server may share the file (writers wait up to
/// five seconds for each other).
public final class SQLiteRepository: TrendlineRepository {
    let pool: StorePool
    /// Connections for the API's per-request reads, on the calling thread.
    let requestReaders: RequestReaders
    /// Where the database lives.
    public let path: String

    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    ///
    /// Throws ``SQLiteSchemaError/newerThanThisBuild(_:)`` when the file was migrated by a newer
    /// Trendline, rather than risk damaging it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        let base: DatabasePool
        do {
            base = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(base)
        } catch let error as DatabaseError {
            throw Self.openingError(error, path: path) ?? error
        }
        self.pool = StorePool(base: base)
        self.requestReaders = RequestReaders(path: path)
        self.path = path
    }

    /// What a failure to open or migrate the file at `path` tells the operator, for the causes
    /// that are the file's or the disk's (SQLite's own words said only "database or disk is
    /// full - while executing `PRAGMA journal_mode = WAL`"); nil for the others.
    static func openingError(_ error: DatabaseError, path: String) -> StoreError? {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .corrupt("'\(path)' is not a SQLite database (SQLite: \(error.message ?? "file is not a database")); move it away or choose another data directory")
        case .SQLITE_FULL:
            return .unavailable("cannot open '\(path)': the disk holding it is full; free some space and start again")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR:
            return .unavailable("cannot open '\(path)' for writing (SQLite: \(error.message ?? "\(error.resultCode)")): check the disk and the permissions of the file and its directory")
        default:
            return nil
        }
    }

    /// Runs pending migrations; returns the identifiers applied by this call.
    @discardableResult
    static func migrate(_ pool: DatabasePool) throws -> [String] {
        let migrator = SQLiteMigrations.migrator
        let (superseded, before) = try pool.read { db in
            (try migrator.hasBeenSuperseded(db), try migrator.appliedIdentifiers(db))
        }
        if superseded {
            let known = Set(migrator.migrations)
            throw SQLiteSchemaError.newerThanThisBuild(before.subtracting(known).sorted())
        }
        try migrator.migrate(pool)
        return migrator.migrations.filter { !before.contains($0) }
    }

    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    public func writeProblem() async -> String? {
        pool.writeProblem
    }

    /// `nil`: the file has no clock but this machine's.
    public func serverTime() async throws -> Date? { nil }

    // MARK: Accounts and keys

    public func createAccount(name: String, at date: Date) async throws -> Account {
        let account = Account(id: UUIDText.random(), name: name, createdAt: date)
        do {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)",
                    arguments: [account.id.storageString, account.name, account.createdAt.ms])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.conflict("an account named '\(name)' already exists")
        }
        return account
    }

    public func account(named name: String) async throws -> Account? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(SQLiteRows.accountColumns()) FROM accounts WHERE name = ?", arguments: [name]).map { try SQLiteRows.account($0) }
        }
    }

    public func account(id: UUID) async throws -> Account? {
        try await pool.read { db in try Self.account(id: id, db: db) }
    }

    static func account(id: UUID, db: Database) throws -> Account? {
        try Row.decodeFirst(db.cachedStatement(sql: "SELECT \(SQLiteRows.accountColumns()) FROM accounts WHERE id = ?"), arguments: [id.storageString]) { try SQLiteRows.account($0) }
    }

    public func listAccounts() async throws -> [Account] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(SQLiteRows.accountColumns()) FROM accounts ORDER BY created_at, name").map { try SQLiteRows.account($0) }
        }
    }

    public func insertKey(_ key: APIKey) async throws {
        do {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO api_keys (id, account_id, name, prefix, hash, created_at, last_used_at, revoked_at, read_only)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        key.id.storageString, key.accountID.storageString, key.name, key.prefix, key.hash,
                        key.createdAt.ms, key.lastUsedAt?.ms, key.revokedAt?.ms, key.readOnly ? 1 : 0,
                    ])
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.conflict("a key with the same hash already exists")
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.conflict("no account with id \(key.accountID)")
        }
    }

    public func key(hash: String) async throws -> APIKey? {
        try await pool.read { db in try Self.key(hash: hash, db: db) }
    }

    static func key(hash: String, db: Database) throws -> APIKey? {
        try Row.decodeFirst(db.cachedStatement(sql: "SELECT \(SQLiteRows.keyColumns()) FROM api_keys WHERE hash = ?"), arguments: [hash]) { try SQLiteRows.key($0) }
    }

    /// Both rows in one statement on a request connection (``RequestReaders``), read through
    /// ``DirectStatement``: every authenticated request makes this read.
    /// Kept in the connection's ``ReadMemo`` while the database is unchanged.
    public func keyWithAccount(hash: String) async throws -> (key: APIKey, account: Account)? {
        try requestReaders.read(remembering: \.keys, key: hash) { db in
            let read = DirectStatement(try db.cachedStatement(sql: Self.keyWithAccountSQL), db: db)
            read.bind(hash, at: 1)
            return try read.first { row in
                (try SQLiteRows.key(row), try SQLiteRows.account(row, at: SQLiteRows.keyColumnCount))
            }
        }
    }

    /// Built once: the column lists were joined anew on every authenticated request.
    private static let keyWithAccountSQL = """
        SELECT \(SQLiteRows.keyColumns("k")), \(SQLiteRows.accountColumns("a"))
        FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.hash = ?
        """

    public func listKeys(accountID: UUID?) async throws -> [APIKey] {
        try await pool.read { db in
            if let accountID {
                return try Row.fetchAll(
                    db, sql: "SELECT \(SQLiteRows.keyColumns()) FROM api_keys WHERE account_id = ? ORDER BY created_at, id",
                    arguments: [accountID.storageString]
                ).map { try SQLiteRows.key($0) }
            }
            return try Row.fetchAll(db, sql: "SELECT \(SQLiteRows.keyColumns()) FROM api_keys ORDER BY created_at, id").map { try SQLiteRows.key($0) }
        }
    }

    public func revokeKey(idOrPrefix: String, at date: Date) async throws -> APIKey? {
        try await pool.write { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(SQLiteRows.keyColumns()) FROM api_keys WHERE id = ? OR prefix = ?",
                arguments: [idOrPrefix.lowercased(), idOrPrefix])
            guard !rows.isEmpty else { return nil }
            guard rows.count == 1 else {
                throw StoreError.conflict("'\(idOrPrefix)' matches \(rows.count) keys; use the key id")
            }
            var key = try SQLiteRows.key(rows[0])
            if key.revokedAt == nil {
                key.revokedAt = date.truncatedToMilliseconds
                try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ?", arguments: [date.ms, key.id.storageString])
            }
            return key
        }
    }

    public func touchKey(id: UUID, at date: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                arguments: [date.ms, id.storageString, date.ms - 60_000])
        }
    }

    // MARK: Trackings

    public func track(_ requests: [NewTracking], at date: Date) async throws -> [TrackOutcome] {
        let now = date.truncatedToMilliseconds
        return try await pool.write { db in
            try requests.map { request in try Self.track(request, at: now, db: db) }
        }
    }

    private static func track(_ request: NewTracking, at now: Date, db: Database) throws -> TrackOutcome {
        let source = request.video
        if let existing = try Row.fetchOne(
            db.cachedStatement(sql: "\(SQLiteRows.trackedVideoSelect) WHERE t.account_id = ? AND v.platform = ? AND v.external_id = ?"),
            arguments: [request.accountID.storageString, source.platform.rawValue, source.externalID])
        {
            return .existing(try SQLiteRows.trackedVideo(existing))
        }
        if let refusal = try refusal(for: request, at: now, db: db) { return .refused(refusal) }
        try db.cachedStatement(
            sql: """
                INSERT INTO videos (platform, external_id, canonical_url, created_at, title, author, published_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, external_id) DO NOTHING
                """
        ).execute(arguments: [
            source.platform.rawValue, source.externalID, source.canonicalURL, now.ms, StoredText.storable(request.metadata?.title), StoredText.storable(request.metadata?.author),
            request.metadata?.publishedAt?.ms,
        ])
        guard let videoRow = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(SQLiteRows.videoColumns) FROM videos v WHERE v.platform = ? AND v.external_id = ?"),
            arguments: [source.platform.rawValue, source.externalID])
        else { throw StoreError.corrupt("video vanished while tracking") }
        let video = try SQLiteRows.video(videoRow)
        let tracking = Tracking(
            id: UUIDText.random(), accountID: request.accountID, videoID: video.id, platform: source.platform,
            submittedURL: request.submittedURL, status: request.reviewStatus == .pendingReview ? .paused : .monitoring,
            window: TrackingWindow(start: now, duration: request.duration), cadence: request.cadence,
            notes: request.notes, createdAt: now, updatedAt: now, terms: request.terms, reviewStatus: request.reviewStatus,
            creatorID: request.creatorID, milestones: request.milestones.map { Milestone(views: $0) }, campaign: request.campaign)
        let terms = tracking.terms
        try db.cachedStatement(
            sql: """
                INSERT INTO trackings (id, account_id, video_id, platform, submitted_url, status, window_start, window_end,
                    duration_days, cadence, notes, created_at, updated_at, min_interval_s, price_micros, estimated_micros,
                    review_status, creator_id, milestones, campaign)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
                tracking.id.storageString, tracking.accountID.storageString, video.id, tracking.platform.rawValue,
                tracking.submittedURL, tracking.status.rawValue, tracking.window.start.ms, tracking.window.end.ms,
                tracking.window.duration.days, tracking.cadence.rawValue, tracking.notes, now.ms, now.ms,
                Int64(terms.minimumInterval), terms.pricePerSnapshot.micros, terms.estimatedCost.micros,
                tracking.reviewStatus.rawValue, tracking.creatorID?.storageString, MilestoneList.encode(tracking.milestones),
                tracking.campaign,
            ])
        if let creatorID = request.creatorID {
            try db.execute(
                sql: """
                    INSERT INTO webhook_events (account_id, type, tracking_id, video_id, created_at, creator_id)
                    SELECT t.account_id, ?, t.id, t.video_id, ?, ? FROM trackings t WHERE t.id = ? AND \(StoreSQL.hasEnabledWebhook)
                    """,
                arguments: [WebhookEventType.videoDiscovered.rawValue, now.ms, creatorID.storageString, tracking.id.storageString])
        }
        var planned = video
        planned.nextCheckAt = try planNextCheck(videoID: video.id, at: now, db: db)
        return .created(TrackedVideo(tracking: tracking, video: planned))
    }

    /// Recomputes and stores the video's next check from all its trackings.
    @discardableResult
    static func planNextCheck(videoID: Int64, at now: Date, db: Database) throws -> Date? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT last_snapshot_at, published_at, created_at FROM videos WHERE id = ?"), arguments: [videoID])
        else { return nil }
        let next = try nextCheck(
            videoID: videoID, lastSnapshotAt: SQLiteRows.date(row, "last_snapshot_at"),
            bornAt: SQLiteRows.date(row, "published_at") ?? SQLiteRows.date(row, "created_at")!,
            growth: try recentGrowth(videoID: videoID, db: db), at: now, db: db)
        try db.cachedStatement(sql: "UPDATE videos SET next_check_at = ? WHERE id = ?").execute(arguments: [next?.ms, videoID])
        return next
    }

    /// The video's next check from its trackings' needs (read here) and what is known of it.
    static func nextCheck(videoID: Int64, lastSnapshotAt: Date?, bornAt: Date, growth: Double?, at now: Date, db: Database) throws -> Date? {
        let needs = try Row.decodeAll(
            db.cachedStatement(sql: "SELECT cadence, status, window_end, min_interval_s FROM trackings WHERE video_id = ?"), arguments: [videoID]
        ) { row in
            try NextCheckPlanner.Need(
                cadence: SQLiteRows.enumValue(row, "cadence"), status: SQLiteRows.enumValue(row, "status"),
                windowEnd: SQLiteRows.date(row, "window_end")!, minimumInterval: TimeInterval(row.decode(forColumn: "min_interval_s") as Int64))
        }
        return NextCheckPlanner.nextCheck(lastSnapshotAt: lastSnapshotAt, videoBornAt: bornAt, needs: needs, now: now, growthPerHour: growth)
    }

    /// View growth per hour between the video's two newest snapshots.
    static func recentGrowth(videoID: Int64, db: Database) throws -> Double? {
        let recent = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT taken_at, views FROM snapshots WHERE video_id = ? ORDER BY taken_at DESC LIMIT 2"), arguments: [videoID])
        guard recent.count == 2 else { return nil }
        return try NextCheckPlanner.growthPerHour(
            from: (SQLiteRows.date(recent[1], "taken_at")!, recent[1].decode(forColumn: "views")),
            to: (SQLiteRows.date(recent[0], "taken_at")!, recent[0].decode(forColumn: "views")))
    }

    /// Kept in the connection's ``ReadMemo`` while the database is unchanged.
    public func trackedVideo(id: UUID, accountID: UUID) async throws -> TrackedVideo? {
        try requestReaders.read(remembering: \.trackedVideos, key: ReadMemo.TrackedVideoKey(trackingID: id, accountID: accountID)) { db in
            try Self.trackedVideo(id: id, accountID: accountID, db: db)
        }
    }

    /// Read through ``DirectStatement``: a video detail's one read of its 41 columns, where GRDB's
    /// row cursor indexed every column name first.
    static func trackedVideo(id: UUID, accountID: UUID, db: Database) throws -> TrackedVideo? {
        let read = DirectStatement(try db.cachedStatement(sql: trackedVideoSQL), db: db)
        read.bind(id.storageString, at: 1)
        read.bind(accountID.storageString, at: 2)
        return try read.first(SQLiteRows.trackedVideo)
    }

    /// Built once, not per request (the statement cache is keyed by the text).
    private static let trackedVideoSQL = "\(SQLiteRows.trackedVideoSelect) WHERE t.id = ? AND t.account_id = ?"

    public func listTrackedVideos(accountID: UUID, filter: TrackingFilter, page: PageRequest, at date: Date) async throws -> Page<TrackedVideo> {
        var conditions = ["t.account_id = ?", "t.review_status <> 'excluded'"]
        var arguments: StatementArguments = [accountID.storageString]
        if let review = filter.reviewStatus {
            conditions.append("t.review_status = ?")
            arguments += [review.rawValue]
        }
        if let platform = filter.platform {
            conditions.append("t.platform = ?")
            arguments += [platform.rawValue]
        }
        if let campaign = filter.campaign {
            conditions.append("t.campaign = ?")
            arguments += [campaign]
        }
        if let creatorID = filter.creatorID {
            conditions.append("t.creator_id = ?")
            arguments += [creatorID.storageString]
        }
        if let externalID = filter.externalID {
            // With the video's own platform too, the lookup starts from the videos' unique
            // (platform, external_id) index instead of reading all the account's trackings.
            if let platform = filter.platform {
                conditions.append("v.platform = ?")
                arguments += [platform.rawValue]
            }
            conditions.append("v.external_id = ?")
            arguments += [externalID]
        }
        if let status = filter.status {
            let (sql, values) = SQLiteRows.effectiveStatusCondition(status, now: date.ms)
            conditions.append(sql)
            arguments += values
        }
        conditions += StoreSQL.boundConditions(filter) { value in
            arguments += [value]
            return "?"
        }
        for word in filter.search {
            // SQLite's LIKE folds ASCII letters; a word with other letters is compared with the
            // columns lowercased by Swift (GRDB's swiftLowercaseString), which costs a call per
            // row, so ASCII words keep the plain LIKE.
            let folded = word.unicodeScalars.contains { !$0.isASCII }
            conditions.append(StoreSQL.searchCondition(like: "LIKE", column: folded ? { "swiftLowercaseString(\($0))" } : { $0 }) { "?" })
            let pattern = SearchWords.likePattern(folded ? word.lowercased() : word)
            arguments += [pattern, pattern, pattern]
        }
        let sortValue = StoreSQL.orderValue(filter.order)
        if let cursor = page.after {
            let position = "(t.created_at < ? OR (t.created_at = ? AND t.id < ?))"
            if let sortValue {
                conditions.append("(\(sortValue) < ? OR (\(sortValue) = ? AND \(position)))")
                arguments += [cursor.sortValue ?? TrackingOrder.noValue, cursor.sortValue ?? TrackingOrder.noValue]
            } else {
                conditions.append(position)
            }
            arguments += [cursor.createdAt.ms, cursor.createdAt.ms, cursor.id.storageString]
        }
        let limit = max(1, page.limit)
        arguments += [limit + 1]
        let select = sortValue.map { StoreSQL.trackedVideoSelect(videoColumns: SQLiteRows.videoColumns, sortValue: $0) } ?? SQLiteRows.trackedVideoSelect
        let order = (sortValue == nil ? "" : "sort_value DESC, ") + "t.created_at DESC, t.id DESC"
        let sql = "\(select) WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ?"
        let finalArguments = arguments
        let sorted = sortValue != nil
        let rows = try await pool.read { db in
            try Row.decodeAll(db.cachedStatement(sql: sql), arguments: finalArguments) { row in
                (try SQLiteRows.trackedVideo(row), sorted ? try row.decode(forColumn: "sort_value") as Int64 : nil)
            }
        }
        let items = Array(rows.prefix(limit)).map(\.0)
        let next = rows.count > limit ? rows[limit - 1].0.tracking.pageCursor(sortValue: rows[limit - 1].1) : nil
        return Page(items: items, next: next)
    }

    public func campaigns(accountID: UUID) async throws -> [CampaignSummary] {
        try await pool.read { db in
            try Row.decodeAll(
                db.cachedStatement(sql: "SELECT \(StoreSQL.campaignSummaryColumns) FROM trackings t WHERE t.account_id = ? AND \(StoreSQL.campaignSummaryConditions)"),
                arguments: [accountID.storageString]
            ) { row in
                CampaignSummary(
                    name: try row.decode(forColumn: "campaign"), videos: try row.decode(forColumn: "videos"),
                    lastAddedAt: Date(millisecondsSince1970: try row.decode(forColumn: "last_added_at")))
            }
        }
    }

    public func renameCampaign(_ name: String, to newName: String?, accountID: UUID, at date: Date) async throws -> CampaignRename {
        try await pool.write { db in
            let arguments: StatementArguments = [newName, date.ms, accountID.storageString, name]
            try db.execute(sql: "UPDATE trackings SET campaign = ?, updated_at = ? WHERE account_id = ? AND campaign = ?", arguments: arguments)
            let trackings = db.changesCount
            try db.execute(sql: "UPDATE creators SET campaign = ?, updated_at = ? WHERE account_id = ? AND campaign = ?", arguments: arguments)
            return CampaignRename(trackings: trackings, creators: db.changesCount)
        }
    }

    public func updateTracking(id: UUID, accountID: UUID, change: TrackingChange, at date: Date) async throws -> TrackedVideo? {
        let now = date.truncatedToMilliseconds
        return try await pool.write { db in
            guard let current = try Self.trackedVideo(id: id, accountID: accountID, db: db) else { return nil }
            try Self.apply(change, to: current, at: now, db: db)
            return try Self.trackedVideo(id: id, accountID: accountID, db: db)
        }
    }

    /// Writes `change` to the tracking `current` (as read in the same transaction).
    static func apply(_ change: TrackingChange, to current: TrackedVideo, at now: Date, db: Database) throws {
        let id = current.tracking.id
        if let status = change.status {
            let endedAt: Int64? = status.isFinal ? (current.tracking.endedAt ?? now).ms : nil
            try db.execute(
                sql: "UPDATE trackings SET status = ?, ended_at = ?, updated_at = ? WHERE id = ?",
                arguments: [status.rawValue, endedAt, now.ms, id.storageString])
        }
        if let notes = change.notes {
            try db.execute(
                sql: "UPDATE trackings SET notes = ?, updated_at = ? WHERE id = ?",
                arguments: [notes, now.ms, id.storageString])
        }
        if let campaign = change.campaign {
            try db.execute(
                sql: "UPDATE trackings SET campaign = ?, updated_at = ? WHERE id = ?",
                arguments: [campaign, now.ms, id.storageString])
        }
        if let milestones = change.milestones {
            try db.execute(
                sql: "UPDATE trackings SET milestones = ?, updated_at = ? WHERE id = ?",
                arguments: [MilestoneList.encode(MilestoneList.replacing(current.tracking.milestones, with: milestones)), now.ms, id.storageString])
        }
        if change.status != nil {
            try Self.planNextCheck(videoID: current.video.id, at: now, db: db)
        }
    }

    public func deleteAccount(id: UUID, at date: Date) async throws -> AccountDeletion? {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE id = ?", arguments: [id.storageString]) != nil else { return nil }
            let videoIDs = try Int64.fetchAll(db, sql: "SELECT video_id FROM trackings WHERE account_id = ?", arguments: [id.storageString])
            // Keys, trackings, creators, webhooks and the ledger go with the account (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM accounts WHERE id = ?", arguments: [id.storageString])
            let deleted = try Set(videoIDs).filter { videoID in try Self.removeIfUntracked(videoID: videoID, at: date, db: db) }
            return AccountDeletion(trackings: videoIDs.count, videosDeleted: deleted.count)
        }
    }

    public func deleteTracking(id: UUID, accountID: UUID, at date: Date) async throws -> Bool {
        try await pool.write { db in
            guard let videoID = try Int64.fetchOne(
                db, sql: "SELECT video_id FROM trackings WHERE id = ? AND account_id = ?",
                arguments: [id.storageString, accountID.storageString])
            else { return false }
            try db.execute(sql: "DELETE FROM trackings WHERE id = ?", arguments: [id.storageString])
            try Self.removeIfUntracked(videoID: videoID, at: date, db: db)
            return true
        }
    }

    /// After trackings of a video were deleted: deletes the video and its snapshots when no
    /// tracking is left, else plans its next check for the trackings that are; `true` when it
    /// was deleted.
    @discardableResult
    static func removeIfUntracked(videoID: Int64, at date: Date, db: Database) throws -> Bool {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trackings WHERE video_id = ?", arguments: [videoID]) == 0 else {
            try planNextCheck(videoID: videoID, at: date, db: db)
            return false
        }
        try db.execute(sql: "DELETE FROM snapshots WHERE video_id = ?", arguments: [videoID])
        try db.execute(sql: "DELETE FROM videos WHERE id = ?", arguments: [videoID])
        return true
    }

    // MARK: Snapshots and the schedule

    public func snapshots(videoID: Int64, in range: ClosedRange<Date>, after cursor: Date?, limit: Int) async throws -> [Snapshot] {
        let lower = cursor.map { max($0.ms + 1, range.lowerBound.ms) } ?? range.lowerBound.ms
        return try await pool.read { db in
            try Row.decodeAll(
                db.cachedStatement(sql: "\(SQLiteRows.snapshotSelect) WHERE s.video_id = ? AND s.taken_at >= ? AND s.taken_at <= ? ORDER BY s.taken_at LIMIT ?"),
                arguments: [videoID, lower, range.upperBound.ms, max(0, limit)], SQLiteRows.snapshot)
        }
    }

    public func latestSnapshot(videoID: Int64, in range: ClosedRange<Date>) async throws -> Snapshot? {
        try await latestSnapshots([SnapshotLookup(videoID: videoID, range: range)])[0]
    }

    /// One statement, prepared once, run for each lookup; a read transaction per
    /// ``lookupsPerRead`` lookups, so a long list leaves the pool's readers to others between them.
    public func latestSnapshots(_ lookups: [SnapshotLookup]) async throws -> [Snapshot?] {
        var found: [Snapshot?] = []
        found.reserveCapacity(lookups.count)
        for start in stride(from: 0, to: lookups.count, by: Self.lookupsPerRead) {
            let chunk = lookups[start..<min(start + Self.lookupsPerRead, lookups.count)]
            found += try await pool.read { db in
                let statement = try db.cachedStatement(sql: Self.latestSnapshotSQL)
                return try chunk.map { lookup in
                    try Row.decodeFirst(
                        statement, arguments: [lookup.videoID, lookup.range.lowerBound.ms, lookup.range.upperBound.ms], SQLiteRows.snapshot)
                }
            }
        }
        return found
    }

    public func snapshotRuns(_ lookups: [SnapshotLookup]) async throws -> [[Snapshot]] {
        guard !lookups.isEmpty else { return [] }
        return try await pool.read { db in
            let statement = try db.cachedStatement(sql: Self.snapshotRunSQL)
            return try lookups.map { lookup in
                try Row.decodeAll(statement, arguments: [lookup.videoID, lookup.range.lowerBound.ms, lookup.range.upperBound.ms], SQLiteRows.snapshot)
            }
        }
    }

    static let lookupsPerRead = 500
    static let snapshotRunSQL = "\(SQLiteRows.snapshotSelect) WHERE s.video_id = ? AND s.taken_at >= ? AND s.taken_at <= ? ORDER BY s.taken_at"
    static let latestSnapshotSQL = "\(SQLiteRows.snapshotSelect) WHERE s.video_id = ? AND s.taken_at >= ? AND s.taken_at <= ? ORDER BY s.taken_at DESC LIMIT 1"

    /// Leases go into `video_leases` (one narrow row each), so a claim writes a few pages
    /// whatever the number of videos; the due index is read in order and leased rows are skipped.
    public func claimDueVideos(at date: Date, limit: Int, leaseUntil: Date) async throws -> [Video] {
        try await pool.write { db in
            let ids = try CheckWrites.leaseDue(at: date, limit: limit, leaseUntil: leaseUntil, db: db)
            guard !ids.isEmpty else { return [] }
            // The ids as one JSON array: one statement prepared once, where a list of
            // placeholders as long as the claim was compiled anew by every claim.
            let read = DirectStatement(try db.cachedStatement(sql: Self.claimedVideosSQL), db: db)
            read.bind(SQLiteRows.jsonArray(ids), at: 1)
            var claimed: [Video] = []
            var order: [(nextCheckAt: Int64, id: Int64)] = []
            claimed.reserveCapacity(ids.count)
            order.reserveCapacity(ids.count)
            try read.forEachRow { row in
                let video = try SQLiteRows.video(row)
                order.append((video.nextCheckAt?.ms ?? .min, video.id))
                claimed.append(video)
            }
            // Oldest due first: the positions are sorted by their keys, and each video is moved
            // once (sorting the videos themselves moved each several times, 2-3 % of the writer).
            return order.indices.sorted { order[$0] < order[$1] }.map { claimed[$0] }
        }
    }

    private static let claimedVideosSQL = "SELECT \(SQLiteRows.videoColumns) FROM videos v WHERE v.id IN (SELECT value FROM json_each(?))"

    /// Ends a video's lease (its check is over, stored or not).
    static func releaseLease(videoID: Int64, db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM video_leases WHERE video_id = ?").execute(arguments: [videoID])
    }

    /// The small integer a provider name is stored as, added on first use.
    static func providerID(_ name: String, db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM providers WHERE name = ?"), arguments: [name]) { return id }
        try db.cachedStatement(sql: "INSERT INTO providers (name) VALUES (?)").execute(arguments: [name])
        return db.lastInsertedRowID
    }

    public func postponeCheck(videoID: Int64, until: Date, error: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE videos SET next_check_at = CASE WHEN next_check_at IS NULL THEN NULL ELSE ? END,
                        consecutive_failures = consecutive_failures + 1, last_error = ?
                    WHERE id = ?
                    """,
                arguments: [until.ms, (StoredText.storable(String(error.prefix(2000))) as String), videoID])
            try Self.releaseLease(videoID: videoID, db: db)
        }
    }

    @discardableResult
    public func reportUnavailable(videoID: Int64, reason: String, recheckAt: Date, at date: Date) async throws -> Bool {
        let now = date.truncatedToMilliseconds
        return try await pool.write { db in
            try db.execute(
                sql: "UPDATE videos SET unavailable_strikes = unavailable_strikes + 1, last_error = ? WHERE id = ?",
                arguments: [StoredText.storable(reason) as String, videoID])
            try Self.releaseLease(videoID: videoID, db: db)
            let strikes = try Int.fetchOne(db, sql: "SELECT unavailable_strikes FROM videos WHERE id = ?", arguments: [videoID]) ?? 0
            guard strikes >= 2 else {
                try db.execute(
                    sql: "UPDATE videos SET next_check_at = CASE WHEN next_check_at IS NULL THEN NULL ELSE ? END WHERE id = ?",
                    arguments: [recheckAt.ms, videoID])
                return false
            }
            try Self.writeEvents(
                .videoUnavailable, videoID: videoID, takenAt: nil, condition: "t.status IN ('monitoring', 'paused')", arguments: [],
                at: now, db: db)
            try db.execute(
                sql: """
                    UPDATE trackings SET status = 'unavailable', status_reason = ?, ended_at = ?, updated_at = ?
                    WHERE video_id = ? AND status IN ('monitoring', 'paused')
                    """,
                arguments: [reason, now.ms, now.ms, videoID])
            try Self.planNextCheck(videoID: videoID, at: now, db: db)
            return true
        }
    }

    public func takeManualRefresh(trackingID: UUID, limit: Int, at date: Date) async throws -> Bool {
        try await pool.write { db in
            // Only the last 24 hours count: older rows go, so the table stays small.
            try db.execute(
                sql: "DELETE FROM manual_refreshes WHERE tracking_id = ? AND at <= ?", arguments: [trackingID.storageString, date.ms - 86_400_000])
            let recent = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM manual_refreshes WHERE tracking_id = ? AND at > ?",
                arguments: [trackingID.storageString, date.ms - 86_400_000]) ?? 0
            guard recent < limit else { return false }
            try db.execute(sql: "INSERT INTO manual_refreshes (tracking_id, at) VALUES (?, ?)", arguments: [trackingID.storageString, date.ms])
            return true
        }
    }

    public func takeRateTokens(bucket name: String, capacity: Double, refillPerSecond: Double, cost: Double, at date: Date) async throws -> RateTake {
        try await pool.write { db in
            var bucket = TokenBucket(capacity: capacity, refillPerSecond: refillPerSecond, now: date)
            if let row = try Row.fetchOne(db, sql: "SELECT tokens, updated_at FROM rate_buckets WHERE bucket = ?", arguments: [name]) {
                bucket = try TokenBucket(capacity: capacity, refillPerSecond: refillPerSecond, tokens: row.decode(forColumn: "tokens"), updatedAt: SQLiteRows.date(row, "updated_at")!)
            }
            let allowed = bucket.take(cost, at: date)
            try db.execute(
                sql: """
                    INSERT INTO rate_buckets (bucket, tokens, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (bucket) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at
                    """,
                arguments: [name, bucket.tokens, bucket.updatedAt.ms])
            return RateTake(allowed: allowed, bucket: bucket)
        }
    }

    public func video(id: Int64) async throws -> Video? {
        try await pool.read { db in
            try Row.decodeFirst(db.cachedStatement(sql: "SELECT \(SQLiteRows.videoColumns) FROM videos v WHERE v.id = ?"), arguments: [id]) { try SQLiteRows.video($0) }
        }
    }
}

/// The database file cannot be used by this build.
public enum SQLiteSchemaError: Error, Equatable, CustomStringConvertible {
    /// Migrations this build does not know were applied: a newer Trendline wrote the file.
    case newerThanThisBuild([String])

    public var description: String {
        switch self {
        case .newerThanThisBuild(let unknown):
            return "the database was migrated by a newer Trendline (unknown migrations: \(unknown.joined(separator: ", "))); upgrade Trendline to use it"
        }
    }
}
