import Foundation
import Testing
import TrendlineDomain
import TrendlineStore
import TrendlineTestSupport

/// Campaigns (a name on trackings and on followed creators), on every backend.
struct CampaignStoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000.123)

    func newTracking(_ account: Account, _ id: String, campaign: String?, review: ReviewStatus = .directAdd) -> NewTracking {
        let video = VideoURL(platform: .tiktok, externalID: id, canonicalURL: "https://www.tiktok.com/@a/video/\(id)")
        var request = NewTracking.hourly(video, for: account.id)
        request.campaign = campaign
        request.reviewStatus = review
        return request
    }

    func listed(_ store: any TrendlineRepository, _ account: Account, campaign: String) async throws -> [String] {
        try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(campaign: campaign), page: PageRequest(limit: 50), at: Self.t0)
            .items.map(\.video.externalID)
    }

    @Test(arguments: StoreBackend.all)
    func trackingsCarryACampaignThatListsFiltersAndMoves(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        var outcomes: [TrackOutcome] = []
        for (index, (id, campaign)) in [("1", "Spring"), ("2", "Spring"), ("3", "spring"), ("4", nil)].enumerated() {
            outcomes += try await store.track([newTracking(account, id, campaign: campaign)], at: Self.t0.addingTimeInterval(Double(index)))
        }
        let items = outcomes.compactMap(\.trackedVideo)
        #expect(items.map(\.tracking.campaign) == ["Spring", "Spring", "spring", nil])
        #expect(try await store.trackedVideo(id: items[0].tracking.id, accountID: account.id)?.tracking.campaign == "Spring", "read back")
        #expect(try await listed(store, account, campaign: "Spring") == ["2", "1"], "newest first, case kept apart")
        #expect(try await listed(store, account, campaign: "Autumn").isEmpty)

        let summaries = try await store.campaigns(accountID: account.id)
        #expect(summaries.map(\.name) == ["spring", "Spring"], "newest campaign first")
        #expect(summaries.map(\.videos) == [1, 2])
        #expect(summaries.last?.lastAddedAt == Self.t0.addingTimeInterval(1).truncatedToMilliseconds)

        let later = Self.t0.addingTimeInterval(60)
        let moved = try await store.updateTracking(id: items[3].tracking.id, accountID: account.id, change: TrackingChange(campaign: .some("Spring")), at: later)
        #expect(moved?.tracking.campaign == "Spring" && moved?.tracking.updatedAt == later.truncatedToMilliseconds)
        let out = try await store.updateTracking(id: items[0].tracking.id, accountID: account.id, change: TrackingChange(campaign: .some(nil)), at: later)
        #expect(out?.tracking.campaign == nil)
        let kept = try await store.updateTracking(id: items[1].tracking.id, accountID: account.id, change: TrackingChange(notes: .some("n")), at: later)
        #expect(kept?.tracking.campaign == "Spring", "a change without campaign leaves it")
        #expect(try await listed(store, account, campaign: "Spring") == ["4", "2"])

        let again = try await store.track([newTracking(account, "2", campaign: "Other")], at: later)
        guard case .existing(let existing) = again[0] else { Issue.record("tracked twice"); return }
        #expect(existing.tracking.campaign == "Spring", "tracking again does not move a video")

        let other = try await store.createAccount(name: "b", at: Self.t0)
        #expect(try await store.campaigns(accountID: other.id).isEmpty, "campaigns are the account's own")
        #expect(try await listed(store, other, campaign: "Spring").isEmpty)
    }

    @Test(arguments: StoreBackend.all)
    func excludedVideosLeaveTheCampaignList(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let outcomes = try await store.track([
            newTracking(account, "11", campaign: "Inbox", review: .pendingReview),
            newTracking(account, "12", campaign: "Inbox", review: .pendingReview),
        ], at: Self.t0)
        let items = outcomes.compactMap(\.trackedVideo)
        #expect(try await store.campaigns(accountID: account.id).map(\.videos) == [2], "pending videos are in the campaign")
        _ = try await store.review(trackingIDs: [items[0].tracking.id], accountID: account.id, decision: .exclude, at: Self.t0)
        #expect(try await store.campaigns(accountID: account.id).map(\.videos) == [1])
        _ = try await store.review(trackingIDs: [items[1].tracking.id], accountID: account.id, decision: .exclude, at: Self.t0)
        #expect(try await store.campaigns(accountID: account.id).isEmpty, "a campaign of excluded videos is gone")
    }

    @Test(arguments: StoreBackend.all)
    func aCreatorKeepsTheCampaignOfItsDiscoveredVideos(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let followed = Creator(
            id: UUID(), accountID: account.id, handle: CreatorHandle(platform: .tiktok, username: "c"), mode: .auto,
            discoveryInterval: 6 * 3600, notes: nil, nextCheckAt: Self.t0, createdAt: Self.t0, updatedAt: Self.t0, campaign: "Launch")
        _ = try await store.createCreator(followed, maxCreators: nil)
        #expect(try await store.creator(id: followed.id, accountID: account.id)?.campaign == "Launch")
        let unchanged = try await store.updateCreator(id: followed.id, accountID: account.id, change: CreatorChange(notes: .some("n")), at: Self.t0)
        #expect(unchanged?.campaign == "Launch")
        let moved = try await store.updateCreator(id: followed.id, accountID: account.id, change: CreatorChange(campaign: .some("Summer")), at: Self.t0)
        #expect(moved?.campaign == "Summer")
        let cleared = try await store.updateCreator(id: followed.id, accountID: account.id, change: CreatorChange(campaign: .some(nil)), at: Self.t0)
        #expect(cleared?.campaign == nil)
        #expect(try await store.creators(accountID: account.id).first?.campaign == nil)
    }

    @Test(arguments: StoreBackend.all)
    func aCampaignIsRenamedMergedAndRemovedInOneStep(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "a", at: Self.t0)
        let other = try await store.createAccount(name: "b", at: Self.t0)
        _ = try await store.track([newTracking(account, "21", campaign: "Old"), newTracking(account, "22", campaign: "Old"), newTracking(account, "23", campaign: "Kept")], at: Self.t0)
        _ = try await store.track([newTracking(other, "21", campaign: "Old")], at: Self.t0)
        let followed = Creator(
            id: UUID(), accountID: account.id, handle: CreatorHandle(platform: .tiktok, username: "c"), mode: .auto,
            discoveryInterval: 6 * 3600, notes: nil, nextCheckAt: Self.t0, createdAt: Self.t0, updatedAt: Self.t0, campaign: "Old")
        _ = try await store.createCreator(followed, maxCreators: nil)

        let later = Self.t0.addingTimeInterval(60)
        #expect(try await store.renameCampaign("Old", to: "New", accountID: account.id, at: later) == CampaignRename(trackings: 2, creators: 1))
        #expect(Set(try await listed(store, account, campaign: "New")) == ["22", "21"])
        #expect(try await listed(store, account, campaign: "Old").isEmpty)
        #expect(try await store.creator(id: followed.id, accountID: account.id)?.campaign == "New", "discovery keeps adding to the renamed campaign")
        #expect(try await listed(store, other, campaign: "Old") == ["21"], "another account's campaign of the same name stays")
        #expect(try await store.renameCampaign("Missing", to: "X", accountID: account.id, at: later) == CampaignRename(trackings: 0, creators: 0))

        #expect(try await store.renameCampaign("Kept", to: "New", accountID: account.id, at: later).trackings == 1, "a name in use merges")
        #expect(try await store.campaigns(accountID: account.id).map(\.name) == ["New"])
        #expect(try await store.campaigns(accountID: account.id).first?.videos == 3)

        #expect(try await store.renameCampaign("New", to: nil, accountID: account.id, at: later) == CampaignRename(trackings: 3, creators: 1))
        #expect(try await store.campaigns(accountID: account.id).isEmpty)
        #expect(try await store.creator(id: followed.id, accountID: account.id)?.campaign == nil)
        #expect(try await store.listTrackedVideos(accountID: account.id, filter: TrackingFilter(), page: PageRequest(limit: 10), at: later).items.count == 3, "the videos stay tracked")
    }
}
