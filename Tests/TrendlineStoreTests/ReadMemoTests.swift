import Foundation
import Testing
import TrendlineDomain
import TrendlineStore
import GRDB
import TrendlineTestSupport
@testable import TrendlineSQLite

/// The SQLite request connections answer a repeated read from their memo until any commit;
/// that every commit is seen is in ``RequestReadFreshnessContractTests``.
struct ReadMemoTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    /// Two stores on one new file (as two processes would be), with account "acme" and its key
    /// hashed "h", prefix "p".
    static func twoStoresWithAKey() async throws -> (store: SQLiteRepository, other: SQLiteRepository, account: Account) {
        let directory = try ScratchDirectory.make("tests")
        let path = directory.appendingPathComponent("test.sqlite").path
        let store = try SQLiteRepository(path: path)
        let other = try SQLiteRepository(path: path)
        let account = try await store.createAccount(name: "acme", at: t0)
        try await store.insertKey(APIKey(id: UUID(), accountID: account.id, name: "k", prefix: "p", hash: "h", createdAt: t0))
        return (store, other, account)
    }

    @Test func repeatedReadsComeFromTheMemoUntilACommit() async throws {
        let (store, other, account) = try await Self.twoStoresWithAKey()
        let remembered = { store.requestReaders.rememberedReads }

        // One connection at a time here, so each read after the first finds the same memo.
        #expect(try await store.keyWithAccount(hash: "h") != nil)
        #expect(remembered() == 0)
        #expect(try await store.keyWithAccount(hash: "h")?.account == account)
        #expect(try await store.keyWithAccount(hash: "h") != nil)
        #expect(remembered() == 2)

        _ = try await other.createAccount(name: "another-process", at: Self.t0)
        #expect(try await store.keyWithAccount(hash: "h") != nil)
        #expect(remembered() == 2, "a commit by another connection empties the memo")
        #expect(try await store.keyWithAccount(hash: "h") != nil)
        #expect(remembered() == 3)

        #expect(try await store.keyWithAccount(hash: "unknown") == nil)
        #expect(try await store.keyWithAccount(hash: "unknown") == nil)
        #expect(remembered() == 3, "what is not there is read again each time")
    }

    @Test func readsInOneScopeCheckFreshnessOnce() async throws {
        let (store, other, _) = try await Self.twoStoresWithAKey()
        let checks = { store.requestReaders.freshnessChecks }

        // Outside a scope every remembered read asks SQLite.
        _ = try await store.keyWithAccount(hash: "h")
        _ = try await store.keyWithAccount(hash: "h")
        #expect(checks() == 2)

        // Inside one, the scope's first read asks and the others answer from that.
        try await ReadScope.run { () async throws in
            #expect(try await store.keyWithAccount(hash: "h") != nil)
            #expect(try await store.keyWithAccount(hash: "h") != nil)
            #expect(try await store.keyWithAccount(hash: "h") != nil)
        }
        #expect(checks() == 3)

        // A commit inside a scope after its check shows from the next scope on.
        let revoked = try await ReadScope.run { () async throws -> (Bool?, Bool?) in
            _ = try await store.keyWithAccount(hash: "h")
            #expect(try await other.revokeKey(idOrPrefix: "p", at: Self.t0) != nil)
            let seenInScope = try await store.keyWithAccount(hash: "h")?.key.isRevoked
            let seenAfter = try await ReadScope.run { try await store.keyWithAccount(hash: "h")?.key.isRevoked }
            return (seenInScope, seenAfter)
        }
        #expect(revoked.0 == false, "the scope sees the database as of its first read")
        #expect(revoked.1 == true, "a new scope checks again and sees the commit")
        try await ReadScope.run { () async throws in #expect(try await store.keyWithAccount(hash: "h")?.key.isRevoked == true) }
    }

    @Test func aFullTableStartsOver() {
        var memo = ReadMemo()
        memo.observe(dataVersion: 1)
        let account = Account(id: UUID(), name: "a", createdAt: Self.t0)
        func entry(_ index: Int) -> (key: APIKey, account: Account) {
            (APIKey(id: UUID(), accountID: account.id, name: "k", prefix: "p", hash: "h\(index)", createdAt: Self.t0), account)
        }
        for index in 0..<ReadMemo.capacity { memo.remember(entry(index), for: "h\(index)", in: \.keys) }
        #expect(memo.keys.count == ReadMemo.capacity)
        memo.remember(entry(-1), for: "one more", in: \.keys)
        #expect(memo.keys.count == 1 && memo.keys["one more"] != nil)
        memo.observe(dataVersion: 1)
        #expect(memo.keys.count == 1, "the same version keeps what is kept")
        memo.observe(dataVersion: 2)
        #expect(memo.keys.isEmpty)
    }
}

/// A request read that meets a file locked past the busy timeout is `unavailable` (503), as
/// the pool's reads are, not an unknown database error (500).
struct RequestReadBusyTests {
    @Test func busyAndLockedAreUnavailable() throws {
        for code in [ResultCode.SQLITE_BUSY, .SQLITE_LOCKED] {
            #expect(throws: StoreError.self) {
                try StorePool.mappingUnavailable { () throws -> Int in throw DatabaseError(resultCode: code) }
            }
        }
        #expect(throws: DatabaseError.self, "other errors pass through") {
            try StorePool.mappingUnavailable { () throws -> Int in throw DatabaseError(resultCode: .SQLITE_CORRUPT) }
        }
        #expect(try StorePool.mappingUnavailable { 7 } == 7)
    }
}

/// ``RememberedReads``: the memo alone, answered without reading a table and without waiting.
struct RememberedReadsTests {
    @Test func answersOnlyWhatTheRequestReadsRemembered() async throws {
        let (store, other, account) = try await ReadMemoTests.twoStoresWithAKey()
        #expect(try store.rememberedKeyWithAccount(hash: "h") == nil, "never read: not at hand")
        #expect(try await store.keyWithAccount(hash: "h") != nil)
        #expect(try store.rememberedKeyWithAccount(hash: "h")?.account == account)
        #expect(try store.rememberedKeyWithAccount(hash: "unknown") == nil)
        _ = try await other.createAccount(name: "another-process", at: ReadMemoTests.t0)
        #expect(try store.rememberedKeyWithAccount(hash: "h") == nil, "a commit elsewhere: read again first")
        #expect(store.requestReaders.rememberedReads == 0, "and it never read the table itself")
    }

    @Test func aLockedFileThrowsAtOnceInsteadOfWaiting() throws {
        let (path, locker) = try Self.lockedFile()
        let readers = RequestReaders(path: path)
        #expect(try readers.remembered(\.keys, key: "h") == nil, "no connection yet: none is opened for this")
        #expect(readers.freshnessChecks == 0)
        try Self.unlock(locker)
        _ = try readers.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        try Self.lock(locker)
        let start = Date()
        #expect(throws: StoreError.self) { try readers.remembered(\.keys, key: "h") }
        #expect(Date().timeIntervalSince(start) < 2, "the other request reads wait up to 5 s; this one must not wait")
        try Self.unlock(locker)
        #expect(try readers.remembered(\.keys, key: "h") == nil, "and the connection reads again once the file is free")
        #expect(readers.freshnessChecks == 1)
    }

    @Test func aFileLockedWhileAConnectionOpensIsUnavailable() throws {
        let (path, locker) = try Self.lockedFile()
        // Opening reads the schema, which waits out the busy timeout: a 503, not a 500.
        #expect(throws: StoreError.self) { try RequestReaders(path: path).read { db in try Int.fetchOne(db, sql: "SELECT 1") } }
        try Self.unlock(locker)
    }

    /// A new file in rollback-journal mode, held by an exclusive transaction of `locker`, which
    /// keeps every reader out (in WAL mode, as the store runs, readers are seldom refused; this
    /// is the case the event loop must not wait for).
    static func lockedFile() throws -> (path: String, locker: DatabaseQueue) {
        let path = try ScratchDirectory.file("locked", suffix: ".sqlite")
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: path, configuration: configuration)
        try locker.inDatabase { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        try lock(locker)
        return (path, locker)
    }

    static func lock(_ locker: DatabaseQueue) throws {
        try locker.inDatabase { db in
            try db.execute(sql: "BEGIN EXCLUSIVE TRANSACTION")
            try db.execute(sql: "INSERT INTO t VALUES (1)")
        }
    }

    static func unlock(_ locker: DatabaseQueue) throws {
        try locker.inDatabase { db in try db.execute(sql: "ROLLBACK") }
    }
}
