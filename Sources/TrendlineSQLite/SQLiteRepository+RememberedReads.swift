import Foundation
import TrendlineDomain
import TrendlineStore

/// The request connections' memos (``RequestReaders``), without reading a table on a miss.
extension SQLiteRepository: RememberedReads {
    public func rememberedKeyWithAccount(hash: String) throws -> (key: APIKey, account: Account)? {
        try requestReaders.remembered(\.keys, key: hash)
    }

    public func rememberedTrackedVideo(id: UUID, accountID: UUID) throws -> TrackedVideo? {
        try requestReaders.remembered(\.trackedVideos, key: ReadMemo.TrackedVideoKey(trackingID: id, accountID: accountID))
    }
}
