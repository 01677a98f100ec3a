import Foundation
import TrendlineDomain

extension UUID {
    /// The form every store keeps: lowercase.
    package var storageString: String { UUIDText.lowercase(self) }
}

extension Date {
    /// Milliseconds since 1970, the form every store keeps times in.
    package var ms: Int64 { millisecondsSince1970 }
}
