import ArgumentParser

/// `trendline`: the command-line front end. Each subcommand only parses its arguments and
/// calls into the library targets.
@main
struct Trendline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trendline",
        abstract: "Track how public social videos perform.",
        version: "0.1.0",
        subcommands: [Serve.self, Worker.self, Migrate.self, Check.self, MigrateData.self, Backup.self, Accounts.self, Keys.self, Track.self, Stats.self, Videos.self, Campaigns.self, Creators.self, Inbox.self, Webhooks.self, MCP.self, Simulate.self, Demo.self]
    )
}
