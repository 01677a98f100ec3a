import Foundation
import TrendlineDomain
import TrendlineStore

/// Creates and lists accounts (the tenants that own keys and trackings).
public struct AccountService: Sendable {
    let repository: any TrendlineRepository
    let clock: WallClock

    public init(repository: any TrendlineRepository, clock: WallClock = .system) {
        self.repository = repository
        self.clock = clock
    }

    /// Creates the account; names are 1-64 of letters, digits, `-`, `_`, `.`.
    public func create(name: String) async throws -> Account {
        let valid = (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0) }
        guard valid else { throw AdminError.invalidAccountName(name) }
        return try await repository.createAccount(name: name, at: clock.now)
    }

    public func list() async throws -> [Account] {
        try await repository.listAccounts()
    }

    /// Assigns the plan named `plan` (it must be in `catalog`), or the default plan for `nil`.
    public func assignPlan(_ plan: String?, toAccount name: String, catalog: PlanCatalog) async throws -> Account {
        if let plan, catalog.plans[plan] == nil {
            throw AdminError.unknownPlan(plan, known: catalog.plans.keys.sorted())
        }
        let account = try await named(name)
        guard let updated = try await repository.setPlan(accountID: account.id, plan: plan) else { throw AdminError.unknownAccount(name) }
        return updated
    }

    /// Adds credit (a negative amount takes some back) and returns the ledger row written.
    public func credit(account name: String, amount: Money, note: String?) async throws -> LedgerEntry {
        guard amount != .zero else { throw AdminError.invalidAmount("0") }
        let account = try await named(name)
        return try await repository.addCredit(accountID: account.id, amount: amount, note: note, at: clock.now)
    }

    /// The account's newest ledger rows.
    public func ledger(account name: String, limit: Int) async throws -> (Account, [LedgerEntry]) {
        let account = try await named(name)
        return (account, try await repository.ledger(accountID: account.id, limit: limit))
    }

    /// Deletes the account and all it owns (``TrendlineRepository/deleteAccount(id:at:)``).
    public func delete(account name: String) async throws -> AccountDeletion {
        let account = try await named(name)
        guard let deletion = try await repository.deleteAccount(id: account.id, at: clock.now) else { throw AdminError.unknownAccount(name) }
        return deletion
    }

    func named(_ name: String) async throws -> Account {
        guard let account = try await repository.account(named: name) else { throw AdminError.unknownAccount(name) }
        return account
    }
}
