import Foundation
import TrendlineDomain

/// A deterministic simulated creator, drawn from its username: a profile whose follower count
/// grows with the simulator's clock, and an upload every ``uploadInterval`` so that new videos
/// appear as time passes (``backCatalog`` of them exist at the epoch).
///
/// Bios carry contact details by name, for the e-mail endpoint: a username containing `mail`
/// writes "name [at] example [dot] com", one containing `contact` a plain address, one
/// containing `twoemails` two addresses; any other has none. A username containing `noposts`
/// has never uploaded anything (a new account).
struct SimulatedCreator {
    static let uploadInterval: TimeInterval = 6 * 3600
    static let backCatalog = 30

    let username: String
    let platform: Platform

    var seed: UInt64 { SimulatedCounts.seed("\(platform.rawValue):\(username)") }

    /// Uploads visible at `now` (index 0 is the oldest), newest first.
    func uploads(at now: Date, epoch: Date) -> [(index: Int, id: String, at: Date)] {
        guard !username.contains("noposts") else { return [] }
        let elapsed = now.timeIntervalSince(epoch)
        let last = Self.backCatalog - 1 + Int((elapsed / Self.uploadInterval).rounded(.down))
        guard last >= 0 else { return [] }
        return (0...last).reversed().map { index in (index, videoID(index), uploadTime(index, epoch: epoch)) }
    }

    func uploadTime(_ index: Int, epoch: Date) -> Date {
        epoch.addingTimeInterval(TimeInterval(index - Self.backCatalog + 1) * Self.uploadInterval - 60)
    }

    func videoID(_ index: Int) -> String {
        let name = "\(platform.rawValue):\(username)#\(index)"
        switch platform {
        case .tiktok, .x:
            return "7" + String(format: "%018llu", SimulatedCounts.seed(name) % 1_000_000_000_000_000_000)
        default:
            return SimulatedCounts.token(name, length: 11)
        }
    }

    var fullName: String { username.split(separator: "_").map { $0.capitalized }.joined(separator: " ") }

    var bio: String {
        var text = "Simulated creator \(username). New videos every six hours."
        if username.contains("twoemails") {
            text += " Brands: \(username)@example.com · Management: team@agency.example.org"
        } else if username.contains("mail") {
            text += " Business: \(username) [at] example [dot] com"
        } else if username.contains("contact") {
            text += " Contact: \(username)@example.com"
        }
        return text
    }

    func followers(at now: Date, epoch: Date) -> Int64 {
        let hours = max(0, now.timeIntervalSince(epoch) / 3600)
        return Int64(1_000 + seed % 2_000_000) + Int64(hours * Double(5 + seed % 200))
    }

    var following: Int64 { Int64(seed % 1_500) }
    var isVerified: Bool { seed % 3 == 0 }
    var externalURL: String { "https://linktr.ee/\(username)" }
}
