import ArgumentParser
import Hummingbird
import Logging
import TrendlineAPI
import TrendlineRuntime
import TrendlineSimulator

/// `trendline simulate --port N`: the platform simulator, for trying Trendline without the
/// platforms. Point TRENDLINE_<PLATFORM>_BASE_URL (all of them) at it.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the local platform simulator (TikTok, YouTube, X, Instagram formats on one port).")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 9900

    func validate() throws {
        try PortArgument.check(port, option: "port")
    }

    func run() async throws {
        DeferredMetadataLogHandler.bootstrap(level: .info)
        let logger = Logger(label: "trendline.simulator")
        let simulator = PlatformSimulator()
        let base = "http://\(host):\(port)"
        let instructions = """
            platform simulator on \(base)
            point Trendline at it:
              export \(["TIKTOK", "YOUTUBE", "X", "INSTAGRAM", "FACEBOOK", "LINKEDIN"].map { "TRENDLINE_\($0)_BASE_URL=\(base)" }.joined(separator: " "))
              export TRENDLINE_YOUTUBE_API_KEYS=sim TRENDLINE_X_BEARER_TOKEN=sim TRENDLINE_INSTAGRAM_SESSION=sim
              export TRENDLINE_YTDLP_PATH=$PWD/scripts/fake-yt-dlp TRENDLINE_SIMULATOR_URL=\(base)
            """
        // Said once it listens, so a port in use is the one line ListenFailure prints, alone.
        let application = simulator.application(host: host, port: port, logger: logger, onRunning: { _ in say(instructions) })
        try await ListenFailure.explained(host: host, port: port) {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        }
    }
}
