import Foundation

/// Turns what a user pasted into a ``ParsedVideoURL``, or a ``VideoURLError`` that says what is
/// wrong. Pure: no network access. Short links come back as `.shortLink` to be resolved.
public enum VideoURLParser {
    /// Longer input is refused before parsing.
    public static let maximumLength = 2048

    public static func parse(_ input: String) -> Result<ParsedVideoURL, VideoURLError> {
        let strict = parseExactly(input)
        guard case .failure = strict, let pasted = unwrapped(input) else { return strict }
        return parseExactly(pasted)
    }

    /// `input` without what copying a link from prose, chat or a spreadsheet adds around it: a
    /// wrapping `<...>`, quotes or brackets, and trailing punctuation (`https://youtu.be/ID).`);
    /// `nil` when there is nothing to take off. Tried only when the text as given is not a
    /// video URL, so a URL that parses is never changed; its error then says what is wrong
    /// with the link inside, not that `<https` is no scheme.
    static func unwrapped(_ input: String) -> String? {
        var text = Substring(input.trimmingCharacters(in: .whitespacesAndNewlines))
        let pairs: [(Character, Character)] = [("<", ">"), ("\"", "\""), ("'", "'"), ("(", ")"), ("[", "]"), ("\u{201C}", "\u{201D}")]
        while let first = text.first, let pair = pairs.first(where: { $0.0 == first }), text.count > 1 {
            text = text.dropFirst()
            if text.last == pair.1 { text = text.dropLast() }
        }
        while let last = text.last, ".,;:!?)]}>'\"\u{201D}".contains(last) { text = text.dropLast() }
        let result = String(text)
        return result == input || result.isEmpty ? nil : result
    }

    static func parseExactly(_ input: String) -> Result<ParsedVideoURL, VideoURLError> {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(.empty) }
        guard text.count <= maximumLength else { return .failure(.tooLong(length: text.count)) }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(.malformed(reason: "it contains spaces or control characters"))
        }
        switch URLParts.parse(text) {
        case .failure(let error):
            return .failure(error)
        case .success(let parts):
            if isIPLiteral(parts.host) { return .failure(.unsupportedHost(parts.host)) }
            guard let descriptor = PlatformCatalog.descriptor(owning: parts.host) else {
                return .failure(.unsupportedHost(parts.host))
            }
            return descriptor.recognize(parts)
        }
    }

    /// Whether `host` is an IPv4 or IPv6 literal rather than a name.
    public static func isIPLiteral(_ host: String) -> Bool {
        if host.hasPrefix("[") || host.contains(":") { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
