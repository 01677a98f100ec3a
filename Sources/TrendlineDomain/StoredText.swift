/// Text from outside (a platform's captions, names and bios, an error answer quoted in a
/// failure) as every backend can keep it whole: without NUL (U+0000). PostgreSQL's `text` and
/// `jsonb` refuse it, so one stray NUL failed the whole write (a 500, or a worker retrying the
/// same check forever); SQLite, bound as a C string, kept only the text before it.
public enum StoredText {
    public static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? String(decoding: text.utf8.filter { $0 != 0 }, as: UTF8.self) : text
    }

    public static func storable(_ text: String?) -> String? {
        text.map { storable($0) }
    }

    /// Why text a user typed into `field` cannot be stored, or `nil`: it holds a NUL, which no
    /// one types, and which is refused rather than dropped from what the user meant to save.
    public static func refusal(_ text: String, field: String) -> String? {
        text.utf8.contains(0) ? "\(field) must not contain a NUL character (U+0000)" : nil
    }
}
