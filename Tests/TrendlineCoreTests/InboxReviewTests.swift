import Foundation
import Testing
import TrendlineCore
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// The inbox's review decisions (API and CLI) and `trendline inbox`'s lines.
struct InboxReviewTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func eachIdGetsItsOwnResultInOrderAndTheListShowsWhatWaits() async throws {
        let store = try makeTestStore()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        guard case .created(let maker) = try await CreatorService(repository: store, clock: WallClock { Self.t0 }).follow(
            CreatorHandle(platform: .tiktok, username: "maker"), accountID: account.id, mode: .selective, interval: nil, notes: nil, plan: .unlimited)
        else { Issue.record("not followed"); return }
        let requests = ["7500000000000000001", "7500000000000000002", "7500000000000000003"].map { id in
            let video = VideoURL(platform: .tiktok, externalID: id, canonicalURL: "https://www.tiktok.com/@maker/video/\(id)")
            var request = NewTracking.hourly(video, for: account.id)
            if !id.hasSuffix("3") {
                request.reviewStatus = .pendingReview
                request.creatorID = maker.id
                request.metadata = VideoMetadata(title: "take\t\(id.suffix(1))\nwith a line break", publishedAt: Self.t0.addingTimeInterval(-60))
            }
            return request
        }
        let items = try await store.track(requests, at: Self.t0).compactMap(\.trackedVideo)
        let ids = items.map { UUIDText.lowercase($0.tracking.id) }

        let report = StatsReport(repository: store)
        let lines = try await report.inbox(accountID: account.id, at: Self.t0)
        #expect(lines.first == StatsReport.inboxHeader.joined(separator: "\t"))
        let rows = lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 2 && rows.allSatisfy { $0.count == 8 }, "the direct add is not waiting; a title stays on its line: \(lines)")
        #expect(Set(rows.map { $0[0] }) == Set(ids[0...1]))
        let first = try #require(rows.first { $0[0] == ids[0] })
        #expect(first[1] == "tiktok" && first[2] == "maker" && first[3] == TimestampText.string(Self.t0.addingTimeInterval(-60)))
        #expect(first[6] == "take 1 with a line break" && first[7].hasSuffix("/video/7500000000000000001"), "\(first)")

        let review = InboxReview(repository: store, clock: WallClock { Self.t0.addingTimeInterval(60) })
        let included = try await review.review([ids[0], "not-an-id", ids[2], UUID().uuidString], decision: .include, accountID: account.id)
        #expect(included.map(\.done) == ["included", nil, nil, nil])
        #expect(included.map { $0.error?.code } == [nil, "NOT_FOUND", "NOT_PENDING", "NOT_FOUND"], "\(included)")
        #expect(included[0].trackingStatus == .included && included[2].trackingStatus == .directAdd)
        let excluded = try await review.review([" \(ids[1]) "], decision: .exclude, accountID: account.id)
        #expect(excluded.first?.done == "excluded" && excluded.first?.trackingStatus == .excluded, "ids are trimmed: \(excluded)")
        #expect(try await report.inbox(accountID: account.id, at: Self.t0).count == 1, "nothing waits any more")
        let other = try await store.createAccount(name: "other", at: Self.t0)
        #expect(try await review.review([ids[0]], decision: .exclude, accountID: other.id).first?.error?.code == "NOT_FOUND", "another account's video")
    }
}
