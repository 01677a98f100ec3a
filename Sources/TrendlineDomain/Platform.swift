/// A social platform Trendline can track videos on.
///
/// The raw value is the stable identifier used in the API, the database and the CLI.
public enum Platform: String, CaseIterable, Sendable, Codable, Hashable {
    case tiktok
    case instagram
    case youtube
    case x
    case facebook
    case linkedin

    /// The human-readable name, e.g. "YouTube".
    public var displayName: String { PlatformCatalog.descriptor(for: self).displayName }
}
