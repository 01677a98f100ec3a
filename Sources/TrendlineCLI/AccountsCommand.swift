import ArgumentParser
import Foundation
import TrendlineCore
import TrendlineDomain
import TrendlineRuntime
import TrendlineStore

/// `trendline accounts create|list|plan|credit|ledger|delete`.
struct Accounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage accounts (the owners of keys and tracked videos), their plans and credit.",
        subcommands: [Create.self, List.self, AssignPlan.self, Credit.self, Ledger.self, Delete.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")
        @Argument(help: "Account name: letters, digits, '-', '_' or '.'.") var name: String
        @Option(help: "A plan from the config (default: the config's default plan).") var plan: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let settings = try await common.settings()
            try await StoreOpener.withStore(settings) { store in
            let service = AccountService(repository: store.repository)
            if let plan, settings.plans.plans[plan] == nil {
                throw ValidationError(AdminError.unknownPlan(plan, known: settings.plans.plans.keys.sorted()).description)
            }
            var account = try await CLIErrors.mapped { try await service.create(name: name) }
            if let plan { account = try await CLIErrors.mapped { try await service.assignPlan(plan, toAccount: name, catalog: settings.plans) } }
            print("created account \(account.name) (\(UUIDText.lowercase(account.id))) on plan \(settings.plans.plan(named: account.plan).name)")
            }
        }
    }

    struct AssignPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "plan", abstract: "Assign a plan from the config to an account.")
        @Argument(help: "Account name.") var name: String
        @Argument(help: "Plan name, or 'default' for the config's default plan.") var plan: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let settings = try await common.settings()
            try await StoreOpener.withStore(settings) { store in
            let assigned = plan == "default" ? nil : plan
            let account = try await CLIErrors.mapped {
                try await AccountService(repository: store.repository).assignPlan(assigned, toAccount: name, catalog: settings.plans)
            }
            print("\(account.name) is on plan \(settings.plans.plan(named: account.plan).name)")
            }
        }
    }

    struct Credit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add credit to an account (a negative amount takes some back).")
        @Argument(help: "Account name.") var name: String
        @Argument(help: "Amount in dollars, e.g. 10 or 2.52; negative (after --) to take back.") var amount: String
        @Option(help: "Why, kept in the ledger.") var note: String?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let money = Money(decimal: amount) else { throw ValidationError(AdminError.invalidAmount(amount).description) }
            try await StoreOpener.withStore(try await common.settings()) { store in
            let entry = try await CLIErrors.mapped {
                try await AccountService(repository: store.repository).credit(account: name, amount: money, note: note)
            }
            print("\(name): \(entry.amount.micros >= 0 ? "+" : "")\(entry.amount) -> balance \(entry.balanceAfter)")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an account with its keys, trackings, creators, webhooks and ledger (videos other accounts track keep their history).",
            discussion: "There is no undo: take a `trendline backup` first.")
        @Argument(help: "Account name.") var name: String
        @Flag(help: "Confirm: without it nothing is deleted.") var yes = false
        @OptionGroup var common: CommonOptions

        func validate() throws {
            guard yes else { throw ValidationError("deleting '\(name)' cannot be undone; add --yes to confirm") }
        }

        func run() async throws {
            let deletion = try await StoreOpener.withStore(try await common.settings()) { store in
                try await CLIErrors.mapped { try await AccountService(repository: store.repository).delete(account: name) }
            }
            print("deleted account \(name): \(deletion.trackings) trackings; \(deletion.videosDeleted) videos no other account tracked, with their snapshots")
        }
    }

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an account's balance and newest ledger rows.")
        @Argument(help: "Account name.") var name: String
        @Option(help: "Rows to show.") var limit: Int = 20
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await StoreOpener.withStore(try await common.settings()) { store in
            let (account, entries) = try await CLIErrors.mapped {
                try await AccountService(repository: store.repository).ledger(account: name, limit: limit)
            }
            print("\(account.name): balance \(account.balance)")
            for entry in entries {
                let tracking = entry.trackingID.map { " video \($0.uuidString.lowercased())" } ?? ""
                print("\(entry.at.formatted(.iso8601))\t\(entry.kind.rawValue)\t\(entry.amount)\t\(entry.balanceAfter)\(tracking)\(entry.note.map { "\t\($0)" } ?? "")")
            }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let settings = try await common.settings()
            let plans = settings.plans
            try await StoreOpener.withStore(settings) { store in
            let repository = store.repository
            for account in try await AccountService(repository: repository).list() {
                print("\(account.name)\t\(UUIDText.lowercase(account.id))\t\(account.createdAt.formatted(.iso8601))\tplan \(plans.plan(named: account.plan).name)\tbalance \(account.balance)")
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
        } catch let error as StoreError {
            throw ValidationError(error.description)
        }
    }
}
