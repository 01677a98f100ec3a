import Foundation

/// The campaign a tracking belongs to: a name the user gives, shared by the trackings of one
/// campaign (an influencer campaign, a competitor set, a launch). There is no campaign object to
/// create first; a campaign exists while one of the account's trackings carries its name.
///
/// Names are trimmed; inside they keep their case and spaces (`Spring launch` and
/// `spring launch` are two campaigns), so what a user reads back is what they wrote. They are
/// stored composed (Unicode NFC): `Été` typed as `E` and a combining accent (as some systems
/// and keyboards send it) is the same campaign as `Été` typed as one letter, which it looks
/// exactly like; compared byte for byte, they were two.
public enum CampaignName {
    /// The longest name accepted, in characters.
    public static let maximumLength = 100

    /// The stored form of what a user sent, or the reason it cannot be a campaign name.
    public static func validated(_ text: String) -> (name: String?, problem: String?) {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { return (nil, "a campaign name is not empty (send null to leave the campaign)") }
        guard name.count <= maximumLength else { return (nil, "a campaign name is at most \(maximumLength) characters") }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return (nil, "a campaign name has no control characters (tabs, line breaks)")
        }
        return (name, nil)
    }
}
