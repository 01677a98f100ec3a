import Foundation
import Logging
import PostgresNIO
import Testing
import TrendlineDomain
import TrendlinePostgres
import TrendlineStore

/// `GET /v1/videos?q=`: every word in the title, the author or the notes, ignoring case, on
/// every backend.
struct SearchContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test(arguments: StoreBackend.all)
    func everyWordIsFoundInTheTitleTheAuthorOrTheNotes(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let other = try await store.createAccount(name: "brand", at: Self.t0)
        let videos: [(name: String, title: String?, author: String?, notes: String?)] = [
            ("launch", "Nike Air launch day", "nikestore", nil),
            ("review", "Honest review", "Sneaker_Head", "sponsored by Nike"),
            ("percent", "100% cotton", "maker", nil),
            ("plain", "Morning routine", "daily_vlog", nil),
            ("accents", "École de danse: ПРИВЕТ", "Zoë", nil),
            ("bare", nil, nil, nil),
        ]
        var ids: [UUID: String] = [:]
        for (index, video) in videos.enumerated() {
            let url = VideoURL(platform: .youtube, externalID: "srch\(index)xxxxxx".prefix(11).description, canonicalURL: "https://youtu.be/srch\(index)")
            let item = try #require(try await store.track(
                [NewTracking(accountID: account.id, video: url, submittedURL: url.canonicalURL, duration: .default, cadence: .hourly, notes: video.notes)],
                at: Self.t0.addingTimeInterval(Double(index)))[0].trackedVideo)
            ids[item.tracking.id] = video.name
            if video.title != nil || video.author != nil {
                let at = Self.t0.addingTimeInterval(3_600)
                try await store.recordSnapshot(
                    Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: Int64(100 * (index + 1))), provider: "t"),
                    metadata: VideoMetadata(title: video.title, author: video.author), at: at)
            }
        }
        // Another account's video with the same words is never found here.
        let theirs = VideoURL(platform: .youtube, externalID: "srchTHEIRSx", canonicalURL: "https://youtu.be/srchTHEIRSx")
        _ = try await store.track([NewTracking(accountID: other.id, video: theirs, submittedURL: theirs.canonicalURL, duration: .default, cadence: .hourly, notes: "nike")], at: Self.t0)

        func found(_ text: String, order: TrackingOrder = .newest, limit: Int = 10) async throws -> [String] {
            var names: [String] = []
            var page = PageRequest(limit: limit)
            while true {
                let result = try await store.listTrackedVideos(
                    accountID: account.id, filter: TrackingFilter(order: order, search: SearchWords.parse(text).words), page: page, at: Self.t0.addingTimeInterval(7_200))
                names += result.items.map { ids[$0.tracking.id] ?? "?" }
                guard let next = result.next else { return names }
                page = PageRequest(limit: limit, after: next)
            }
        }
        #expect(try await found("nike") == ["review", "launch"], "the title of one, the notes of the other; newest first")
        #expect(try await found("NIKE launch") == ["launch"], "every word, in any field, any case")
        #expect(try await found("sneaker_head") == ["review"], "the author")
        #expect(try await found("s_eaker") == [], "_ is a letter, not a wildcard")
        #expect(try await found("100%") == ["percent"], "% is a letter, not a wildcard")
        #expect(try await found("%") == ["percent"])
        #expect(try await found("nike", order: .views, limit: 1) == ["review", "launch"], "with a sort, page by page")
        #expect(try await found("nothing-like-this").isEmpty)
        #expect(try await found("   ").count == videos.count, "a blank search narrows nothing")
        #expect(try await found("École ПРИВЕТ") == ["accents"], "letters beyond ASCII, as written")
        // SQLite's LIKE folds ASCII letters only (the store compares Swift-lowercased text), and
        // PostgreSQL's ILIKE only ASCII letters under the C locale (it compares under ICU's).
        #expect(try await found("école привет zoË") == ["accents"], "any case, beyond ASCII too")
    }

    /// A PostgreSQL database made with the C locale, whose `ILIKE` folds ASCII letters only,
    /// still finds "École" by "école" (it did not before the search compared under ICU).
    @Test func letterCaseBeyondASCIIIsFoldedOnAPostgreSQLDatabaseOfTheCLocale() async throws {
        guard let url = StoreBackend.postgresURL else {
            print("note: TRENDLINE_TEST_POSTGRES_URL is not set: the C-locale search test is skipped")
            return
        }
        let database = "trendline_test_c_locale"
        let server = try PostgresURL(url)
        var logger = Logger(label: "test.postgres")
        logger.logLevel = .critical
        let admin = PostgresClient(configuration: try server.configuration(maximumConnections: 1), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            defer { group.cancelAll() }
            let rows = try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(database)", logger: logger)
            var exists = false
            for try await _ in rows { exists = true }
            if !exists {
                do {
                    try await admin.query("CREATE DATABASE \(unescaped: database) LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0", logger: logger)
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42P04" {
                    // Made meanwhile by another run of this test.
                }
            }
        }
        var target = URLComponents(string: url)!
        target.path = "/" + database
        let store = try await makePostgresStore(url: target.string!)
        let account = try await store.createAccount(name: "agency", at: Self.t0)
        let url0 = VideoURL(platform: .youtube, externalID: "srchCLOCALE", canonicalURL: "https://youtu.be/srchCLOCALE")
        let item = try #require(try await store.track(
            [NewTracking(accountID: account.id, video: url0, submittedURL: url0.canonicalURL, duration: .default, cadence: .hourly, notes: "Été")],
            at: Self.t0)[0].trackedVideo)
        let at = Self.t0.addingTimeInterval(3_600)
        try await store.recordSnapshot(
            Snapshot(videoID: item.video.id, takenAt: at, counts: Counts(views: 1), provider: "t"),
            metadata: VideoMetadata(title: "École de danse: ПРИВЕТ", author: "Zoë"), at: at)
        for text in ["école", "ПРИВЕТ привет", "ZOË", "été"] {
            let result = try await store.listTrackedVideos(
                accountID: account.id, filter: TrackingFilter(search: SearchWords.parse(text).words), page: PageRequest(limit: 10), at: at)
            #expect(result.items.map(\.tracking.id) == [item.tracking.id], "\(text)")
        }
    }

    @Test func searchTextIsCheckedAndSplitIntoWords() {
        #expect(SearchWords.parse("  nike   air\tlaunch ").words == ["nike", "air", "launch"])
        #expect(SearchWords.parse("").words.isEmpty && SearchWords.parse("").problem == nil)
        #expect(SearchWords.parse(String(repeating: "a", count: 201)).problem != nil)
        #expect(SearchWords.parse((1...11).map(String.init).joined(separator: " ")).problem != nil)
        #expect(SearchWords.parse("a\u{0}b").problem != nil)
        #expect(SearchWords.likePattern("100%_\\x") == "%100\\%\\_\\\\x%")
    }
}
