import Foundation
import Testing
import TrendlineDomain

/// Stored ids come from ``UUIDText/random()``. Foundation's `UUID()` reads a device file on
/// Linux and, with no file descriptor left, answered `00000000-0000-4000-8000-000000000000`
/// every time (a second tracking made then failed on its primary key); no source calls it.
struct StoredIDSourceTests {
    @Test func noSourceMakesAnIDWithFoundationsUUID() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        var callers: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("UUID()") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                callers.append("\(file):\(number + 1)")
            }
        }
        #expect(callers.isEmpty, "use UUIDText.random(): \(callers)")
    }

    @Test func randomIDsAreVersion4AndDistinct() {
        let ids = (0..<1000).map { _ in UUIDText.random() }
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { $0.uuidString.dropFirst(14).first == "4" })
    }
}
