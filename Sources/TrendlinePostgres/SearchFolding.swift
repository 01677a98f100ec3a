import Logging
import PostgresNIO
import Synchronization

/// How the video search compares letters of any case on this server. `ILIKE` folds case as
/// the database's locale (`LC_CTYPE`) does: every letter under `C.UTF-8` or a language's locale,
/// ASCII only under `C`, where "école" did not find "École" (SQLite's search does). Compared under
/// the ICU root collation (`und-x-icu`, on every server built with ICU: Debian's packages, the
/// official images, the managed services), every letter folds whatever the locale; a server
/// without ICU keeps its locale's folding. The server is asked once per repository.
final class SearchFolding: Sendable {
    static let collation = "und-x-icu"
    private let available = Mutex<Bool?>(nil)

    /// What follows a column in the search's condition: ` COLLATE "und-x-icu"`, or nothing on
    /// a server without it.
    func columnSuffix(_ client: PostgresClient, logger: Logger) async throws -> String {
        try await isAvailable(client, logger: logger) ? " COLLATE \"\(Self.collation)\"" : ""
    }

    private func isAvailable(_ client: PostgresClient, logger: Logger) async throws -> Bool {
        if let known = available.withLock({ $0 }) { return known }
        var found = false
        for try await _ in try await client.query("SELECT collname FROM pg_collation WHERE collname = \(Self.collation)", logger: logger) {
            found = true
        }
        available.withLock { [found] in $0 = found }
        return found
    }
}
