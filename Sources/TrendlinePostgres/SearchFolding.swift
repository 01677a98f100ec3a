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
        let known = available.withLock { $0 }
        let found: Bool
        if let known {
            found = known
        } else {
            let rows = try await client.query("SELECT collname FROM pg_collation WHERE collname = \(Self.collation)", logger: logger)
            var any = false
            for try await _ in rows { any = true }
            available.withLock { $0 = any }
            found = any
        }
        return found ? " COLLATE \"\(Self.collation)\"" : ""
    }
}
