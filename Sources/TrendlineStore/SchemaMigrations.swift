/// One versioned schema change, written for each backend. Both backends apply the same list in
/// order and record the identifiers, so a database can be checked against the build that opens
/// it: a node refuses to start on a schema with identifiers it does not know (a newer build's).
public struct SchemaMigration: Sendable {
    public let id: String
    public let sqlite: String
    public let postgres: String
}

/// The schema of Trendline, oldest first. Append new migrations; never edit a shipped one.
///
/// Dates are integer milliseconds since 1970; UUIDs are lowercase text.
public enum SchemaMigrations {
    /// Followed creators with their follower history and the videos discovery has seen;
    /// trackings learn how they got there (`review_status`, `creator_id`) and their view
    /// milestones; events carry a milestone or a creator.
    static let creatorsAndMilestones = SchemaMigration(
        id: "005_creators_and_milestones",
        sqlite: """
            CREATE TABLE creators (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                platform TEXT NOT NULL,
                username TEXT NOT NULL,
                mode TEXT NOT NULL,
                discovery_interval_s INTEGER NOT NULL,
                notes TEXT,
                platform_id TEXT,
                full_name TEXT,
                bio TEXT,
                profile_pic_url TEXT,
                followers INTEGER,
                following INTEGER,
                posts_count INTEGER,
                is_verified INTEGER NOT NULL DEFAULT 0,
                external_url TEXT,
                last_checked_at INTEGER,
                next_check_at INTEGER NOT NULL,
                lease_until INTEGER,
                last_error TEXT,
                videos_discovered INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (account_id, platform, username)
            );
            CREATE INDEX creators_due ON creators(next_check_at);
            CREATE INDEX creators_account ON creators(account_id, created_at, id);
            CREATE TABLE creator_snapshots (
                creator_id TEXT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
                taken_at INTEGER NOT NULL,
                followers INTEGER,
                following INTEGER,
                posts_count INTEGER,
                PRIMARY KEY (creator_id, taken_at)
            );
            CREATE TABLE creator_videos (
                creator_id TEXT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
                external_id TEXT NOT NULL,
                seen_at INTEGER NOT NULL,
                PRIMARY KEY (creator_id, external_id)
            );
            ALTER TABLE trackings ADD COLUMN review_status TEXT NOT NULL DEFAULT 'direct_add';
            ALTER TABLE trackings ADD COLUMN creator_id TEXT;
            ALTER TABLE trackings ADD COLUMN milestones TEXT;
            CREATE INDEX trackings_account_review ON trackings(account_id, review_status);
            ALTER TABLE webhook_events ADD COLUMN milestone INTEGER;
            ALTER TABLE webhook_events ADD COLUMN creator_id TEXT;
            """,
        postgres: """
            CREATE TABLE creators (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                platform TEXT NOT NULL,
                username TEXT NOT NULL,
                mode TEXT NOT NULL,
                discovery_interval_s BIGINT NOT NULL,
                notes TEXT,
                platform_id TEXT,
                full_name TEXT,
                bio TEXT,
                profile_pic_url TEXT,
                followers BIGINT,
                following BIGINT,
                posts_count BIGINT,
                is_verified INTEGER NOT NULL DEFAULT 0,
                external_url TEXT,
                last_checked_at BIGINT,
                next_check_at BIGINT NOT NULL,
                lease_until BIGINT,
                last_error TEXT,
                videos_discovered INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (account_id, platform, username)
            );
            CREATE INDEX creators_due ON creators(next_check_at);
            CREATE INDEX creators_account ON creators(account_id, created_at, id);
            CREATE TABLE creator_snapshots (
                creator_id TEXT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
                taken_at BIGINT NOT NULL,
                followers BIGINT,
                following BIGINT,
                posts_count BIGINT,
                PRIMARY KEY (creator_id, taken_at)
            );
            CREATE TABLE creator_videos (
                creator_id TEXT NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
                external_id TEXT NOT NULL,
                seen_at BIGINT NOT NULL,
                PRIMARY KEY (creator_id, external_id)
            );
            ALTER TABLE trackings ADD COLUMN review_status TEXT NOT NULL DEFAULT 'direct_add';
            ALTER TABLE trackings ADD COLUMN creator_id TEXT;
            ALTER TABLE trackings ADD COLUMN milestones TEXT;
            CREATE INDEX trackings_account_review ON trackings(account_id, review_status);
            ALTER TABLE webhook_events ADD COLUMN milestone BIGINT;
            ALTER TABLE webhook_events ADD COLUMN creator_id TEXT;
            """)

    public static let all: [SchemaMigration] = [initial, rateBuckets, plansAndCredits, webhooks, creatorsAndMilestones, compactSnapshots, videoLeases, leasesWithoutParentCheck, creatorTrackingTerms, trackingCampaigns, creatorSources, trackingsByCreator, readOnlyKeys]

    /// API keys may be read-only. The statement is the same in both dialects.
    static let readOnlyKeys: SchemaMigration = {
        let statement = "ALTER TABLE api_keys ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;"
        return SchemaMigration(id: "013_read_only_keys", sqlite: statement, postgres: statement)
    }()

    /// Serves `GET /v1/videos?creator_id=`: a followed creator's discovered videos, newest first,
    /// without reading the account's other trackings. The statement is the same in both dialects.
    static let trackingsByCreator: SchemaMigration = {
        let statement = "CREATE INDEX trackings_account_creator ON trackings(account_id, creator_id, created_at, id) WHERE creator_id IS NOT NULL;"
        return SchemaMigration(id: "012_trackings_by_creator", sqlite: statement, postgres: statement)
    }()

    /// Followed creators remember which providers answered their last check (profile, video
    /// list). The statements are the same in both dialects.
    static let creatorSources: SchemaMigration = {
        let statements = """
            ALTER TABLE creators ADD COLUMN profile_provider TEXT;
            ALTER TABLE creators ADD COLUMN videos_provider TEXT;
            """
        return SchemaMigration(id: "011_creator_sources", sqlite: statements, postgres: statements)
    }()

    /// Trackings carry the campaign they belong to; the partial index serves a campaign's list
    /// and the list of campaigns without reading trackings outside any campaign. Followed
    /// creators carry one too, given to the videos their discovery adds.
    /// The statements are the same in both dialects.
    static let trackingCampaigns: SchemaMigration = {
        let statements = """
            ALTER TABLE trackings ADD COLUMN campaign TEXT;
            CREATE INDEX trackings_account_campaign ON trackings(account_id, campaign, created_at, id) WHERE campaign IS NOT NULL;
            ALTER TABLE creators ADD COLUMN campaign TEXT;
            """
        return SchemaMigration(id: "010_tracking_campaigns", sqlite: statements, postgres: statements)
    }()

    /// How long and how often a followed creator's discovered videos are tracked; the defaults
    /// are those discovered videos had before (30 days, adaptive).
    /// The statements are the same in both dialects.
    static let creatorTrackingTerms: SchemaMigration = {
        let statements = """
            ALTER TABLE creators ADD COLUMN tracking_days INTEGER NOT NULL DEFAULT 30;
            ALTER TABLE creators ADD COLUMN tracking_cadence TEXT NOT NULL DEFAULT 'adaptive';
            """
        return SchemaMigration(id: "009_creator_tracking_terms", sqlite: statements, postgres: statements)
    }()

    /// SQLite moves video leases out of `videos` into a narrow table. A claim used to write the
    /// lease into each claimed video's row: 500 claimed videos dirtied about 500 pages of a
    /// 250 MB table at a million videos, and the claim took 4x longer there than at 10,000. Now
    /// it writes a handful of pages of `video_leases` whatever the table size; the record path
    /// deletes the lease. PostgreSQL locks rows (FOR UPDATE SKIP LOCKED) and keeps the column.
    static let videoLeases = SchemaMigration(
        id: "007_video_leases",
        sqlite: """
            CREATE TABLE video_leases (
                video_id INTEGER PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
                lease_until INTEGER NOT NULL
            );
            INSERT INTO video_leases (video_id, lease_until) SELECT id, lease_until FROM videos WHERE lease_until IS NOT NULL;
            ALTER TABLE videos DROP COLUMN lease_until;
            """,
        postgres: "")

    /// SQLite's `video_leases` loses its foreign key; a trigger on `videos` deletes a deleted
    /// video's lease instead. The key made every lease a claim inserts look its video's row up
    /// (the parent check): at a million videos, one page read per claimed video, scattered over
    /// a 250 MB table, before the claim reads the same rows again to return them (the cache,
    /// 2 MB, had dropped them by then). A SQLite model of the claim: 7.7-7.9 ms at 1,000,000
    /// videos with the key, 5.3-5.5 ms without (docs/benchmarks.md, claims).
    static let leasesWithoutParentCheck = SchemaMigration(
        id: "008_video_leases_without_parent_check",
        sqlite: """
            CREATE TABLE video_leases_unchecked (
                video_id INTEGER PRIMARY KEY,
                lease_until INTEGER NOT NULL
            );
            INSERT INTO video_leases_unchecked (video_id, lease_until)
                SELECT l.video_id, l.lease_until FROM video_leases l JOIN videos v ON v.id = l.video_id;
            DROP TABLE video_leases;
            ALTER TABLE video_leases_unchecked RENAME TO video_leases;
            CREATE TRIGGER video_leases_follow_deleted_videos AFTER DELETE ON videos
            BEGIN
                DELETE FROM video_leases WHERE video_id = OLD.id;
            END;
            """,
        postgres: "")

    /// SQLite keeps each snapshot's provider as a small integer into `providers` instead of its
    /// name: the name was about 16 of the 50 bytes a snapshot took on disk (docs/benchmarks.md).
    /// PostgreSQL's rows carry a 24-byte header anyway and keep the name.
    static let compactSnapshots = SchemaMigration(
        id: "006_compact_snapshots",
        sqlite: """
            CREATE TABLE providers (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE
            );
            INSERT INTO providers (name) SELECT DISTINCT provider FROM snapshots ORDER BY provider;
            CREATE TABLE snapshots_compact (
                video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                taken_at INTEGER NOT NULL,
                views INTEGER,
                likes INTEGER,
                comments INTEGER,
                shares INTEGER,
                saves INTEGER,
                provider_id INTEGER NOT NULL,
                PRIMARY KEY (video_id, taken_at)
            ) WITHOUT ROWID;
            INSERT INTO snapshots_compact
                SELECT s.video_id, s.taken_at, s.views, s.likes, s.comments, s.shares, s.saves, p.id
                FROM snapshots s JOIN providers p ON p.name = s.provider;
            DROP TABLE snapshots;
            ALTER TABLE snapshots_compact RENAME TO snapshots;
            """,
        postgres: "")

    /// Webhook endpoints, the event outbox (written in the transaction of the change it
    /// reports) and one delivery per event and endpoint, leased like videos.
    static let webhooks = SchemaMigration(
        id: "004_webhooks",
        sqlite: """
            CREATE TABLE webhook_endpoints (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                url TEXT NOT NULL,
                description TEXT,
                events TEXT NOT NULL,
                secret TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                disabled_reason TEXT,
                failing_since INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX webhook_endpoints_account ON webhook_endpoints(account_id, enabled);
            CREATE TABLE webhook_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                type TEXT NOT NULL,
                tracking_id TEXT,
                video_id INTEGER,
                taken_at INTEGER,
                created_at INTEGER NOT NULL,
                fanned_out INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX webhook_events_new ON webhook_events(id) WHERE fanned_out = 0;
            CREATE TABLE webhook_deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id INTEGER NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER,
                lease_until INTEGER,
                last_status_code INTEGER,
                last_error TEXT,
                last_latency_ms INTEGER,
                created_at INTEGER NOT NULL,
                delivered_at INTEGER,
                UNIQUE (event_id, endpoint_id)
            );
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
            CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);
            """,
        postgres: """
            CREATE TABLE webhook_endpoints (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                url TEXT NOT NULL,
                description TEXT,
                events TEXT NOT NULL,
                secret TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                disabled_reason TEXT,
                failing_since BIGINT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX webhook_endpoints_account ON webhook_endpoints(account_id, enabled);
            CREATE TABLE webhook_events (
                id BIGSERIAL PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                type TEXT NOT NULL,
                tracking_id TEXT,
                video_id BIGINT,
                taken_at BIGINT,
                created_at BIGINT NOT NULL,
                fanned_out INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX webhook_events_new ON webhook_events(id) WHERE fanned_out = 0;
            CREATE TABLE webhook_deliveries (
                id BIGSERIAL PRIMARY KEY,
                event_id BIGINT NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT,
                lease_until BIGINT,
                last_status_code INTEGER,
                last_error TEXT,
                last_latency_ms INTEGER,
                created_at BIGINT NOT NULL,
                delivered_at BIGINT,
                UNIQUE (event_id, endpoint_id)
            );
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
            CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries(endpoint_id, id);
            """)

    /// Plans per account, credit balances with their ledger, and the terms each tracking was
    /// started on. Ledger rows keep no foreign key to trackings: history outlives a deletion.
    static let plansAndCredits = SchemaMigration(
        id: "003_plans_and_credits",
        sqlite: """
            ALTER TABLE accounts ADD COLUMN plan TEXT;
            ALTER TABLE accounts ADD COLUMN balance_micros INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN min_interval_s INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN price_micros INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN estimated_micros INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN charged_micros INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE ledger (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                at INTEGER NOT NULL,
                amount_micros INTEGER NOT NULL,
                balance_after_micros INTEGER NOT NULL,
                kind TEXT NOT NULL,
                tracking_id TEXT,
                note TEXT
            );
            CREATE INDEX ledger_account ON ledger(account_id, id);
            """,
        postgres: """
            ALTER TABLE accounts ADD COLUMN plan TEXT;
            ALTER TABLE accounts ADD COLUMN balance_micros BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN min_interval_s INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN price_micros BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN estimated_micros BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE trackings ADD COLUMN charged_micros BIGINT NOT NULL DEFAULT 0;
            CREATE TABLE ledger (
                id BIGSERIAL PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                at BIGINT NOT NULL,
                amount_micros BIGINT NOT NULL,
                balance_after_micros BIGINT NOT NULL,
                kind TEXT NOT NULL,
                tracking_id TEXT,
                note TEXT
            );
            CREATE INDEX ledger_account ON ledger(account_id, id);
            """)

    /// Token buckets for rate limits shared by every process on the database.
    static let rateBuckets = SchemaMigration(
        id: "002_rate_buckets",
        sqlite: """
            CREATE TABLE rate_buckets (
                bucket TEXT PRIMARY KEY NOT NULL,
                tokens REAL NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """,
        postgres: """
            CREATE TABLE rate_buckets (
                bucket TEXT PRIMARY KEY,
                tokens DOUBLE PRECISION NOT NULL,
                updated_at BIGINT NOT NULL
            );
            """)

    static let initial = SchemaMigration(
        id: "001_initial",
        sqlite: """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL,
                last_used_at INTEGER,
                revoked_at INTEGER
            );
            CREATE INDEX api_keys_account ON api_keys(account_id);
            CREATE INDEX api_keys_prefix ON api_keys(prefix);
            CREATE TABLE videos (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                platform TEXT NOT NULL,
                external_id TEXT NOT NULL,
                canonical_url TEXT NOT NULL,
                title TEXT,
                author TEXT,
                published_at INTEGER,
                thumbnail_url TEXT,
                views INTEGER,
                likes INTEGER,
                comments INTEGER,
                shares INTEGER,
                saves INTEGER,
                last_snapshot_at INTEGER,
                next_check_at INTEGER,
                lease_until INTEGER,
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                unavailable_strikes INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                UNIQUE (platform, external_id)
            );
            CREATE INDEX videos_due ON videos(next_check_at) WHERE next_check_at IS NOT NULL;
            CREATE TABLE trackings (
                id TEXT PRIMARY KEY NOT NULL,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                platform TEXT NOT NULL,
                submitted_url TEXT NOT NULL,
                status TEXT NOT NULL,
                status_reason TEXT,
                window_start INTEGER NOT NULL,
                window_end INTEGER NOT NULL,
                duration_days INTEGER NOT NULL,
                cadence TEXT NOT NULL,
                notes TEXT,
                ended_at INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (account_id, video_id)
            );
            CREATE INDEX trackings_account_created ON trackings(account_id, created_at, id);
            CREATE INDEX trackings_account_platform ON trackings(account_id, platform, created_at, id);
            CREATE INDEX trackings_account_status ON trackings(account_id, status, created_at, id);
            CREATE INDEX trackings_video ON trackings(video_id);
            CREATE TABLE manual_refreshes (
                tracking_id TEXT NOT NULL REFERENCES trackings(id) ON DELETE CASCADE,
                at INTEGER NOT NULL
            );
            CREATE INDEX manual_refreshes_tracking ON manual_refreshes(tracking_id, at);
            CREATE TABLE snapshots (
                video_id INTEGER NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                taken_at INTEGER NOT NULL,
                views INTEGER,
                likes INTEGER,
                comments INTEGER,
                shares INTEGER,
                saves INTEGER,
                provider TEXT NOT NULL,
                PRIMARY KEY (video_id, taken_at)
            ) WITHOUT ROWID;
            """,
        postgres: """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL
            );
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                prefix TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT,
                revoked_at BIGINT
            );
            CREATE INDEX api_keys_account ON api_keys(account_id);
            CREATE INDEX api_keys_prefix ON api_keys(prefix);
            CREATE TABLE videos (
                id BIGSERIAL PRIMARY KEY,
                platform TEXT NOT NULL,
                external_id TEXT NOT NULL,
                canonical_url TEXT NOT NULL,
                title TEXT,
                author TEXT,
                published_at BIGINT,
                thumbnail_url TEXT,
                views BIGINT,
                likes BIGINT,
                comments BIGINT,
                shares BIGINT,
                saves BIGINT,
                last_snapshot_at BIGINT,
                next_check_at BIGINT,
                lease_until BIGINT,
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                unavailable_strikes INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                UNIQUE (platform, external_id)
            );
            CREATE INDEX videos_due ON videos(next_check_at) WHERE next_check_at IS NOT NULL;
            CREATE TABLE trackings (
                id TEXT PRIMARY KEY,
                account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                platform TEXT NOT NULL,
                submitted_url TEXT NOT NULL,
                status TEXT NOT NULL,
                status_reason TEXT,
                window_start BIGINT NOT NULL,
                window_end BIGINT NOT NULL,
                duration_days INTEGER NOT NULL,
                cadence TEXT NOT NULL,
                notes TEXT,
                ended_at BIGINT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (account_id, video_id)
            );
            CREATE INDEX trackings_account_created ON trackings(account_id, created_at, id);
            CREATE INDEX trackings_account_platform ON trackings(account_id, platform, created_at, id);
            CREATE INDEX trackings_account_status ON trackings(account_id, status, created_at, id);
            CREATE INDEX trackings_video ON trackings(video_id);
            CREATE TABLE manual_refreshes (
                tracking_id TEXT NOT NULL REFERENCES trackings(id) ON DELETE CASCADE,
                at BIGINT NOT NULL
            );
            CREATE INDEX manual_refreshes_tracking ON manual_refreshes(tracking_id, at);
            CREATE TABLE snapshots (
                video_id BIGINT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                taken_at BIGINT NOT NULL,
                views BIGINT,
                likes BIGINT,
                comments BIGINT,
                shares BIGINT,
                saves BIGINT,
                provider TEXT NOT NULL,
                PRIMARY KEY (video_id, taken_at)
            );
            """)
}
