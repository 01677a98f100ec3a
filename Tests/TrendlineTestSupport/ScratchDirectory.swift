import Foundation

/// New empty directories for a test's files (SQLite stores, config files), all under one
/// directory per test process, `trendline-tests-<pid>-<uuid>` in the system's temporary
/// directory, which is removed when the process exits. A run of the suite opens hundreds of
/// stores; left behind, they filled /tmp by about 150 MB per `swift test`.
public enum ScratchDirectory {
    /// `<process's directory>/<label>-<uuid>`, so concurrent tests never share one.
    public static func make(_ label: String) throws -> URL {
        let directory = processDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A path for one new file named `<label>-<uuid><suffix>` in the process's directory.
    public static func file(_ label: String, suffix: String) throws -> String {
        try FileManager.default.createDirectory(at: processDirectory, withIntermediateDirectories: true)
        return processDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)\(suffix)").path
    }

    /// Made on first use; its removal is registered with `atexit` then, so it runs when the
    /// test runner exits normally (a crashed run leaves it, to be looked at).
    public static let processDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("trendline-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        atexit { try? FileManager.default.removeItem(at: ScratchDirectory.processDirectory) }
        return directory
    }()
}
