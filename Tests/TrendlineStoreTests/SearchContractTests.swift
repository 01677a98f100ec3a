import Foundation
import Testing
import TrendlineDomain
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
        if backend.name == "sqlite" {
            // SQLite's LIKE folds ASCII letters only; the store compares Swift-lowercased text.
            // (PostgreSQL's ILIKE folds as the database's locale does: all letters under
            // C.UTF-8 or a language's locale, ASCII only under C.)
            #expect(try await found("école привет zoË") == ["accents"], "any case, beyond ASCII too")
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
