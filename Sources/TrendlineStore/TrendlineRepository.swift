import Foundation
import TrendlineDomain

/// Everything Trendline stores, behind one protocol so that SQLite (the embedded default) and
/// PostgreSQL (several nodes) are interchangeable. Every backend runs the same contract tests.
///
/// Rules every implementation keeps:
/// - dates are stored at millisecond precision;
/// - uniqueness (one video per platform and external id, one tracking per account and video,
///   one snapshot per video and instant, unique account names and key hashes) is enforced by
///   the database, so concurrent writers cannot create duplicates;
/// - every multi-row change happens in one transaction.
public protocol TrendlineRepository: WebhookStore, CreatorStore {
    // MARK: Accounts and keys

    /// Creates an account; ``StoreError/conflict(_:)`` when the name is taken.
    func createAccount(name: String, at date: Date) async throws -> Account
    func account(named name: String) async throws -> Account?
    func account(id: UUID) async throws -> Account?
    func listAccounts() async throws -> [Account]
    /// Deletes the account and all it owns (keys, trackings, creators, webhooks, ledger), in one
    /// transaction; a video no other account tracks goes with its snapshots, a video another
    /// account tracks stays with its whole history. `nil` when there is no such account.
    func deleteAccount(id: UUID, at date: Date) async throws -> AccountDeletion?
    /// Assigns a plan by name (`nil`: the default plan); `nil` when there is no such account.
    func setPlan(accountID: UUID, plan: String?) async throws -> Account?

    // MARK: Credits

    /// Adds `amount` (negative to take some back) to the balance and writes the ledger row, in
    /// one transaction. ``StoreError/conflict(_:)`` when the balance would go below zero.
    func addCredit(accountID: UUID, amount: Money, note: String?, at date: Date) async throws -> LedgerEntry
    /// The newest `limit` ledger rows of an account, newest first.
    func ledger(accountID: UUID, limit: Int) async throws -> [LedgerEntry]
    /// Active trackings, balance and holds as of `date`, and snapshots seen since `periodStart`.
    func usage(accountID: UUID, periodStart: Date, at date: Date) async throws -> AccountUsage

    func insertKey(_ key: APIKey) async throws
    /// The key with this hash, revoked or not.
    func key(hash: String) async throws -> APIKey?
    /// The key with this hash (revoked or not) and its account, in one read where the backend
    /// can: every API request asks for both.
    func keyWithAccount(hash: String) async throws -> (key: APIKey, account: Account)?
    /// Keys of one account, or all keys; oldest first.
    func listKeys(accountID: UUID?) async throws -> [APIKey]
    /// Revokes the key whose id or prefix is `idOrPrefix`; returns it, or `nil` if none matches.
    /// ``StoreError/conflict(_:)`` when a prefix matches several keys.
    func revokeKey(idOrPrefix: String, at date: Date) async throws -> APIKey?
    /// Records use of a key; cheap when called often (writes at most once a minute per key).
    func touchKey(id: UUID, at date: Date) async throws

    // MARK: Trackings

    /// Tracks each request's video for its account in one transaction: creates the shared video
    /// when new, and the tracking unless the account already tracks that video. A new tracking
    /// is refused when it would exceed the request's `maxActiveTrackings`, or when its terms'
    /// estimated cost is more than the balance not already held by the account's running
    /// trackings; the account row is locked first, so concurrent batches see each other.
    func track(_ requests: [NewTracking], at date: Date) async throws -> [TrackOutcome]
    func trackedVideo(id: UUID, accountID: UUID) async throws -> TrackedVideo?
    /// One page of an account's trackings, newest first.
    func listTrackedVideos(accountID: UUID, filter: TrackingFilter, page: PageRequest, at date: Date) async throws -> Page<TrackedVideo>
    /// The account's campaigns (names carried by its listed trackings), newest first.
    func campaigns(accountID: UUID) async throws -> [CampaignSummary]
    /// Gives every tracking and followed creator of the account that carries campaign `name`
    /// the name `newName` instead (`nil`: no campaign), in one transaction; how many of each
    /// changed (both 0 when no one carries `name`).
    func renameCampaign(_ name: String, to newName: String?, accountID: UUID, at date: Date) async throws -> CampaignRename
    /// Applies a status change and/or a notes change; `nil` when the tracking is not the account's.
    func updateTracking(id: UUID, accountID: UUID, change: TrackingChange, at date: Date) async throws -> TrackedVideo?
    /// Gives the tracking the window and cadence of `change` (decided by
    /// `Tracking.changingWindow` from the tracking as it was read) and plans its video's next
    /// check, unless the account's plan refuses it inside the same transaction (see
    /// ``TrackingWindowChangeCheck``); then applies `fields` (as ``updateTracking(id:accountID:change:at:)``)
    /// in that same transaction, so an edit of both is kept whole or not at all. `nil` when the
    /// tracking is not the account's; ``StoreError/conflict(_:)`` when its status is no longer
    /// the one the change was decided from.
    func changeWindow(
        id: UUID, accountID: UUID, change: TrackingWindowChange, maxActiveTrackings: Int?, fields: TrackingChange, at date: Date
    ) async throws -> Result<TrackedVideo, TrackRefusal>?
    /// Deletes the tracking; when no account tracks the video any more, the video and its
    /// snapshots go too. `false` when the tracking is not the account's.
    func deleteTracking(id: UUID, accountID: UUID, at date: Date) async throws -> Bool

    // MARK: Snapshots and the schedule

    /// Snapshots of a video with `range` containing `takenAt`, oldest first, after `cursor`.
    func snapshots(videoID: Int64, in range: ClosedRange<Date>, after cursor: Date?, limit: Int) async throws -> [Snapshot]
    /// The newest snapshot of a video with `range` containing `takenAt`.
    func latestSnapshot(videoID: Int64, in range: ClosedRange<Date>) async throws -> Snapshot?
    /// ``latestSnapshot(videoID:in:)`` of each lookup, in order, in a few reads: a campaign's
    /// report or a list's export asks it of thousands of videos at once.
    func latestSnapshots(_ lookups: [SnapshotLookup]) async throws -> [Snapshot?]
    /// Every snapshot in each lookup's range, oldest first, per lookup in order, in one read: a
    /// campaign's history reads its videos' snapshots some dozens of videos at a time (the
    /// caller bounds how many, and so the memory).
    func snapshotRuns(_ lookups: [SnapshotLookup]) async throws -> [[Snapshot]]
    /// Leases up to `limit` videos due at `date` (next check reached, no live lease), soonest
    /// first, until `leaseUntil`. A lease that expires makes the video claimable again.
    func claimDueVideos(at date: Date, limit: Int, leaseUntil: Date) async throws -> [Video]
    /// Stores each record, in order, in one transaction where the backend can (the worker
    /// stores a provider batch at once, so a commit is paid per batch, not per snapshot). For
    /// each record: appends the snapshot (ignored if one exists at the same instant), updates the
    /// video's latest counts and metadata, plans its next check and clears its lease. A new
    /// snapshot is charged to every monitoring tracking whose terms have a price and whose
    /// window holds it (see ``TrackingTerms/charge(after:balance:)``), each with a ledger row.
    /// A record whose ``SnapshotRecord/lease`` is no longer the video's lease, or whose video was
    /// deleted, writes nothing. Returns, per record, whether its snapshot was new.
    /// (`recordSnapshot(_:metadata:at:)` stores one record without a lease.)
    func recordSnapshots(_ records: [SnapshotRecord], at date: Date) async throws -> [Bool]
    func video(id: Int64) async throws -> Video?
    /// After a failed check: clears the lease, counts the failure, and sets the next check.
    func postponeCheck(videoID: Int64, until: Date, error: String) async throws
    /// The platform says the video is private or gone. The first report schedules a
    /// confirming check at `recheckAt`; the second in a row marks every active tracking of the
    /// video `unavailable` with `reason` and stops its checks. Returns whether it was confirmed.
    @discardableResult
    func reportUnavailable(videoID: Int64, reason: String, recheckAt: Date, at date: Date) async throws -> Bool

    /// Counts a manual refresh of a tracking if fewer than `limit` happened in the 24 hours
    /// before `date` (atomically); returns whether it was allowed.
    func takeManualRefresh(trackingID: UUID, limit: Int, at date: Date) async throws -> Bool

    /// Takes `cost` tokens from the named bucket (created full with `capacity`) if it has them,
    /// atomically across every process on the store; returns the bucket after the attempt.
    func takeRateTokens(bucket: String, capacity: Double, refillPerSecond: Double, cost: Double, at date: Date) async throws -> RateTake

    /// Whether the store answers (for /health).
    func ping() async throws

    /// Why writes fail while reads still work (a full disk), when a write failed so within the
    /// last minute; for /health.
    func writeProblem() async -> String?

    /// The database server's clock, read now; `nil` for a store without a clock of its own
    /// (SQLite runs in this process, on this machine's). Nodes sharing a server set and compare
    /// leases and due times on their own clocks, so how far this node's is from the server's is
    /// worth knowing (`ClockOffset`).
    func serverTime() async throws -> Date?
}

/// Errors a repository reports in terms of the domain rather than the database.
public enum StoreError: Error, Sendable, Equatable {
    /// A uniqueness rule was hit (e.g. an account name already taken).
    case conflict(String)
    /// The stored data cannot be read back (corrupt or from a newer schema).
    case corrupt(String)
    /// The database cannot answer right now (unreachable, or a timeout, deadlock or
    /// serialization failure it rolled back): nothing was changed, and trying again is safe.
    case unavailable(String)
}

extension StoreError: CustomStringConvertible {
    /// The message alone, as a terminal or `/health` shows it.
    public var description: String {
        switch self {
        case .conflict(let message), .corrupt(let message), .unavailable(let message): return message
        }
    }
}
