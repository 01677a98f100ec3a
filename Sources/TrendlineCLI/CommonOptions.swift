import ArgumentParser
import Foundation
import Logging
import TrendlineRuntime

/// Options every command takes. None has a default here, so the environment and the config
/// file can supply them (see ``Settings``).
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Directory holding the SQLite database (env TRENDLINE_DATA_DIR, default ./data).")
    var dataDir: String?

    @Option(name: .long, help: "JSON config file (env TRENDLINE_CONFIG).")
    var config: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (env TRENDLINE_LOG_LEVEL, default info).")
    var logLevel: String?

    @Option(name: .long, help: "postgres://USER@HOST:PORT/DB to use PostgreSQL instead of SQLite (env TRENDLINE_DATABASE_URL).")
    var databaseURL: String?

    /// The settings, or a ``SettingsError`` the CLI prints as `Error: invalid port: ...` and exits
    /// 1 with. Not a `ValidationError`: that printed the command line's usage too, when the
    /// fault was in the environment or the config file.
    func settings(host: String? = nil, port: Int? = nil) async throws -> Settings {
        try await Settings.resolve(flags: .init(host: host, port: port, dataDirectory: dataDir, logLevel: logLevel, configFile: config, databaseURL: databaseURL))
    }
}
