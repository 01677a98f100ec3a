import Foundation
import Subprocess
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Why a program could not be run, in words: swift-subprocess reports the system's error
/// (`Errno`) inside its own, whose text is written for a programmer ("Failed to launch the new
/// process. Underlying error: ..."). Running out of descriptors says what to raise.
enum SpawnFailure {
    static func reason(_ error: any Error) -> String {
        if let failure = error as? SubprocessError {
            // Its own text names the path: "Executable "..." is not found or cannot be executed."
            if failure.code == .executableNotFound { return "\(failure)" }
            if let system = failure.underlyingError { return reason(errno: system.rawValue) }
            return "\(failure)"
        }
        if let system = error as? Errno { return reason(errno: system.rawValue) }
        return "\(error)"
    }

    static func reason(errno code: Int32) -> String {
        if code == EMFILE || code == ENFILE {
            return "the process has no file descriptors left (too many open connections; raise its limit: ulimit -n, or LimitNOFILE= in a systemd unit)"
        }
        return String(cString: strerror(code))
    }

    /// Whether `error` is a program printing more than a run keeps (`ProgramRun`'s limits).
    static func isOutputLimit(_ error: any Error) -> Bool {
        (error as? SubprocessError)?.code == .outputLimitExceeded
    }
}
