import Foundation

/// The grids a history is answered on (a campaign's, a video's): whole UTC hours or days.
public enum HistoryInterval: String, Sendable, CaseIterable {
    case hour
    case day

    public var seconds: TimeInterval {
        switch self {
        case .hour: 3_600
        case .day: 86_400
        }
    }

    /// An interval as people name it, in any case.
    public init?(named name: String) {
        self.init(rawValue: name.lowercased())
    }
}
