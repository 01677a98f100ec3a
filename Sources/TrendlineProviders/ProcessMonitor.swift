import Foundation

/// swift-subprocess's process monitor (an epoll descriptor, an eventfd and a thread) and its
/// reader, made while the process still has file descriptors to make them with. It makes them
/// at the first run of a process; made then with no descriptor left (every one held by client
/// connections, say), the attempt fails and is remembered, so no program could run again until
/// a restart (with Foundation's `Process`, the whole process stopped on a trap instead). Made at
/// start, a run with no descriptor left throws ("Too many open files"), which the yt-dlp
/// providers report as a failed check, and runs work again once descriptors are free.
/// ``prepare()`` runs a program that does nothing, once per process.
public enum ProcessMonitor {
    private static let candidates: [(path: String, arguments: [String])] = [
        ("/bin/true", []), ("/usr/bin/true", []), ("/proc/self/exe", ["--version"]),
    ]

    private static let preparation = Task<Bool, Never> {
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            if let output = try? await ProgramRun.run(candidate.path, arguments: candidate.arguments, timeout: 30), !output.timedOut {
                return true
            }
        }
        return false
    }

    /// Makes the monitor, once per process; whether a program could be run for it.
    @discardableResult
    public static func prepare() async -> Bool { await preparation.value }
}
