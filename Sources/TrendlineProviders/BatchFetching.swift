import Foundation
import TrendlineDomain

extension StatsProvider {
    /// Runs `fetchChunk` on `batchSize`-long chunks of `videos` and merges the results; a
    /// chunk that fails as a whole fails each of its videos.
    func fetchInChunks(
        _ videos: [VideoURL],
        _ fetchChunk: ([VideoURL]) async -> Result<[String: Result<VideoStats, ProviderFailure>], ProviderFailure>
    ) async -> [String: Result<VideoStats, ProviderFailure>] {
        var results: [String: Result<VideoStats, ProviderFailure>] = [:]
        for start in stride(from: 0, to: videos.count, by: max(1, batchSize)) {
            let chunk = Array(videos[start..<min(start + batchSize, videos.count)])
            switch await fetchChunk(chunk) {
            case .success(let parsed): results.merge(parsed) { first, _ in first }
            case .failure(let failure): results.merge(failAll(chunk, failure)) { first, _ in first }
            }
        }
        return results
    }
}
