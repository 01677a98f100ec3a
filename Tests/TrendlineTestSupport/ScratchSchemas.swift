import Foundation
import Logging
import PostgresNIO
import Synchronization
import TrendlinePostgres

/// Throwaway PostgreSQL schemas for the tests, one per store. Each name carries its creation
/// time (`t_<unix seconds>_<random>`), and before a test process makes its first one it drops
/// the schemas earlier runs left behind more than ``staleAfter`` ago: a developer's long-lived
/// server does not fill up with test schemas (CI's server is thrown away anyway). A run in
/// progress is never swept, its schemas being younger than that. Names without a time (from
/// before, `t_<32 hex>`) are left alone: their age is unknown, and one may be in use.
public enum ScratchSchemas {
    /// Longer than any test run.
    public static let staleAfter: TimeInterval = 6 * 3600

    /// A new schema name: `prefix` (`t` for stores, `m` for the data-copy tests), the time, and
    /// random hex.
    public static func newName(_ prefix: String, now: Date = Date()) -> String {
        let random = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        return "\(prefix)_\(Int(now.timeIntervalSince1970))_\(random)"
    }

    /// Whether `name` is a test schema an earlier run left behind.
    public static func isLeftOver(_ name: String, now: Date) -> Bool {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard let prefix = parts.first, ["t", "m"].contains(prefix), parts.dropFirst().allSatisfy({ $0.allSatisfy(\.isHexDigit) && !$0.isEmpty }) else {
            return false
        }
        guard parts.count == 3, parts[1].allSatisfy(\.isNumber), let made = TimeInterval(parts[1]) else { return false }
        return now.timeIntervalSince1970 - made > staleAfter
    }

    /// Creates `schema` through `client`, having swept left-over schemas once in this process.
    public static func create(_ schema: String, url: String, on client: PostgresClient, logger: Logger) async throws {
        await sweepOnce(url: url, logger: logger)
        try await client.query("CREATE SCHEMA \(unescaped: schema)", logger: logger)
    }

    private static let sweeping = Mutex<Task<Void, Never>?>(nil)

    static func sweepOnce(url: String, logger: Logger) async {
        let sweep = sweeping.withLock { running in
            if let running { return running }
            let task = Task { await Self.sweep(url: url, logger: logger) }
            running = task
            return task
        }
        await sweep.value
    }

    /// Drops the left-over schemas; failures are ignored (another process may sweep at once).
    static func sweep(url: String, logger: Logger) async {
        guard let configuration = try? PostgresURL(url).configuration(maximumConnections: 1) else { return }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        let now = Date()
        guard let names = try? await client.query("SELECT nspname FROM pg_namespace", logger: logger).collect().map({ try $0.decode(String.self) }) else { return }
        for name in names where isLeftOver(name, now: now) {
            _ = try? await client.query("DROP SCHEMA IF EXISTS \(unescaped: name) CASCADE", logger: logger)
        }
    }
}
