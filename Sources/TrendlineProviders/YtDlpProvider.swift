import Foundation
import TrendlineDomain

/// yt-dlp (`yt-dlp -J --skip-download URL`) as a subprocess with a timeout: the provider for
/// Facebook and LinkedIn and the fallback for the others. When yt-dlp is not installed it says
/// so in its failures and in `unavailableReason()`; nothing crashes.
public struct YtDlpProvider: StatsProvider {
    public let name = "yt-dlp"
    public let platform: Platform
    public let batchSize = 1
    /// `yt-dlp`, or a path (TRENDLINE_YTDLP_PATH).
    let executable: String
    let timeout: TimeInterval
    /// Variables added to the subprocess's environment.
    let environment: [String: String]

    public init(platform: Platform, executable: String = "yt-dlp", timeout: TimeInterval = 60, environment: [String: String] = [:]) {
        self.platform = platform
        self.executable = executable
        self.timeout = timeout
        self.environment = environment
    }

    public func unavailableReason() -> String? {
        Subprocess.locate(executable) == nil ? "yt-dlp not found at '\(executable)': install it with `pip install yt-dlp` or set TRENDLINE_YTDLP_PATH" : nil
    }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        guard let path = Subprocess.locate(executable) else { return failAll(videos, .unavailable(unavailableReason()!)) }
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for video in videos {
            do {
                let output = try await Subprocess.run(path, arguments: ["-J", "--skip-download", "--no-warnings", "--no-playlist", video.canonicalURL], timeout: timeout, environment: environment)
                if output.timedOut {
                    results[video.externalID] = .failure(.upstream("yt-dlp took longer than \(Int(timeout)) s"))
                } else if output.status != 0 {
                    results[video.externalID] = .failure(YtDlpParser.failure(fromStderr: String(decoding: output.stderr, as: UTF8.self)))
                } else {
                    results[video.externalID] = YtDlpParser.parse(output.stdout, externalID: video.externalID)
                }
            } catch {
                results[video.externalID] = .failure(.unavailable("yt-dlp could not be started: \(error)"))
            }
        }
        return results
    }
}
