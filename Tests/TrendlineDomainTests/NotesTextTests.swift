import Testing
import TrendlineDomain

/// The notes limit the API and the CLI share.
struct NotesTextTests {
    @Test func notesUpToTheLimitAreKeptAndLongerOnesSaySo() {
        #expect(NotesText.problem(String(repeating: "a", count: NotesText.defaultMaximumLength)) == nil)
        #expect(NotesText.problem(String(repeating: "é", count: 20_001)) == "notes must be at most 20000 characters, got 20001", "counted in characters")
        #expect(NotesText.problem("abcd", limit: 3) == "notes must be at most 3 characters, got 4")
        #expect(NotesText.problem("line\n\tindented") == nil)
        #expect(NotesText.problem("a\u{0}b") == "notes must not contain a NUL character (U+0000)", "PostgreSQL cannot keep it, SQLite would cut the notes there")
    }
}
