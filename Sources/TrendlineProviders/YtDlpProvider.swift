import Foundation
import TrendlineDomain

/// yt-dlp (`yt-dlp -J --skip-download URL`) as a subprocess with a timeout: the provider for
/// Facebook and LinkedIn and the fallback for the others. When yt-dlp is not installed it says
/// so in its failures and in `unavailableReason()`; nothing crashes.
public struct YtDlpProvider: StatsProvider {
    public let name = "yt-dlp"
    public let platform: Platform
    public let batchSize = 1
    let command: YtDlpCommand

    public init(platform: Platform, executable: String = "yt-dlp", timeout: TimeInterval = 60, environment: [String: String] = [:]) {
        self.platform = platform
        self.command = YtDlpCommand(executable: executable, timeout: timeout, environment: environment)
    }

    public func unavailableReason() -> String? { command.missingReason }

    public func fetch(_ videos: [VideoURL]) async -> [String: Result<VideoStats, ProviderFailure>] {
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for video in videos {
            switch await command.run(["-J", "--skip-download", "--no-warnings", "--no-playlist", video.canonicalURL]) {
            case .printed(let json): results[video.externalID] = YtDlpParser.parse(json, externalID: video.externalID)
            case .refused(let stderr): results[video.externalID] = .failure(YtDlpParser.failure(fromStderr: stderr))
            case .failed(let failure): results[video.externalID] = .failure(failure)
            }
        }
        return results
    }
}
