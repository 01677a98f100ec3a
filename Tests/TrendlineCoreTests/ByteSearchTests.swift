import Testing
import TrendlineCore

/// The byte search agrees with the standard library's search on the edges that matter: a match
/// at either end, a partial match, a slice that does not start at 0, a start past a match.
struct ByteSearchTests {
    @Test(arguments: [
        ("\"snapshots\":[]", "{\"snapshots\":[]}", 0),
        ("ab", "aab", 0),
        ("abc", "ababab", 0),
        ("b", "abab", 2),
        ("xyz", "xy", 0),
        ("\"a\"", "\"b\",\"a\"", 1),
        ("\"web-detail\"", "\"web\",\"web-x\",\"web-detail\"", 0),  // anchored on `-`, which comes first in a false match
        ("x-", "-x-", 0),  // the anchor byte at the haystack's first position belongs to no match
        ("ab-", "ab-", 0),
        ("-ab", "ab-ab", 0),
    ])
    func findsWhatTheStandardSearchFinds(needle: String, haystack: String, from start: Int) {
        let bytes = Array(("--" + haystack).utf8)[2...]  // a slice whose indices start at 2
        let expected = bytes[(bytes.startIndex + start)...].firstRange(of: Array(needle.utf8))?.lowerBound
        #expect(ByteSearch.firstIndex(of: Array(needle.utf8), in: bytes, from: bytes.startIndex + start) == expected)
    }

    @Test func refusesAnEmptyNeedleAndAStartOutsideTheSlice() {
        let bytes = Array("abc".utf8)[...]
        #expect(ByteSearch.firstIndex(of: [], in: bytes, from: 0) == nil)
        #expect(ByteSearch.firstIndex(of: Array("a".utf8), in: bytes, from: 4) == nil)
        #expect(ByteSearch.firstIndex(of: Array("c".utf8), in: bytes, from: 3) == nil)
    }
}
