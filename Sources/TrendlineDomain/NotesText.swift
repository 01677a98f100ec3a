/// Markdown notes on a video or a creator (for people and agents): how long they may be,
/// whichever way they come in (the API, the CLI).
public enum NotesText {
    /// The longest notes kept by default, in characters.
    public static let defaultMaximumLength = 20_000

    /// Why `notes` cannot be kept under `limit`, or `nil` when they can. A NUL (U+0000) is
    /// refused: PostgreSQL's text cannot hold one, and no one types it.
    public static func problem(_ notes: String, limit: Int = defaultMaximumLength) -> String? {
        if let refusal = StoredText.refusal(notes, field: "notes") { return refusal }
        return notes.count <= limit ? nil : "notes must be at most \(limit) characters, got \(notes.count)"
    }
}
