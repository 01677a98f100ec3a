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
}
