import Foundation
import PostgresNIO
import TrendlineDomain
import TrendlineStore

/// Followed creators on PostgreSQL. Following locks the account row so that concurrent
/// requests on several nodes cannot pass the plan's creator limit; claims skip locked rows.
extension PostgresRepository {
    public func createCreator(_ creator: Creator, maxCreators: Int?) async throws -> CreatorOutcome {
        let account = creator.accountID.storageString
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT id FROM accounts WHERE id = \(account) FOR UPDATE", logger: self.logger)
                if let existing = try await connection.query(
                    """
                    SELECT * FROM creators WHERE account_id = \(account) AND platform = \(creator.handle.platform.rawValue)
                        AND username = \(creator.handle.username)
                    """, logger: self.logger
                ).collect(PostgresRows.creator).first {
                    return .existing(existing)
                }
                if let maxCreators {
                    let current = try await connection.query("SELECT COUNT(*) FROM creators WHERE account_id = \(account)", logger: self.logger)
                        .collect { try $0.decode(Int64.self) }.first ?? 0
                    if current >= maxCreators { return .refused(limit: maxCreators, current: Int(current)) }
                }
                try await connection.query(
                    """
                    INSERT INTO creators (id, account_id, platform, username, mode, discovery_interval_s, notes, next_check_at, created_at, updated_at,
                        tracking_days, tracking_cadence, campaign)
                    VALUES (\(creator.id.storageString), \(account), \(creator.handle.platform.rawValue), \(creator.handle.username),
                        \(creator.mode.rawValue), \(Int64(creator.discoveryInterval)), \(creator.notes), \(creator.nextCheckAt.ms),
                        \(creator.createdAt.ms), \(creator.updatedAt.ms), \(Int32(creator.trackingDuration.days)), \(creator.trackingCadence.rawValue),
                        \(creator.campaign))
                    """, logger: self.logger)
                return .created(creator)
            }
        }
    }

    public func creator(id: UUID, accountID: UUID) async throws -> Creator? {
        try await guarded { [self] in
            try await client.query(
                "SELECT * FROM creators WHERE id = \(id.storageString) AND account_id = \(accountID.storageString)", logger: logger
            ).collect(PostgresRows.creator).first
        }
    }

    public func creators(accountID: UUID) async throws -> [Creator] {
        try await guarded { [self] in
            try await client.query(
                "SELECT * FROM creators WHERE account_id = \(accountID.storageString) ORDER BY created_at DESC, id DESC", logger: logger
            ).collect(PostgresRows.creator)
        }
    }

    public func updateCreator(id: UUID, accountID: UUID, change: CreatorChange, at date: Date) async throws -> Creator? {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                guard let current = try await connection.query(
                    "SELECT * FROM creators WHERE id = \(id.storageString) AND account_id = \(accountID.storageString) FOR UPDATE",
                    logger: self.logger
                ).collect(PostgresRows.creator).first else { return nil }
                let creator = current.applying(change, at: date)
                return try await connection.query(
                    """
                    UPDATE creators SET mode = \(creator.mode.rawValue), notes = \(creator.notes),
                        discovery_interval_s = \(Int64(creator.discoveryInterval)), next_check_at = \(creator.nextCheckAt.ms),
                        updated_at = \(date.ms), tracking_days = \(Int32(creator.trackingDuration.days)),
                        tracking_cadence = \(creator.trackingCadence.rawValue), campaign = \(creator.campaign)
                    WHERE id = \(id.storageString) RETURNING *
                    """, logger: self.logger
                ).collect(PostgresRows.creator).first
            }
        }
    }

    public func deleteCreator(id: UUID, accountID: UUID) async throws -> Bool {
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let deleted = try await connection.query(
                    "DELETE FROM creators WHERE id = \(id.storageString) AND account_id = \(accountID.storageString) RETURNING id",
                    logger: self.logger
                ).collect { $0 }.count > 0
                if deleted {
                    try await connection.query("UPDATE trackings SET creator_id = NULL WHERE creator_id = \(id.storageString)", logger: self.logger)
                }
                return deleted
            }
        }
    }

    public func claimDueCreators(at date: Date, limit: Int, leaseUntil: Date) async throws -> [Creator] {
        try await guarded { [self] in
            try await client.query(
                """
                UPDATE creators SET lease_until = \(leaseUntil.ms)
                WHERE id IN (
                    SELECT id FROM creators WHERE next_check_at <= \(date.ms) AND (lease_until IS NULL OR lease_until <= \(date.ms))
                    ORDER BY next_check_at LIMIT \(Int64(max(0, limit))) FOR UPDATE SKIP LOCKED)
                RETURNING *
                """, logger: logger
            ).collect(PostgresRows.creator).sorted { $0.nextCheckAt < $1.nextCheckAt }
        }
    }

    public func knownCreatorVideos(creatorID: UUID, videoIDs: [String]) async throws -> Set<String> {
        guard !videoIDs.isEmpty else { return [] }
        return try await guarded { [self] in
            Set(try await client.query(
                "SELECT external_id FROM creator_videos WHERE creator_id = \(creatorID.storageString) AND external_id = ANY(\(videoIDs))",
                logger: logger
            ).collect { try $0.decode(String.self) })
        }
    }

    public func recordCreatorCheck(
        creatorID: UUID, profile: CreatorProfile, sources: CreatorSources, seen: [String], discovered: Int, nextCheckAt: Date, at date: Date
    ) async throws {
        let id = creatorID.storageString
        try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                let updated = try await connection.query(
                    """
                    UPDATE creators SET platform_id = COALESCE(\(StoredText.storable(profile.platformID)), platform_id), full_name = \(StoredText.storable(profile.fullName)),
                        bio = \(StoredText.storable(profile.bio)), profile_pic_url = \(StoredText.storable(profile.profilePicURL)), followers = COALESCE(\(profile.followers), followers),
                        following = COALESCE(\(profile.following), following), posts_count = COALESCE(\(profile.postsCount), posts_count), is_verified = \(Int32(profile.isVerified ? 1 : 0)),
                        external_url = \(StoredText.storable(profile.externalURL)), last_checked_at = \(date.ms), next_check_at = \(nextCheckAt.ms),
                        profile_provider = \(sources.profile), videos_provider = \(sources.videos),
                        lease_until = NULL, last_error = NULL, videos_discovered = videos_discovered + \(Int32(discovered))
                    WHERE id = \(id) RETURNING id
                    """, logger: self.logger
                ).collect { $0 }.count > 0
                guard updated else { return }
                // A reading without any count (a yt-dlp listing's) adds no point to the history.
                if profile.hasCounts {
                    try await connection.query(
                        """
                        INSERT INTO creator_snapshots (creator_id, taken_at, followers, following, posts_count)
                        VALUES (\(id), \(date.ms), \(profile.followers), \(profile.following), \(profile.postsCount))
                        ON CONFLICT (creator_id, taken_at) DO NOTHING
                        """, logger: self.logger)
                }
                if !seen.isEmpty {
                    try await connection.query(
                        """
                        INSERT INTO creator_videos (creator_id, external_id, seen_at)
                        SELECT \(id), unnest(\(seen)::text[]), \(date.ms) ON CONFLICT DO NOTHING
                        """, logger: self.logger)
                }
            }
        }
    }

    public func recordCreatorFailure(creatorID: UUID, error: String, nextCheckAt: Date) async throws {
        _ = try await guarded { [self] in
            try await client.query(
                """
                UPDATE creators SET last_error = \(StoredText.storable(String(error.prefix(2000)))), next_check_at = \(nextCheckAt.ms), lease_until = NULL
                WHERE id = \(creatorID.storageString)
                """, logger: logger)
        }
    }

    public func creatorHistory(creatorID: UUID, limit: Int) async throws -> [CreatorSnapshot] {
        try await guarded { [self] in
            try await client.query(
                """
                SELECT taken_at, followers, following, posts_count FROM creator_snapshots WHERE creator_id = \(creatorID.storageString)
                ORDER BY taken_at DESC LIMIT \(Int64(max(0, limit)))
                """, logger: logger
            ).collect { row in
                let (taken, followers, following, posts) = try row.decode((Int64, Int64?, Int64?, Int64?).self)
                return CreatorSnapshot(takenAt: Date(millisecondsSince1970: taken), followers: followers, following: following, postsCount: posts)
            }.reversed()
        }
    }

    public func review(trackingIDs: [UUID], accountID: UUID, decision: ReviewDecision, at date: Date) async throws -> [ReviewOutcome] {
        let now = date.truncatedToMilliseconds
        return try await guarded { [self] in
            try await client.withTransaction(logger: logger) { connection in
                var outcomes: [ReviewOutcome] = []
                for id in trackingIDs {
                    let select = "\(PostgresRows.trackedVideoSelect) WHERE t.id = $1 AND t.account_id = $2"
                    var binds = PostgresBindings()
                    binds.append(id.storageString)
                    binds.append(accountID.storageString)
                    guard let current = try await connection.query(PostgresQuery(unsafeSQL: select + " FOR UPDATE OF t", binds: binds), logger: self.logger)
                        .collect(PostgresRows.trackedVideo).first
                    else {
                        outcomes.append(.notFound(id))
                        continue
                    }
                    let tracking = current.tracking
                    switch decision.step(for: tracking, at: now) {
                    case .refuse(let status):
                        outcomes.append(.notPending(id, status))
                        continue
                    case .include(let window):
                        try await connection.query(
                            """
                            UPDATE trackings SET review_status = 'included', status = 'monitoring', ended_at = NULL,
                                window_start = \(window.start.ms), window_end = \(window.end.ms), updated_at = \(now.ms)
                            WHERE id = \(id.storageString)
                            """, logger: self.logger)
                    case .exclude:
                        try await connection.query(
                            """
                            UPDATE trackings SET review_status = 'excluded', status = 'stopped',
                                ended_at = COALESCE(ended_at, \(now.ms)), updated_at = \(now.ms)
                            WHERE id = \(id.storageString)
                            """, logger: self.logger)
                    case .keep:
                        break
                    }
                    try await self.planNextCheck(videoID: tracking.videoID, at: now, on: connection)
                    if let updated = try await connection.query(PostgresQuery(unsafeSQL: select, binds: binds), logger: self.logger)
                        .collect(PostgresRows.trackedVideo).first
                    {
                        outcomes.append(.done(updated))
                    }
                }
                return outcomes
            }
        }
    }
}

extension PostgresRows {
    static func creator(_ row: PostgresRow) throws -> Creator {
        let r = row.makeRandomAccess()
        let handle = CreatorHandle(platform: try enumValue(r, "platform"), username: try value(r, "username"))
        let checked = try date(r, "last_checked_at")
        let profile = checked == nil ? nil : CreatorProfile(
            handle: handle, platformID: try value(r, "platform_id"), fullName: try value(r, "full_name"), bio: try value(r, "bio"),
            profilePicURL: try value(r, "profile_pic_url"), followers: try value(r, "followers"), following: try value(r, "following"),
            postsCount: try value(r, "posts_count"), isVerified: try value(r, "is_verified", as: Int32.self) != 0,
            externalURL: try value(r, "external_url"))
        return Creator(
            id: try uuid(r, "id"), accountID: try uuid(r, "account_id"), handle: handle, mode: try enumValue(r, "mode"),
            discoveryInterval: TimeInterval(try value(r, "discovery_interval_s", as: Int64.self)), notes: try value(r, "notes"),
            profile: profile, lastCheckedAt: checked, nextCheckAt: try requiredDate(r, "next_check_at"), lastError: try value(r, "last_error"),
            videosDiscovered: Int(try value(r, "videos_discovered", as: Int32.self)), createdAt: try requiredDate(r, "created_at"),
            updatedAt: try requiredDate(r, "updated_at"),
            trackingDuration: try TrackingDuration.stored(days: Int(try value(r, "tracking_days", as: Int32.self))),
            trackingCadence: try enumValue(r, "tracking_cadence"),
            campaign: try value(r, "campaign"),
            sources: CreatorSources.stored(profile: try value(r, "profile_provider"), videos: try value(r, "videos_provider")))
    }
}
