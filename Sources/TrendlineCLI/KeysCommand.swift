import ArgumentParser
import Foundation
import TrendlineDomain
import TrendlineCore
import TrendlineRuntime

/// `trendline keys create|list|revoke`.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key; it is printed once, on its own line.")
        @Option(help: "The account the key belongs to.") var account: String
        @Option(help: "A label for the key.") var name: String?
        @Flag(help: "A key that reads and looks up but changes nothing (to give a client who should only see the figures).")
        var readOnly = false
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await StoreOpener.withStore(try await common.settings()) { store in
            let repository = store.repository
            let issued = try await CLIErrors.mapped {
                try await APIKeyService(repository: repository).createKey(accountName: account, name: name, readOnly: readOnly)
            }
            print(issued.secret)
            let kind = readOnly ? "read-only key" : "key"
            FileHandle.standardError.write(Data("\(kind) \(issued.key.prefix)… for account \(account): store it now, it is not shown again\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys: id, prefix, account, name, created, last used, revoked, access.")
        @Option(help: "Only this account's keys.") var account: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await StoreOpener.withStore(try await common.settings()) { store in
            let repository = store.repository
            let accounts = Dictionary(uniqueKeysWithValues: try await repository.listAccounts().map { ($0.id, $0.name) })
            var accountID: UUID?
            if let account {
                guard let found = try await repository.account(named: account) else {
                    throw ValidationError(AdminError.unknownAccount(account).description)
                }
                accountID = found.id
            }
            print(["id", "prefix", "account", "name", "created", "last_used", "revoked", "access"].joined(separator: "\t"))
            for key in try await repository.listKeys(accountID: accountID) {
                let fields = [
                    UUIDText.lowercase(key.id), key.prefix, accounts[key.accountID] ?? "?", key.name,
                    key.createdAt.formatted(.iso8601), key.lastUsedAt?.formatted(.iso8601) ?? "-",
                    key.revokedAt?.formatted(.iso8601) ?? "-", key.readOnly ? "read-only" : "full",
                ]
                print(fields.joined(separator: "\t"))
            }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id or prefix.")
        @Argument(help: "The key's id or prefix (as `keys list` shows).") var key: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await StoreOpener.withStore(try await common.settings()) { store in
            let repository = store.repository
            guard let revoked = try await CLIErrors.mapped({ try await repository.revokeKey(idOrPrefix: key, at: WallClock.system.now) }) else {
                throw ValidationError(AdminError.unknownKey(key).description)
            }
            print("revoked key \(revoked.prefix) (\(UUIDText.lowercase(revoked.id)))")
            }
        }
    }
}
