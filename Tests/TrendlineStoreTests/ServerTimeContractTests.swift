import Foundation
import Testing
import TrendlineStore

/// The database server's clock, which nodes sharing it are measured against: PostgreSQL's is
/// read (here on this machine, so within moments of ours); SQLite has none but this machine's.
struct ServerTimeContractTests {
    @Test(arguments: StoreBackend.all)
    func theServersClockIsReadWhereThereIsOne(_ backend: StoreBackend) async throws {
        let store = try await backend.make()
        let before = Date()
        let server = try await store.serverTime()
        let after = Date()
        switch backend.name {
        case "sqlite":
            #expect(server == nil)
        default:
            let time = try #require(server)
            #expect(time >= before.addingTimeInterval(-5) && time <= after.addingTimeInterval(5), "\(time) read between \(before) and \(after)")
            let later = try #require(try await store.serverTime())
            #expect(later >= time, "read anew, not the transaction's start")
        }
    }
}
