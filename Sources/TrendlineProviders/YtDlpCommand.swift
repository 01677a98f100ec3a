import Foundation

/// yt-dlp as both yt-dlp providers run it: found on PATH or at a path (TRENDLINE_YTDLP_PATH),
/// as a subprocess with a time limit and extra environment. When it is not installed it says
/// so; nothing crashes.
struct YtDlpCommand: Sendable {
    /// `yt-dlp`, or a path.
    let executable: String
    let timeout: TimeInterval
    /// Variables added to the subprocess's environment.
    let environment: [String: String]

    /// What one run came to.
    enum Outcome {
        /// It printed its JSON (exit status 0).
        case printed(Data)
        /// It refused, with its error text (stderr).
        case refused(String)
        /// It could not run or did not finish.
        case failed(ProviderFailure)
    }

    /// Why yt-dlp cannot run here, or `nil` when it is installed.
    var missingReason: String? { ProgramRun.locate(executable) == nil ? notFound : nil }

    private var notFound: String {
        "yt-dlp not found at '\(executable)': install it with `pip install yt-dlp` or set TRENDLINE_YTDLP_PATH"
    }

    /// Runs yt-dlp with `arguments`; a missing executable is a `failed(.unavailable)` outcome,
    /// so callers need not look for it first (one PATH lookup per run).
    func run(_ arguments: [String]) async -> Outcome {
        guard let path = ProgramRun.locate(executable) else { return .failed(.unavailable(notFound)) }
        do {
            let output = try await ProgramRun.run(path, arguments: arguments, timeout: timeout, environment: environment)
            if output.timedOut { return .failed(.upstream("yt-dlp took longer than \(Int(timeout)) s")) }
            guard output.status == 0 else { return .refused(String(decoding: output.stderr, as: UTF8.self)) }
            return .printed(output.stdout)
        } catch where SpawnFailure.isOutputLimit(error) {
            return .failed(.upstream("yt-dlp printed more than \(ProgramRun.maximumOutput >> 20) MB of JSON or \(ProgramRun.maximumErrorOutput >> 20) MB of errors"))
        } catch {
            return .failed(.unavailable("yt-dlp could not be started: \(SpawnFailure.reason(error))"))
        }
    }
}
