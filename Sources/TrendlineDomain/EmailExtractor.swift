import Foundation

/// Finds contact e-mail addresses written in free text such as a bio, including the usual
/// obfuscations ("name [at] domain [dot] com", "name(at)domain.com", "name @ domain . com").
/// It only returns what is written: an address needs a local part, a domain and a TLD of
/// letters, and nothing is guessed.
public enum EmailExtractor {
    /// Addresses in the order they appear, lowercased, without duplicates.
    public static func extract(from text: String) -> [String] {
        var normalized = text
        let replacements: [(String, String)] = [
            (#"\s*[\[\(\{<]\s*(?:at|@)\s*[\]\)\}>]\s*"#, "@"),
            (#"\s*[\[\(\{<]\s*(?:dot|\.)\s*[\]\)\}>]\s*"#, "."),
            (#"(?<=[A-Za-z0-9])\s+(?:at|AT)\s+(?=[A-Za-z0-9-]+\s*(?:\.|\s+(?:dot|DOT)\s+)[A-Za-z])"#, "@"),
            (#"(?<=@[A-Za-z0-9.-]{1,200})\s+(?:dot|DOT)\s+(?=[A-Za-z])"#, "."),
            (#"\s+@\s+"#, "@"),
            (#"(?<=@[A-Za-z0-9-]{1,63})\s+\.\s+(?=[A-Za-z])"#, "."),
            ("＠", "@"),
        ]
        for (pattern, replacement) in replacements {
            normalized = normalized.replacingOccurrences(of: pattern, with: replacement, options: [.regularExpression, .caseInsensitive])
        }
        let address = #"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}"#
        guard let expression = try? NSRegularExpression(pattern: address) else { return [] }
        var found: [String] = []
        let range = NSRange(normalized.startIndex..., in: normalized)
        for match in expression.matches(in: normalized, range: range) {
            guard let swiftRange = Range(match.range, in: normalized) else { continue }
            var candidate = String(normalized[swiftRange]).lowercased()
            while candidate.first == "." { candidate.removeFirst() }
            guard let at = candidate.firstIndex(of: "@"), candidate[..<at].last != "." else { continue }
            if !found.contains(candidate) { found.append(candidate) }
        }
        return found
    }
}
