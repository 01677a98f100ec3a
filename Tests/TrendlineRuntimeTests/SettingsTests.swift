import Foundation
import Logging
import Testing
import TrendlineRuntime

/// Settings come from flags, then TRENDLINE_* variables, then the config file, then defaults.
struct SettingsTests {
    func configFile(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trendline-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func defaults() async throws {
        let settings = try await Settings.resolve(flags: .init(), environment: [:])
        #expect(settings == Settings(host: "127.0.0.1", port: 8080, dataDirectory: "./data", logLevel: .info))
        #expect(settings.databasePath.hasSuffix("data/trendline.sqlite"))
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() async throws {
        let file = try configFile(#"{"host": "0.0.0.0", "port": 7000, "data-dir": "/from/file", "log-level": "debug"}"#)
        let fromFile = try await Settings.resolve(flags: .init(configFile: file), environment: [:])
        #expect(fromFile == Settings(host: "0.0.0.0", port: 7000, dataDirectory: "/from/file", logLevel: .debug))

        let env = ["TRENDLINE_PORT": "7100", "TRENDLINE_DATA_DIR": "/from/env", "TRENDLINE_CONFIG": file]
        let fromEnv = try await Settings.resolve(flags: .init(), environment: env)
        #expect(fromEnv.port == 7100)
        #expect(fromEnv.dataDirectory == "/from/env")
        #expect(fromEnv.host == "0.0.0.0", "the file named by TRENDLINE_CONFIG still supplies the rest")

        let fromFlags = try await Settings.resolve(flags: .init(port: 7200, dataDirectory: "/from/flag"), environment: env)
        #expect(fromFlags.port == 7200)
        #expect(fromFlags.dataDirectory == "/from/flag")
    }

    @Test func badValuesAreErrorsNotSilentDefaults() async throws {
        await #expect(throws: SettingsError.self) { try await Settings.resolve(flags: .init(), environment: ["TRENDLINE_PORT": "eighty"]) }
        await #expect(throws: SettingsError.self) { try await Settings.resolve(flags: .init(port: 70_000), environment: [:]) }
        await #expect(throws: SettingsError.self) { try await Settings.resolve(flags: .init(logLevel: "loud"), environment: [:]) }
        await #expect(throws: SettingsError.missingConfigFile("/no/such/file.json")) {
            try await Settings.resolve(flags: .init(configFile: "/no/such/file.json"), environment: [:])
        }
    }
}
