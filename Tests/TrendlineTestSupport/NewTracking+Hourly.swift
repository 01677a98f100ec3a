import Foundation
import TrendlineDomain
import TrendlineStore

extension NewTracking {
    /// The request most store tests start from: `video` tracked hourly for `accountID`, with
    /// the default window, submitted by its canonical URL, no notes.
    public static func hourly(_ video: VideoURL, for accountID: UUID) -> NewTracking {
        NewTracking(accountID: accountID, video: video, submittedURL: video.canonicalURL, duration: .default, cadence: .hourly, notes: nil)
    }
}
