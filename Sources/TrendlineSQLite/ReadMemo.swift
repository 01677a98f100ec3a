import Foundation
import TrendlineDomain
import TrendlineStore

/// The rows one request connection has read for the API's per-request reads (a key with its
/// account, a tracked video), kept only while the database is unchanged.
///
/// SQLite's `PRAGMA data_version` answers, on a connection, a number that changes whenever any
/// other connection has committed since the connection last asked: this process's writer (the
/// API's own writes, an in-process worker) and every other process on the file (a worker, the
/// CLI revoking a key). The connection asks before each remembered read (1.2 µs in C here,
/// against 19 µs for reading and decoding a tracked video's 41 columns) and forgets everything
/// when the answer moved. A remembered row is therefore never older than the newest commit, so
/// reads stay as fresh as they were without the memo. It pays off between commits, which on a
/// busy file come every few milliseconds and on most files far less often.
///
/// Only rows that exist are kept (an unknown key or id is read each time), at most
/// ``capacity`` per kind; when a kind is full, it starts over empty.
struct ReadMemo {
    /// The `data_version` the kept rows were read under; nil before the first read.
    private(set) var dataVersion: Int64?
    /// A key's row with its account's, by the key's hash.
    var keys: [String: (key: APIKey, account: Account)] = [:]
    var trackedVideos: [TrackedVideoKey: TrackedVideo] = [:]

    static let capacity = 1024

    /// Forgets every kept row unless `version` is the one they were read under.
    mutating func observe(dataVersion version: Int64) {
        guard version != dataVersion else { return }
        dataVersion = version
        keys.removeAll(keepingCapacity: true)
        trackedVideos.removeAll(keepingCapacity: true)
    }

    /// Keeps `value` under `key` in `table`; a full table starts over with `value` alone.
    mutating func remember<Key: Hashable, Value>(_ value: Value, for key: Key, in table: WritableKeyPath<ReadMemo, [Key: Value]>) {
        if self[keyPath: table].count >= Self.capacity { self[keyPath: table].removeAll(keepingCapacity: true) }
        self[keyPath: table][key] = value
    }

    /// What names a tracked video in a request: the tracking and the account asking.
    struct TrackedVideoKey: Hashable {
        let trackingID: UUID
        let accountID: UUID
    }
}
