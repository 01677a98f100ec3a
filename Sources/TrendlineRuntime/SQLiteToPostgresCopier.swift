import Foundation
import GRDB
import Logging
import PostgresNIO
import TrendlinePostgres
import TrendlineStore

/// Copies a SQLite installation (accounts with their ledgers, keys, webhook endpoints, creators
/// with their follower history and discovered posts, videos, trackings, snapshots) into
/// PostgreSQL so a user can grow to several nodes without losing history. Safe to re-run: rows
/// already copied are skipped (`ON CONFLICT DO NOTHING`), and accounts, creators and videos are
/// matched by their natural keys (account name; account, platform and username; platform and
/// external id), so ids already taken in the target are remapped rather than clashing. Not
/// copied: manual-refresh counters and rate-limit buckets (transient), leases (the new nodes
/// claim afresh). The webhook outbox comes along (events keep their ids, which receivers
/// deduplicate on; see ``copyWebhookOutbox(from:accountIDs:videoIDs:creatorIDs:client:logger:)``).
public struct SQLiteToPostgresCopier: Sendable {
    public let sourcePath: String
    public let target: PostgresRepository
    public let batchSize: Int
    let progress: @Sendable (String) -> Void

    public init(sourcePath: String, target: PostgresRepository, batchSize: Int = 1000, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.sourcePath = sourcePath
        self.target = target
        self.batchSize = batchSize
        self.progress = progress
    }

    /// Rows read from the source per table.
    public struct Report: Sendable, Equatable {
        public var accounts = 0, keys = 0, webhookEndpoints = 0, creators = 0, videos = 0, trackings = 0, snapshots = 0
        /// The webhook outbox: events, and their deliveries (pending, delivered or failed).
        public var webhookEvents = 0, webhookDeliveries = 0

        public init(
            accounts: Int = 0, keys: Int = 0, webhookEndpoints: Int = 0, creators: Int = 0, videos: Int = 0, trackings: Int = 0,
            snapshots: Int = 0, webhookEvents: Int = 0, webhookDeliveries: Int = 0
        ) {
            self.webhookEvents = webhookEvents
            self.webhookDeliveries = webhookDeliveries
            self.accounts = accounts
            self.keys = keys
            self.webhookEndpoints = webhookEndpoints
            self.creators = creators
            self.videos = videos
            self.trackings = trackings
            self.snapshots = snapshots
        }
    }

    public func copy() async throws -> Report {
        guard FileManager.default.fileExists(atPath: sourcePath) else { throw StoreError.unavailable("no SQLite database at \(sourcePath)") }
        var configuration = Configuration()
        configuration.readonly = true
        let source = try DatabaseQueue(path: sourcePath, configuration: configuration)
        try await target.migrate()
        let client = target.client
        let logger = Logger(label: "trendline.migrate-data")
        var report = Report()

        // Accounts, mapped by name.
        // An account that already exists in the target keeps its own plan, balance and ledger.
        let accounts = try source.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, created_at, plan, balance_micros FROM accounts ORDER BY created_at")
        }
        var accountIDs: [String: String] = [:]
        var newAccounts: [String] = []
        for row in accounts {
            let id: String = try row.decode(forColumn: "id"), name: String = try row.decode(forColumn: "name"), created: Int64 = try row.decode(forColumn: "created_at")
            let inserted = try await client.query(
                """
                INSERT INTO accounts (id, name, created_at, plan, balance_micros)
                VALUES (\(id), \(name), \(created), \(row.decode(forColumn: "plan") as String?), \(row.decode(forColumn: "balance_micros") as Int64))
                ON CONFLICT DO NOTHING RETURNING id
                """, logger: logger
            ).collect { try $0.decode(String.self) }
            if !inserted.isEmpty { newAccounts.append(id) }
            let mapped = try await client.query("SELECT id FROM accounts WHERE name = \(name)", logger: logger).collect { try $0.decode(String.self) }.first
            accountIDs[id] = mapped ?? id
        }
        for account in newAccounts {
            let entries = try source.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE account_id = ? ORDER BY id", arguments: [account])
            }
            for row in entries {
                try await client.query(
                    """
                    INSERT INTO ledger (account_id, at, amount_micros, balance_after_micros, kind, tracking_id, note)
                    VALUES (\(account), \(row.decode(forColumn: "at") as Int64), \(row.decode(forColumn: "amount_micros") as Int64), \(row.decode(forColumn: "balance_after_micros") as Int64),
                        \(row.decode(forColumn: "kind") as String), \(row.decode(forColumn: "tracking_id") as String?), \(row.decode(forColumn: "note") as String?))
                    """, logger: logger)
            }
        }
        report.accounts = accounts.count
        progress("accounts: \(accounts.count)")

        let keys = try source.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at") }
        for row in keys {
            let account: String = try row.decode(forColumn: "account_id")
            try await client.query(
                """
                INSERT INTO api_keys (id, account_id, name, prefix, hash, created_at, last_used_at, revoked_at, read_only)
                VALUES (\(row.decode(forColumn: "id") as String), \(accountIDs[account] ?? account), \(row.decode(forColumn: "name") as String), \(row.decode(forColumn: "prefix") as String),
                        \(row.decode(forColumn: "hash") as String), \(row.decode(forColumn: "created_at") as Int64), \(row.decode(forColumn: "last_used_at") as Int64?), \(row.decode(forColumn: "revoked_at") as Int64?),
                        \(Int32(row.decode(forColumn: "read_only") as Int64)))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        report.keys = keys.count
        progress("keys: \(keys.count)")

        let endpoints = try source.read { db in try Row.fetchAll(db, sql: "SELECT * FROM webhook_endpoints ORDER BY created_at") }
        for row in endpoints {
            let account: String = try row.decode(forColumn: "account_id")
            try await client.query(
                """
                INSERT INTO webhook_endpoints (id, account_id, url, description, events, secret, enabled, disabled_reason, failing_since,
                    created_at, updated_at)
                VALUES (\(row.decode(forColumn: "id") as String), \(accountIDs[account] ?? account), \(row.decode(forColumn: "url") as String), \(row.decode(forColumn: "description") as String?),
                    \(row.decode(forColumn: "events") as String), \(row.decode(forColumn: "secret") as String), \(Int32(row.decode(forColumn: "enabled") as Int)), \(row.decode(forColumn: "disabled_reason") as String?),
                    \(row.decode(forColumn: "failing_since") as Int64?), \(row.decode(forColumn: "created_at") as Int64), \(row.decode(forColumn: "updated_at") as Int64))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        report.webhookEndpoints = endpoints.count
        progress("webhook endpoints: \(endpoints.count)")

        let creatorIDs = try await copyCreators(from: source, accountIDs: accountIDs, client: client, logger: logger)
        report.creators = creatorIDs.count
        progress("creators: \(creatorIDs.count)")

        // Videos, mapped by (platform, external id); the target assigns its own ids.
        var videoIDs: [Int64: Int64] = [:]
        var lastID: Int64 = 0
        while true {
            let rows = try source.read { [lastID, batchSize] db in
                try Row.fetchAll(db, sql: "SELECT * FROM videos WHERE id > ? ORDER BY id LIMIT ?", arguments: [lastID, batchSize])
            }
            guard let last = rows.last else { break }
            for row in rows {
                let platform: String = try row.decode(forColumn: "platform"), external: String = try row.decode(forColumn: "external_id")
                let mapped = try await client.query(
                    """
                    INSERT INTO videos (platform, external_id, canonical_url, title, author, published_at, thumbnail_url, views, likes,
                        comments, shares, saves, last_snapshot_at, next_check_at, consecutive_failures, unavailable_strikes, last_error, created_at)
                    VALUES (\(platform), \(external), \(row.decode(forColumn: "canonical_url") as String), \(row.decode(forColumn: "title") as String?), \(row.decode(forColumn: "author") as String?),
                        \(row.decode(forColumn: "published_at") as Int64?), \(row.decode(forColumn: "thumbnail_url") as String?), \(row.decode(forColumn: "views") as Int64?), \(row.decode(forColumn: "likes") as Int64?),
                        \(row.decode(forColumn: "comments") as Int64?), \(row.decode(forColumn: "shares") as Int64?), \(row.decode(forColumn: "saves") as Int64?), \(row.decode(forColumn: "last_snapshot_at") as Int64?),
                        \(row.decode(forColumn: "next_check_at") as Int64?), \(Int32(row.decode(forColumn: "consecutive_failures") as Int)), \(Int32(row.decode(forColumn: "unavailable_strikes") as Int)),
                        \(row.decode(forColumn: "last_error") as String?), \(row.decode(forColumn: "created_at") as Int64))
                    ON CONFLICT (platform, external_id) DO UPDATE SET platform = EXCLUDED.platform
                    RETURNING id
                    """, logger: logger
                ).collect { try $0.decode(Int64.self) }.first
                try videoIDs[row.decode(forColumn: "id")] = mapped
            }
            report.videos += rows.count
            try lastID = last.decode(forColumn: "id")
            progress("videos: \(report.videos)")
        }

        let trackings = try source.read { db in try Row.fetchAll(db, sql: "SELECT * FROM trackings ORDER BY created_at") }
        for row in trackings {
            let account: String = try row.decode(forColumn: "account_id")
            guard let video = try videoIDs[row.decode(forColumn: "video_id")] else { continue }
            try await client.query(
                """
                INSERT INTO trackings (id, account_id, video_id, platform, submitted_url, status, status_reason, window_start, window_end,
                    duration_days, cadence, notes, ended_at, created_at, updated_at, min_interval_s, price_micros, estimated_micros,
                    charged_micros, review_status, creator_id, milestones, campaign)
                VALUES (\(row.decode(forColumn: "id") as String), \(accountIDs[account] ?? account), \(video), \(row.decode(forColumn: "platform") as String),
                    \(row.decode(forColumn: "submitted_url") as String), \(row.decode(forColumn: "status") as String), \(row.decode(forColumn: "status_reason") as String?),
                    \(row.decode(forColumn: "window_start") as Int64), \(row.decode(forColumn: "window_end") as Int64), \(Int32(row.decode(forColumn: "duration_days") as Int)),
                    \(row.decode(forColumn: "cadence") as String), \(row.decode(forColumn: "notes") as String?), \(row.decode(forColumn: "ended_at") as Int64?),
                    \(row.decode(forColumn: "created_at") as Int64), \(row.decode(forColumn: "updated_at") as Int64), \(Int32(row.decode(forColumn: "min_interval_s") as Int)),
                    \(row.decode(forColumn: "price_micros") as Int64), \(row.decode(forColumn: "estimated_micros") as Int64), \(row.decode(forColumn: "charged_micros") as Int64),
                    \(row.decode(forColumn: "review_status") as String), \((row.decode(forColumn: "creator_id") as String?).map { creatorIDs[$0] ?? $0 }), \(row.decode(forColumn: "milestones") as String?),
                    \(row.decode(forColumn: "campaign") as String?))
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        report.trackings = trackings.count
        progress("trackings: \(trackings.count)")

        // Snapshots in multi-row inserts, keyset-paged by (video_id, taken_at).
        var cursor: (Int64, Int64) = (-1, -1)
        while true {
            let rows = try source.read { [cursor, batchSize] db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.video_id, s.taken_at, s.views, s.likes, s.comments, s.shares, s.saves, p.name AS provider
                        FROM snapshots s JOIN providers p ON p.id = s.provider_id
                        WHERE (s.video_id, s.taken_at) > (?, ?) ORDER BY s.video_id, s.taken_at LIMIT ?
                        """,
                    arguments: [cursor.0, cursor.1, batchSize])
            }
            guard let last = rows.last else { break }
            var binds = PostgresBindings()
            var tuples: [String] = []
            for row in rows {
                guard let video = try videoIDs[row.decode(forColumn: "video_id")] else { continue }
                let first = binds.count + 1
                binds.append(video)
                try binds.append(row.decode(forColumn: "taken_at") as Int64)
                try binds.append(row.decode(forColumn: "views") as Int64?)
                try binds.append(row.decode(forColumn: "likes") as Int64?)
                try binds.append(row.decode(forColumn: "comments") as Int64?)
                try binds.append(row.decode(forColumn: "shares") as Int64?)
                try binds.append(row.decode(forColumn: "saves") as Int64?)
                try binds.append(row.decode(forColumn: "provider") as String)
                tuples.append("(" + (first..<(first + 8)).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            if !tuples.isEmpty {
                let sql = "INSERT INTO snapshots (video_id, taken_at, views, likes, comments, shares, saves, provider) VALUES "
                    + tuples.joined(separator: ", ") + " ON CONFLICT DO NOTHING"
                try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            }
            report.snapshots += rows.count
            try cursor = (last.decode(forColumn: "video_id"), last.decode(forColumn: "taken_at"))
            progress("snapshots: \(report.snapshots)")
        }

        let outbox = try await copyWebhookOutbox(
            from: source, accountIDs: accountIDs, videoIDs: videoIDs, creatorIDs: creatorIDs, client: client, logger: logger)
        report.webhookEvents = outbox.events
        report.webhookDeliveries = outbox.deliveries
        return report
    }

    /// Creators, matched by (account, platform, username), with their follower history and the
    /// posts discovery has already seen (so the new nodes do not track them again). Returns the
    /// source id of every creator and its id in the target.
    func copyCreators(from source: DatabaseQueue, accountIDs: [String: String], client: PostgresClient, logger: Logger) async throws -> [String: String] {
        let creators = try source.read { db in try Row.fetchAll(db, sql: "SELECT * FROM creators ORDER BY created_at") }
        var creatorIDs: [String: String] = [:]
        for row in creators {
            let id: String = try row.decode(forColumn: "id"), sourceAccount: String = try row.decode(forColumn: "account_id")
            let account = accountIDs[sourceAccount] ?? sourceAccount
            let platform: String = try row.decode(forColumn: "platform"), username: String = try row.decode(forColumn: "username")
            try await client.query(
                """
                INSERT INTO creators (id, account_id, platform, username, mode, discovery_interval_s, notes, platform_id, full_name, bio,
                    profile_pic_url, followers, following, posts_count, is_verified, external_url, last_checked_at, next_check_at,
                    last_error, videos_discovered, created_at, updated_at, tracking_days, tracking_cadence, campaign, profile_provider,
                    videos_provider)
                VALUES (\(id), \(account), \(platform), \(username), \(row.decode(forColumn: "mode") as String), \(row.decode(forColumn: "discovery_interval_s") as Int64),
                    \(row.decode(forColumn: "notes") as String?), \(row.decode(forColumn: "platform_id") as String?), \(row.decode(forColumn: "full_name") as String?), \(row.decode(forColumn: "bio") as String?),
                    \(row.decode(forColumn: "profile_pic_url") as String?), \(row.decode(forColumn: "followers") as Int64?), \(row.decode(forColumn: "following") as Int64?),
                    \(row.decode(forColumn: "posts_count") as Int64?), \(Int32(row.decode(forColumn: "is_verified") as Int)), \(row.decode(forColumn: "external_url") as String?),
                    \(row.decode(forColumn: "last_checked_at") as Int64?), \(row.decode(forColumn: "next_check_at") as Int64), \(row.decode(forColumn: "last_error") as String?),
                    \(Int32(row.decode(forColumn: "videos_discovered") as Int)), \(row.decode(forColumn: "created_at") as Int64), \(row.decode(forColumn: "updated_at") as Int64),
                    \(Int32(row.decode(forColumn: "tracking_days") as Int)), \(row.decode(forColumn: "tracking_cadence") as String),
                    \(row.decode(forColumn: "campaign") as String?), \(row.decode(forColumn: "profile_provider") as String?),
                    \(row.decode(forColumn: "videos_provider") as String?))
                ON CONFLICT DO NOTHING
                """, logger: logger)
            let mapped = try await client.query(
                "SELECT id FROM creators WHERE account_id = \(account) AND platform = \(platform) AND username = \(username)", logger: logger
            ).collect { try $0.decode(String.self) }.first
            let target = mapped ?? id
            creatorIDs[id] = target

            let history = try source.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM creator_snapshots WHERE creator_id = ? ORDER BY taken_at", arguments: [id])
            }
            for snapshot in history {
                try await client.query(
                    """
                    INSERT INTO creator_snapshots (creator_id, taken_at, followers, following, posts_count)
                    VALUES (\(target), \(snapshot.decode(forColumn: "taken_at") as Int64), \(snapshot.decode(forColumn: "followers") as Int64?), \(snapshot.decode(forColumn: "following") as Int64?),
                        \(snapshot.decode(forColumn: "posts_count") as Int64?))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            let seen = try source.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM creator_videos WHERE creator_id = ? ORDER BY seen_at", arguments: [id])
            }
            for video in seen {
                try await client.query(
                    """
                    INSERT INTO creator_videos (creator_id, external_id, seen_at)
                    VALUES (\(target), \(video.decode(forColumn: "external_id") as String), \(video.decode(forColumn: "seen_at") as Int64))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
        }
        return creatorIDs
    }
}
