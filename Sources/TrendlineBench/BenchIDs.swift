import Foundation
import TrendlineDomain

/// Video ids in each platform's real format, distinct per index and per `space` (so one run's
/// videos never collide with another's in the same file).
enum BenchIDs {
    /// 11 characters of `[0-9a-z]`, as YouTube ids look.
    static func youtube(_ index: Int, space: Int = 0) -> VideoURL {
        let body = String(index, radix: 36)
        let id = "b" + String(space, radix: 36) + String(repeating: "0", count: max(0, 9 - body.count)) + body
        return VideoURL(platform: .youtube, externalID: id, canonicalURL: "https://www.youtube.com/watch?v=\(id)")
    }

    /// A numeric post id, as X ids look.
    static func x(_ index: Int, space: Int = 0) -> VideoURL {
        let id = String(1_700_000_000_000_000_000 + space * 10_000_000 + index)
        return VideoURL(platform: .x, externalID: id, canonicalURL: "https://x.com/i/status/\(id)")
    }
}
