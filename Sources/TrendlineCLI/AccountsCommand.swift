import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineRuntime

/// `trendline accounts create|list`.
struct Accounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage accounts (the owners of keys and tracked videos).",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")
        @Argument(help: "Account name: letters, digits, '-', '_' or '.'.") var name: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await StoreOpener.withStore(try await common.settings()) { store in
            let repository = store.repository
            let account = try await CLIErrors.mapped { try await AccountService(repository: repository).create(name: name) }
            print("created account \(account.name) (\(account.id.uuidString.lowercased()))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await StoreOpener.withStore(try await common.settings()) { store in
            let repository = store.repository
            for account in try await AccountService(repository: repository).list() {
                print("\(account.name)\t\(account.id.uuidString.lowercased())\t\(account.createdAt.formatted(.iso8601))")
            }
            }
        }
    }
}

/// Turns domain errors into clean command-line errors instead of stack dumps.
enum CLIErrors {
    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AdminError {
            throw ValidationError(error.description)
        } catch let error as TrendlineStoreErrorDescribable {
            throw ValidationError(error.cliDescription)
        }
    }
}
