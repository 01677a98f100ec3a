import Foundation

/// Foundation's process monitor, made while the process still has file descriptors to make it
/// with. Foundation makes it (a thread with a run loop) at the first `Process.run` of a
/// process; made then with no descriptor left (every one held by client connections, say), it
/// stops the whole process with a trap in `CFRunLoopCreate`, where the run should only fail.
/// Once made, a run with no descriptor left throws ("Too many open files"), which the yt-dlp
/// providers report as a failed check. ``prepare()`` runs a program that does nothing, once.
public enum ProcessMonitor {
    private static let prepared: Bool = {
        let candidates: [(path: String, arguments: [String])] = [
            ("/bin/true", []), ("/usr/bin/true", []), ("/proc/self/exe", ["--version"]),
        ]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate.path)
            process.arguments = candidate.arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
                process.waitUntilExit()
                return true
            } catch {
                continue
            }
        }
        return false
    }()

    /// Makes the monitor, once per process; whether a program could be run for it.
    @discardableResult
    public static func prepare() -> Bool { prepared }
}
