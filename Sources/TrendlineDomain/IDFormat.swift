/// Character-level checks for platform ids, shared by the descriptors.
enum IDFormat {
    /// Only ASCII digits, between `lengths` long.
    static func isDigits(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.count) && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Only base64url characters (A-Z a-z 0-9 _ -), between `lengths` long.
    static func isBase64URL(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.count) && text.utf8.allSatisfy(isBase64URLByte)
    }

    static func isBase64URLByte(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95 || byte == 45
    }

    /// A handle: letters, digits, `_` and `.`, 1-64 characters (TikTok, X and Instagram users).
    static func isHandle(_ text: String) -> Bool {
        (1...64).contains(text.count)
            && text.utf8.allSatisfy { isBase64URLByte($0) || $0 == 46 }
    }
}

extension IDFormat {
    /// A YouTube channel id: `UC` and 22 base64url characters.
    static func isYouTubeChannelID(_ text: String) -> Bool {
        text.hasPrefix("UC") && isBase64URL(text, lengths: 24...24)
    }
}
