import Foundation
import TrendlineDomain
import TrendlineProviders

/// TikTok page parse: milliseconds per real captured page with Trendline's parser, against
/// yt-dlp's own parser (scripts/bench/ytdlp_tiktok_parse.py) on the same page in the same run.
struct ParseBench {
    let fixtures: String
    let runs: Int
    static let videoID = "7430511437199543584"

    func run() throws -> [Figure] {
        let pagePath = "\(fixtures)/tiktok-video-\(Self.videoID).html"
        guard let page = FileManager.default.contents(atPath: pagePath) else {
            throw BenchError("no fixture at \(pagePath) (pass --fixtures)")
        }
        let bytes = [UInt8](page)
        guard case .success(let stats) = TikTokPageParser.parse(bytes, expectedID: Self.videoID) else {
            throw BenchError("Trendline's parser did not read \(pagePath)")
        }
        let iterations = 200
        var ours: [Double] = []
        for _ in 0..<max(runs, 5) {
            let start = ContinuousClock.now
            for _ in 0..<iterations {
                guard case .success = TikTokPageParser.parse(bytes, expectedID: Self.videoID) else { throw BenchError("parse failed") }
            }
            ours.append((ContinuousClock.now - start).seconds / Double(iterations))
        }
        let oursMedian = Statistics.median(ours)
        let kilobytes = Double(bytes.count) / 1024

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/bench/ytdlp_tiktok_parse.py").standardized.path
        let python = Shell.which("python3") ?? "python3"
        let output: String
        do {
            output = try Shell.run(python, [script, pagePath, Self.videoID, String(max(runs, 5)), "30"])
        } catch {
            return [Figure(
                measure: "TikTok page parse, ms per real \(Int(kilobytes)) KB page", value: Figures.ms(oursMedian),
                reference: "yt-dlp not runnable: \(error) (pip install yt-dlp)", target: "<= 0.1 of yt-dlp", met: nil)]
        }
        let reference = try JSONDecoder().decode(YtDlpTiming.self, from: Data(output.utf8))
        let theirs = Statistics.median(reference.per_page_ms) / 1000
        let sameCounts = reference.views == stats.counts.views && reference.likes == stats.counts.likes
            && reference.comments == stats.counts.comments && reference.shares == stats.counts.shares && reference.saves == stats.counts.saves
        let ratio = oursMedian / theirs
        return [Figure(
            measure: "TikTok page parse, ms per real \(Int(kilobytes)) KB page (views \(stats.counts.views ?? -1), likes \(stats.counts.likes ?? -1), saves \(stats.counts.saves ?? -1))",
            value: Figures.ms(oursMedian),
            reference: "yt-dlp \(reference.yt_dlp_version): \(Figures.ms(theirs)); ratio \(Figures.ratio(ratio)); same counts: \(sameCounts ? "yes" : "NO")",
            target: "<= 0.10× yt-dlp, same counts", met: ratio <= 0.1 && sameCounts)]
    }

    struct YtDlpTiming: Decodable {
        let yt_dlp_version: String
        let per_page_ms: [Double]
        let views: Int64?
        let likes: Int64?
        let comments: Int64?
        let shares: Int64?
        let saves: Int64?
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
