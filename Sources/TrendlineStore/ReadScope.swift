import Synchronization

/// A span of reads made for one purpose (one API request), during which a store may answer
/// remembered rows after a single freshness check instead of one per read.
///
/// SQLite's request reads remember rows per connection while the database is unchanged
/// (`ReadMemo` in TrendlineSQLite), and asking SQLite whether it changed takes and releases a
/// WAL read lock, two `fcntl` calls. A video detail made two such reads (its key, then its
/// tracking), so it asked twice within microseconds. Inside a scope, a connection asked once
/// answers later remembered reads of the same scope without asking again: the request sees the
/// database as of its first read, which is what a request reading in one transaction would see.
/// A read outside any scope (``current`` is 0) always asks.
public enum ReadScope {
    /// The scope reads made now belong to; 0 for none.
    @TaskLocal public static var current: UInt64 = 0

    /// Runs `body` in a new scope.
    public static func run<T>(_ body: () async throws -> T) async rethrows -> T {
        try await $current.withValue(ReadScopeNumbers.shared.next(), operation: body)
    }

    /// Runs `body` in a new scope, synchronously (on a thread outside any task too).
    public static func run<T>(_ body: () throws -> T) rethrows -> T {
        try $current.withValue(ReadScopeNumbers.shared.next(), operation: body)
    }
}

/// Numbers for new scopes, never 0 (for 2^64 - 1 scopes per process).
final class ReadScopeNumbers: Sendable {
    static let shared = ReadScopeNumbers()
    private let last = Atomic<UInt64>(0)

    func next() -> UInt64 {
        let number = last.wrappingAdd(1, ordering: .relaxed).newValue
        return number == 0 ? last.wrappingAdd(1, ordering: .relaxed).newValue : number
    }
}
