import Foundation
import TrendlineDomain

/// Deterministic counters for a simulated video: a curve with an early spike and a long tail,
/// scaled by a size drawn from the video id, with likes, comments, shares and saves in
/// plausible ratios. The same id and age always give the same numbers; they never decrease.
public enum SimulatedCounts {
    /// A stable 64-bit hash of the id (FNV-1a), so runs are reproducible.
    public static func seed(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    /// `length` base64url characters drawn from `text`: simulated YouTube ids, Instagram
    /// shortcodes and channel ids.
    static func token(_ text: String, length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var value = seed(text)
        var token = ""
        for index in 0..<length {
            token.append(alphabet[Int(value % 64)])
            value = value / 64 &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
        }
        return token
    }

    /// How long before the simulator's epoch the video was published (0-72 hours).
    public static func ageOffset(_ id: String) -> TimeInterval {
        TimeInterval(seed(id) % (72 * 3600))
    }

    /// Counters `age` seconds after publication.
    public static func counts(id: String, age: TimeInterval) -> Counts {
        let seed = seed(id)
        let size = Double(1_000 + seed % 2_000_000)
        let hours = max(0, age / 3600)
        let spike = 1 - exp(-hours / 8)
        let tail = log1p(hours / 24) / log1p(30)
        let views = size * (0.75 * spike + 0.25 * tail)
        let likeRate = 0.04 + Double((seed >> 20) % 50) / 1000
        return Counts(
            views: Int64(views), likes: Int64(views * likeRate), comments: Int64(views * 0.003),
            shares: Int64(views * 0.011), saves: Int64(views * 0.015))
    }
}
