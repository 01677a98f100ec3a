import Testing
import TrendlineDomain

/// The "did you mean" of a refused name (a body field, a query parameter, a setting).
struct NearestNameTests {
    @Test func editsAreCountedAsATypistMakesThem() {
        #expect(NearestName.editDistance("from", "from") == 0)
        #expect(NearestName.editDistance("form", "from") == 1, "two neighbours swapped: one edit")
        #expect(NearestName.editDistance("platfrom", "platform") == 1)
        #expect(NearestName.editDistance("limt", "limit") == 1)
        #expect(NearestName.editDistance("duration_day", "duration_days") == 1)
        #expect(NearestName.editDistance("", "abc") == 3 && NearestName.editDistance("abc", "") == 3)
        #expect(NearestName.editDistance("kitten", "sitting") == 3)
    }

    @Test func onlyANearNameIsOffered() {
        let names = ["published_from", "published_to", "interval", "from", "to"]
        #expect(NearestName.among(names, to: "form") == "from")
        #expect(NearestName.among(names, to: "intervall") == "interval")
        #expect(NearestName.among(names, to: "utm_source") == nil)
        #expect(NearestName.among(["q", "limit"], to: "_") == nil, "one or two characters are never taken for another name")
    }
}
