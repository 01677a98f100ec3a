import ArgumentParser
import Foundation
import TrendlineRuntime

/// `trendline check`: a node's set-up, checked without running it (``NodeCheck``).
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check this node's set-up: settings, database (migrated as serve would), clock and providers.",
        discussion: "Exits 1 when something keeps the node from working as it should: a setting, the database, or a clock more than 10 s from PostgreSQL's.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let check = try await NodeCheck.run(try await common.settings())
        for line in check.lines { print(line) }
        for problem in check.problems { FileHandle.standardError.write(Data("problem: \(problem)\n".utf8)) }
        if !check.problems.isEmpty { throw ExitCode(1) }
    }
}
