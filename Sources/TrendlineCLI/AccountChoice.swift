import ArgumentParser
import TrendlineCore
import TrendlineDomain
import TrendlineStore

/// Which account a command acts for: the one named, or the only one there is.
enum AccountChoice {
    static func resolve(_ name: String?, among accounts: [Account]) throws -> Account {
        if let name {
            guard let found = accounts.first(where: { $0.name == name }) else {
                throw ValidationError(AdminError.unknownAccount(name).description)
            }
            return found
        }
        guard accounts.count == 1 else {
            throw ValidationError(accounts.isEmpty
                ? "no account yet: create one with `trendline accounts create NAME`"
                : "several accounts exist: name one with --account")
        }
        return accounts[0]
    }

    /// The account `name` names in `repository`, or the only one there is.
    static func resolve(_ name: String?, in repository: any TrendlineRepository) async throws -> Account {
        try resolve(name, among: try await repository.listAccounts())
    }
}
