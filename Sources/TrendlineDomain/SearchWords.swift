import Foundation

/// A video list's text search (`GET /v1/videos?q=`, `trendline stats --search`): the words a
/// user typed, each of which a listed video's title, author or notes must contain, ignoring
/// case (a campaign's 2,000 videos are found by `nike launch` or a creator's name).
public enum SearchWords {
    /// The longest search accepted, in characters, and the most words.
    public static let maximumLength = 200
    public static let maximumWords = 10

    /// The words of `text` (split on white space; none for blank text, which searches nothing
    /// out), or the reason it cannot be a search.
    public static func parse(_ text: String) -> (words: [String], problem: String?) {
        guard text.count <= maximumLength else { return ([], "a search is at most \(maximumLength) characters") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !$0.properties.isWhitespace }) else {
            return ([], "a search has no control characters")
        }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count <= maximumWords else { return ([], "a search has at most \(maximumWords) words") }
        return (words, nil)
    }

    /// `word` as a `LIKE` pattern matching it anywhere, its own `%`, `_` and `\` escaped (with
    /// `ESCAPE '\'`).
    public static func likePattern(_ word: String) -> String {
        var escaped = ""
        for character in word {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
