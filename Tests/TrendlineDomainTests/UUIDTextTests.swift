import Foundation
import Testing
import TrendlineDomain

/// UUID text read exactly as Foundation reads it, without its `sscanf`.
struct UUIDTextTests {
    @Test func readsWhatFoundationReads() {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(UUIDText.parse(id.uuidString) == id)
            #expect(UUIDText.parse(id.uuidString.lowercased()) == id)
        }
        #expect(UUIDText.parse("0351E296-cbcb-4497-9DE8-88a38b75cf14") == UUID(uuidString: "0351e296-cbcb-4497-9de8-88a38b75cf14"))
    }

    @Test(arguments: [
        "", "0351e296-cbcb-4497-9de8-88a38b75cf1", "0351e296-cbcb-4497-9de8-88a38b75cf144", "0351e296cbcb-4497-9de8-88a38b75cf14-",
        "0351e296-cbcb-4497-9de8_88a38b75cf14", "0351e29g-cbcb-4497-9de8-88a38b75cf14",
        "0351e296-cbcb-4497-9de8-88a38b75cf1é", "{351e296-cbcb-4497-9de8-88a38b75cf1}",
    ])
    func refusesWhatIsNotAUUID(_ text: String) {
        #expect(UUIDText.parse(text) == nil)
        #expect(UUID(uuidString: text) == nil, "Foundation refuses it too")
    }

    @Test func whiteSpaceInsideIsRefusedWhereFoundationsScanfSkipsIt() {
        // sscanf's %2hhx skips white space: Foundation reads this as 351E2906-….
        #expect(UUIDText.parse(" 351e296-cbcb-4497-9de8-88a38b75cf14") == nil)
    }

    @Test func writesWhatFoundationWritesInLowercase() {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(UUIDText.lowercase(id) == id.uuidString.lowercased())
        }
    }

    @Test func randomIdsAreVersionFourAndDistinct() {
        let ids = (0..<10_000).map { _ in UUIDText.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = UUIDText.lowercase(id)
            #expect(Array(text)[14] == "4", "version 4: \(text)")
            #expect("89ab".contains(Array(text)[19]), "RFC 4122 variant: \(text)")
        }
    }
}
