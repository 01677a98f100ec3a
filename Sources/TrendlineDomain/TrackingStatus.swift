/// Where one account's tracking of a video stands.
public enum TrackingStatus: String, CaseIterable, Sendable, Codable {
    /// Snapshots are being taken on the cadence.
    case monitoring
    /// Held by the user; `resume` continues it inside the same window.
    case paused
    /// The window ended.
    case completed
    /// Ended early by the user. Snapshots already taken stay visible.
    case stopped
    /// The platform reports the video private or deleted.
    case unavailable

    /// A status as people name it: the identifier in any case, or `error` for ``unavailable``
    /// (ContentStats' name for a video that can no longer be read). The API's `status` filter
    /// and the CLI's `--status` read it so.
    public init?(named name: String) {
        let lowered = name.lowercased()
        guard let status = TrackingStatus(rawValue: lowered) ?? (lowered == "error" ? .unavailable : nil) else { return nil }
        self = status
    }

    /// Whether this tracking still asks for snapshots (before its window ends).
    public var wantsSnapshots: Bool { self == .monitoring }

    /// Whether the tracking has ended for good.
    public var isFinal: Bool {
        switch self {
        case .completed, .stopped, .unavailable: return true
        case .monitoring, .paused: return false
        }
    }
}
