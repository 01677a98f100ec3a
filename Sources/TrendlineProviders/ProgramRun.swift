import Foundation
import Subprocess
import SystemPackage

/// Runs a program with a time limit and bounded output, through swift-subprocess (its own
/// epoll thread waits and reads; no cooperative thread blocks). Past the limit the run is
/// cancelled, which asks the program to stop (SIGTERM) and kills it (SIGKILL) ``killAfter``
/// later: a program that ignores SIGTERM (a wrapper script's `trap`) held its call, and the
/// worker's round, forever.
enum ProgramRun {
    /// How long a program has to stop after SIGTERM.
    static let killAfter: Duration = .seconds(5)
    /// The most standard output a run keeps by default; more is an error, not a cut answer.
    static let maximumOutput = 16 << 20
    /// The most standard error a run keeps; more is an error too.
    static let maximumErrorOutput = 1 << 20

    struct Output: Sendable {
        /// The exit status, or 128 plus the signal that ended it (as a shell reports it).
        var status: Int32
        var stdout: Data
        var stderr: Data
        var timedOut: Bool
    }

    /// Runs `executable` (a path) with `environment` added to this process's. Throws when it
    /// cannot be started or prints more than `maximumOutput` bytes (`SubprocessError`; see
    /// ``SpawnFailure``); a program past `timeout` is stopped and answered as `timedOut`.
    ///
    /// The caller's cancellation does not stop the program (the run is a task of its own): a
    /// worker told to stop keeps the answer a run already started for, as it keeps an HTTP
    /// answer in flight; the time limit still holds.
    static func run(_ executable: String, arguments: [String], timeout: TimeInterval, environment: [String: String] = [:], maximumOutput: Int = ProgramRun.maximumOutput) async throws -> Output {
        try await Task {
            try await limited(executable, arguments: arguments, timeout: timeout, environment: environment, maximumOutput: maximumOutput)
        }.value
    }

    private static func limited(_ executable: String, arguments: [String], timeout: TimeInterval, environment: [String: String], maximumOutput: Int) async throws -> Output {
        try await withThrowingTaskGroup(of: Output?.self) { group in
            group.addTask {
                var options = PlatformOptions()
                options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: killAfter)]
                var added: [Environment.Key: String?] = [:]
                for (name, value) in environment {
                    if let key = Environment.Key(rawValue: name) { added[key] = value }
                }
                let result = try await Subprocess.run(
                    .path(FilePath(executable)), arguments: Arguments(arguments), environment: .inherit.updating(added), platformOptions: options,
                    input: .none, output: .bytes(limit: maximumOutput), error: .bytes(limit: maximumErrorOutput))
                return Output(status: result.terminationStatus.shellStatus, stdout: Data(result.standardOutput), stderr: Data(result.standardError), timedOut: false)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(timeout))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            if let finished = first { return finished }
            // The time is up: the cancelled run tears the program down; wait until it is gone.
            _ = try? await group.next()
            return Output(status: -1, stdout: Data(), stderr: Data(), timedOut: true)
        }
    }

    /// The executable's path: as given when it contains a slash, else looked up in PATH.
    static func locate(_ name: String) -> String? {
        let manager = FileManager.default
        if name.contains("/") { return manager.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

extension TerminationStatus {
    var shellStatus: Int32 {
        switch self {
        case .exited(let code): return Int32(code)
        case .signaled(let signal): return 128 + Int32(signal)
        }
    }
}
