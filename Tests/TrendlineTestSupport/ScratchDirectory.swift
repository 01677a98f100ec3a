import Foundation

/// A new empty directory under the system's temporary directory, for a test's SQLite files:
/// `trendline-<label>-<uuid>`, so concurrent tests never share one.
public enum ScratchDirectory {
    public static func make(_ label: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trendline-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
