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

    /// A platform as people name it: the identifier in any case, or `twitter` for ``x`` (as
    /// ContentStats lists it). The API's filters and the CLI's `--platform` read it so.
    public init?(named name: String) {
        let lowered = name.lowercased()
        guard let platform = Platform(rawValue: lowered) ?? (lowered == "twitter" ? .x : nil) else { return nil }
        self = platform
    }

    /// The human-readable name, e.g. "YouTube".
    public var displayName: String { PlatformCatalog.descriptor(for: self).displayName }
}
