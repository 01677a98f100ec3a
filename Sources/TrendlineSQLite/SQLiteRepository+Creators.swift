import Foundation
import GRDB
import TrendlineDomain
import TrendlineStore

extension SQLiteRepository {
    public func createCreator(_ creator: Creator, maxCreators: Int?) async throws -> CreatorOutcome {
        try await pool.write { db in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT * FROM creators WHERE account_id = ? AND platform = ? AND username = ?",
                arguments: [creator.accountID.storageString, creator.handle.platform.rawValue, creator.handle.username])
            {
                return .existing(try SQLiteRows.creator(existing))
            }
            if let maxCreators {
                let current = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM creators WHERE account_id = ?", arguments: [creator.accountID.storageString]) ?? 0
                if current >= maxCreators { return .refused(limit: maxCreators, current: current) }
            }
            try db.execute(
                sql: """
                    INSERT INTO creators (id, account_id, platform, username, mode, discovery_interval_s, notes, next_check_at, created_at, updated_at,
                        tracking_days, tracking_cadence, campaign)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    creator.id.storageString, creator.accountID.storageString, creator.handle.platform.rawValue, creator.handle.username,
                    creator.mode.rawValue, Int64(creator.discoveryInterval), creator.notes, creator.nextCheckAt.ms, creator.createdAt.ms,
                    creator.updatedAt.ms, creator.trackingDuration.days, creator.trackingCadence.rawValue, creator.campaign,
                ])
            return .created(creator)
        }
    }

    public func creator(id: UUID, accountID: UUID) async throws -> Creator? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM creators WHERE id = ? AND account_id = ?", arguments: [id.storageString, accountID.storageString])
                .map(SQLiteRows.creator)
        }
    }

    public func creators(accountID: UUID) async throws -> [Creator] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM creators WHERE account_id = ? ORDER BY created_at DESC, id DESC", arguments: [accountID.storageString])
                .map(SQLiteRows.creator)
        }
    }

    public func updateCreator(id: UUID, accountID: UUID, change: CreatorChange, at date: Date) async throws -> Creator? {
        try await pool.write { db in
            let arguments: StatementArguments = [id.storageString, accountID.storageString]
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM creators WHERE id = ? AND account_id = ?", arguments: arguments) else { return nil }
            let creator = try SQLiteRows.creator(row).applying(change, at: date)
            try db.execute(
                sql: """
                    UPDATE creators SET mode = ?, notes = ?, discovery_interval_s = ?, next_check_at = ?, updated_at = ?,
                        tracking_days = ?, tracking_cadence = ?, campaign = ? WHERE id = ?
                    """,
                arguments: [
                    creator.mode.rawValue, creator.notes, Int64(creator.discoveryInterval), creator.nextCheckAt.ms, date.ms,
                    creator.trackingDuration.days, creator.trackingCadence.rawValue, creator.campaign, id.storageString,
                ])
            return try Row.fetchOne(db, sql: "SELECT * FROM creators WHERE id = ?", arguments: [id.storageString]).map(SQLiteRows.creator)
        }
    }

    public func deleteCreator(id: UUID, accountID: UUID) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM creators WHERE id = ? AND account_id = ?", arguments: [id.storageString, accountID.storageString])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: "UPDATE trackings SET creator_id = NULL WHERE creator_id = ?", arguments: [id.storageString])
            return true
        }
    }

    public func claimDueCreators(at date: Date, limit: Int, leaseUntil: Date) async throws -> [Creator] {
        try await pool.write { db in
            try Row.fetchAll(
                db,
                sql: """
                    UPDATE creators SET lease_until = ?
                    WHERE id IN (
                        SELECT id FROM creators WHERE next_check_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                        ORDER BY next_check_at LIMIT ?)
                    RETURNING *
                    """,
                arguments: [leaseUntil.ms, date.ms, date.ms, max(0, limit)]
            ).map(SQLiteRows.creator).sorted { $0.nextCheckAt < $1.nextCheckAt }
        }
    }

    public func knownCreatorVideos(creatorID: UUID, videoIDs: [String]) async throws -> Set<String> {
        guard !videoIDs.isEmpty else { return [] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: videoIDs.count).joined(separator: ", ")
            return Set(try String.fetchAll(
                db, sql: "SELECT external_id FROM creator_videos WHERE creator_id = ? AND external_id IN (\(marks))",
                arguments: StatementArguments([creatorID.storageString] + videoIDs)))
        }
    }

    public func recordCreatorCheck(
        creatorID: UUID, profile: CreatorProfile, sources: CreatorSources, seen: [String], discovered: Int, nextCheckAt: Date, at date: Date
    ) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE creators SET platform_id = COALESCE(?, platform_id), full_name = ?, bio = ?, profile_pic_url = ?,
                        followers = COALESCE(?, followers), following = COALESCE(?, following), posts_count = COALESCE(?, posts_count),
                        is_verified = ?, external_url = ?, last_checked_at = ?, profile_provider = ?, videos_provider = ?,
                        next_check_at = ?, lease_until = NULL, last_error = NULL, videos_discovered = videos_discovered + ?
                    WHERE id = ?
                    """,
                arguments: [
                    StoredText.storable(profile.platformID), StoredText.storable(profile.fullName), StoredText.storable(profile.bio),
                    StoredText.storable(profile.profilePicURL), profile.followers, profile.following,
                    profile.postsCount, profile.isVerified ? 1 : 0, StoredText.storable(profile.externalURL), date.ms, sources.profile, sources.videos, nextCheckAt.ms, discovered,
                    creatorID.storageString,
                ])
            guard db.changesCount > 0 else { return }
            // A reading without any count (a yt-dlp listing's) adds no point to the history.
            if profile.hasCounts {
                try db.execute(
                    sql: """
                        INSERT INTO creator_snapshots (creator_id, taken_at, followers, following, posts_count) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (creator_id, taken_at) DO NOTHING
                        """,
                    arguments: [creatorID.storageString, date.ms, profile.followers, profile.following, profile.postsCount])
            }
            for id in seen {
                try db.execute(
                    sql: "INSERT INTO creator_videos (creator_id, external_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [creatorID.storageString, id, date.ms])
            }
        }
    }

    public func recordCreatorFailure(creatorID: UUID, error: String, nextCheckAt: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE creators SET last_error = ?, next_check_at = ?, lease_until = NULL WHERE id = ?",
                arguments: [(StoredText.storable(String(error.prefix(2000))) as String), nextCheckAt.ms, creatorID.storageString])
        }
    }

    public func creatorHistory(creatorID: UUID, limit: Int) async throws -> [CreatorSnapshot] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM creator_snapshots WHERE creator_id = ? ORDER BY taken_at DESC LIMIT ?",
                arguments: [creatorID.storageString, max(0, limit)]
            ).map { row in
                try CreatorSnapshot(takenAt: SQLiteRows.date(row, "taken_at")!, followers: row.decode(forColumn: "followers"), following: row.decode(forColumn: "following"), postsCount: row.decode(forColumn: "posts_count"))
            }.reversed()
        }
    }

    public func review(trackingIDs: [UUID], accountID: UUID, decision: ReviewDecision, at date: Date) async throws -> [ReviewOutcome] {
        let now = date.truncatedToMilliseconds
        return try await pool.write { db in
            var outcomes: [ReviewOutcome] = []
            for id in trackingIDs {
                guard let current = try Self.trackedVideo(id: id, accountID: accountID, db: db) else {
                    outcomes.append(.notFound(id))
                    continue
                }
                let tracking = current.tracking
                switch decision.step(for: tracking, at: now) {
                case .refuse(let status):
                    outcomes.append(.notPending(id, status))
                    continue
                case .include(let window):
                    try db.execute(
                        sql: """
                            UPDATE trackings SET review_status = 'included', status = 'monitoring', ended_at = NULL,
                                window_start = ?, window_end = ?, updated_at = ?
                            WHERE id = ?
                            """,
                        arguments: [window.start.ms, window.end.ms, now.ms, id.storageString])
                case .exclude:
                    try db.execute(
                        sql: """
                            UPDATE trackings SET review_status = 'excluded', status = 'stopped',
                                ended_at = COALESCE(ended_at, ?), updated_at = ?
                            WHERE id = ?
                            """,
                        arguments: [now.ms, now.ms, id.storageString])
                case .keep:
                    break
                }
                try Self.planNextCheck(videoID: tracking.videoID, at: now, db: db)
                if let updated = try Self.trackedVideo(id: id, accountID: accountID, db: db) { outcomes.append(.done(updated)) }
            }
            return outcomes
        }
    }
}

extension SQLiteRows {
    static func creator(_ row: Row) throws -> Creator {
        let handle = try CreatorHandle(platform: enumValue(row, "platform"), username: row.decode(forColumn: "username"))
        let checked = try date(row, "last_checked_at")
        let profile = checked == nil ? nil : try CreatorProfile(
            handle: handle, platformID: row.decode(forColumn: "platform_id"), fullName: row.decode(forColumn: "full_name"), bio: row.decode(forColumn: "bio"), profilePicURL: row.decode(forColumn: "profile_pic_url"),
            followers: row.decode(forColumn: "followers"), following: row.decode(forColumn: "following"), postsCount: row.decode(forColumn: "posts_count"),
            isVerified: (row.decode(forColumn: "is_verified") as Int) != 0, externalURL: row.decode(forColumn: "external_url"))
        return try Creator(
            id: uuid(row, "id"), accountID: uuid(row, "account_id"), handle: handle, mode: enumValue(row, "mode"),
            discoveryInterval: TimeInterval(row.decode(forColumn: "discovery_interval_s") as Int64), notes: row.decode(forColumn: "notes"), profile: profile,
            lastCheckedAt: checked, nextCheckAt: date(row, "next_check_at")!, lastError: row.decode(forColumn: "last_error"),
            videosDiscovered: row.decode(forColumn: "videos_discovered"), createdAt: date(row, "created_at")!, updatedAt: date(row, "updated_at")!,
            trackingDuration: TrackingDuration.stored(days: row.decode(forColumn: "tracking_days")), trackingCadence: enumValue(row, "tracking_cadence"),
            campaign: row.decode(forColumn: "campaign"),
            sources: CreatorSources.stored(profile: row.decode(forColumn: "profile_provider"), videos: row.decode(forColumn: "videos_provider")))
    }
}
