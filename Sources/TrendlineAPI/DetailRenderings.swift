import Foundation
import Synchronization

/// The video-detail envelopes rendered around one cached snapshot history, one per tracking
/// (several accounts may track the video). An envelope is reused while its tracking's
/// ``VideoDTO`` is equal to the one it was rendered from, so it can never show stale fields; it
/// lives as long as its ``EncodedHistoryCache`` entry.
final class DetailRenderings: Sendable {
    private let rendered = Mutex<[String: (video: VideoDTO, envelope: Envelope.Filled)]>([:])

    /// The envelope for `video` (whose `id` names the tracking), rendered by `render` unless
    /// the last one rendered for the same tracking came from an equal `video`.
    func envelope(for video: VideoDTO, render: () throws -> Envelope.Filled) rethrows -> Envelope.Filled {
        if let kept = rendered.withLock({ $0[video.id] }), kept.video == video { return kept.envelope }
        let envelope = try render()
        rendered.withLock { $0[video.id] = (video, envelope) }
        return envelope
    }
}
