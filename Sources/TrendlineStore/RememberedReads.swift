import Foundation
import TrendlineDomain

/// The reads every API request makes, answered on the calling thread from what the store
/// remembers, or not at all.
///
/// A store that keeps recent request reads in memory (SQLite's ``ReadScope``-checked memos)
/// can answer them without suspending and without touching its tables. The API's connections
/// use this to answer a repeated video detail on the event loop that read the request
/// (`ImmediateDetailAnswers` in TrendlineAPI); `nil` means "not at hand", and the caller then
/// reads through ``TrendlineRepository`` as usual, which also remembers what it read. Never
/// reads a table: a freshness check of the memo is the most an answer costs.
public protocol RememberedReads: Sendable {
    /// The key with that hash and its account, when remembered and the store is unchanged since.
    func rememberedKeyWithAccount(hash: String) throws -> (key: APIKey, account: Account)?
    /// The tracking `id` of `accountID` with its video, when remembered and the store is unchanged since.
    func rememberedTrackedVideo(id: UUID, accountID: UUID) throws -> TrackedVideo?
}
