import Foundation
import GRDB
import PostgresNIO
import Testing
import TrendlineDomain
import TrendlinePostgres
@testable import TrendlineSQLite
import TrendlineStore
import TrendlineTestSupport

/// The plan's manual refreshes per video per 24 hours, on every backend; the counter keeps only
/// the last day's rows.
struct ManualRefreshContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test(arguments: StoreBackend.all)
    func refreshesAreCountedOverTheLast24HoursAndOlderRowsGo(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let account = try await store.createAccount(name: "acme", at: Self.t0)
        let video = VideoURL(platform: .youtube, externalID: "refreshxxxx", canonicalURL: "https://youtu.be/refreshxxxx")
        let tracking = try #require(try await store.track([.hourly(video, for: account.id)], at: Self.t0)[0].trackedVideo).tracking
        for minutes in [0.0, 10, 20] {
            _ = try await store.takeManualRefresh(trackingID: tracking.id, limit: 2, at: Self.t0.addingTimeInterval(minutes * 60))
        }
        #expect(try await rows(store) == 2, "the third of the day was refused")
        #expect(try await store.takeManualRefresh(trackingID: tracking.id, limit: 2, at: Self.t0.addingTimeInterval(86_399)) == false)
        #expect(try await store.takeManualRefresh(trackingID: tracking.id, limit: 2, at: Self.t0.addingTimeInterval(86_400 + 1)) == true, "the first has aged out")
        #expect(try await rows(store) == 2, "the aged-out row is deleted, the new one kept")
        #expect(try await store.takeManualRefresh(trackingID: tracking.id, limit: 2, at: Self.t0.addingTimeInterval(86_400 + 2)) == false)
    }

    func rows(_ store: any TrendlineRepository) async throws -> Int {
        switch store {
        case let sqlite as SQLiteRepository:
            return try await sqlite.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM manual_refreshes") ?? -1 }
        case let postgres as PostgresRepository:
            return try await postgres.client.query("SELECT COUNT(*) FROM manual_refreshes", logger: .init(label: "test")).collect { try $0.decode(Int.self) }.first ?? -1
        default:
            Issue.record("an unknown backend")
            return -1
        }
    }
}
