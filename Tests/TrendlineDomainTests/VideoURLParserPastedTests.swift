import Testing
import TrendlineDomain

/// Links as they arrive when copied from prose, chat or a spreadsheet: wrapped in `<...>`,
/// quotes or brackets, or followed by the sentence's punctuation. They are read as the link
/// inside; a link that parses as given is never changed, and what is inside must still be a
/// video URL.
struct VideoURLParserPastedTests {
    static let canonical = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"

    @Test(arguments: [
        "https://youtu.be/dQw4w9WgXcQ).", "https://youtu.be/dQw4w9WgXcQ,", "https://youtu.be/dQw4w9WgXcQ!", "<https://youtu.be/dQw4w9WgXcQ>",
        "\"https://youtu.be/dQw4w9WgXcQ\"", "'https://www.youtube.com/watch?v=dQw4w9WgXcQ'", "(https://youtu.be/dQw4w9WgXcQ)",
        "[https://youtu.be/dQw4w9WgXcQ]", "\u{201C}https://youtu.be/dQw4w9WgXcQ\u{201D}", " <https://youtu.be/dQw4w9WgXcQ>. ",
    ])
    func aWrappedOrPunctuatedLinkIsTheLinkInside(_ pasted: String) throws {
        guard case .success(.video(let video)) = VideoURLParser.parse(pasted) else {
            Issue.record("\(pasted) was refused: \(VideoURLParser.parse(pasted))")
            return
        }
        #expect(video.canonicalURL == Self.canonical && video.externalID == "dQw4w9WgXcQ")
    }

    @Test func whatIsInsideMustStillBeAVideoURL() {
        for text in ["<https://example.com/x>", "\"not a url\"", "(https://youtu.be/short)", "<>", "\"\"", "..."] {
            guard case .failure = VideoURLParser.parse(text) else {
                Issue.record("\(text) was accepted")
                continue
            }
        }
        // The error is the link's inside, not that "(https" is no scheme.
        #expect(VideoURLParser.parse("(https://youtu.be/short)") == VideoURLParser.parse("https://youtu.be/short"))
        #expect(VideoURLParser.parse("<https://example.com/x>") == VideoURLParser.parse("https://example.com/x"))
    }

    @Test func aTikTokIDIsNotCutAtItsEnd() throws {
        guard case .success(.video(let video)) = VideoURLParser.parse("https://www.tiktok.com/@a/video/7430511437199543584.") else {
            Issue.record("refused")
            return
        }
        #expect(video.externalID == "7430511437199543584")
    }
}
