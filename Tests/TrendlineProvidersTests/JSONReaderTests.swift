import Foundation
import Testing
@testable import TrendlineProviders

/// The reader under the YouTube parser: strict about what is JSON, exact about strings.
struct JSONReaderTests {
    /// Reads `text` as an object and returns the string members' values by name, skipping the rest.
    func strings(_ text: String) throws -> [String: String?] {
        try JSONReader.read(Data(text.utf8)) { reader in
            var found: [String: String?] = [:]
            try reader.forEachMember { reader, key in
                for name: StaticString in ["a", "b", "c"] where key.is(name) {
                    found[name.description] = try reader.readString()
                }
            }
            return found
        }
    }

    @Test func escapesAreResolvedAndUnreadMembersAreSkipped() throws {
        let text = #"""
            { "skip": {"x": [1, -2.5e3, true, false, null, {"y": "\"}"}]}, "a": "tab\tline\nquote\"slash\/back\\",
              "b": "\u00e9\u4e2d\ud83d\ude00 lone \ud800 end", "c" : null , "skip2": [] }
            """#
        let found = try strings(text)
        #expect(found["a"] == "tab\tline\nquote\"slash/back\\")
        #expect(found["b"] == "é中😀 lone \u{FFFD} end")
        #expect(found["c"] == .some(nil))
        #expect(found.count == 3)
    }

    @Test func aNameWithEscapesStillMatches() throws {
        #expect(try strings(#"{"\u0061": "x"}"#)["a"] == "x")
    }

    @Test(arguments: [
        #"{"a": "x"} trailing"#, #"{"a": "x""#, #"{"a" "x"}"#, #"{"a": "x",}"#, #"{"z": 01}"#, #"{"z": 1.}"#, #"{"z": -}"#,
        #"{"z": "bad \x escape"}"#, #"{"z": "\u12"}"#, "{\"a\": \"raw\ncontrol\"}", "{\"z\": \"raw\ncontrol\"}", #"{"z": tru}"#,
        #"{"z": [1 2]}"#, #"{"z": {"y" 1}}"#, #"{a: 1}"#, #"{"a": 5}"#,
        #"{"a": "unterminated}"#, #"["not an object"]"#, "", "   ",
    ])
    func whatIsNotJSONIsRefused(_ text: String) {
        #expect(throws: JSONReader.Malformed.self) { try strings(text) }
    }

    @Test func nestingDeeperThanTheLimitIsRefusedNotFollowed() throws {
        let deep = "{\"z\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(throws: JSONReader.Malformed.self) { try strings(deep) }
        let fine = "{\"z\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + ", \"a\": \"ok\"}"
        #expect(try strings(fine)["a"] == "ok")
    }

    @Test func countsAreStringsOrNumbers() throws {
        let counts = try JSONReader.read(Data(#"[ "42", 7, 3.9, null, "-1" ]"#.utf8)) { reader in
            var counts: [Int64?] = []
            try reader.forEachElement { counts.append(try $0.readCount()) }
            return counts
        }
        #expect(counts == [42, 7, 3, nil, -1])
        for bad in [#"["4x"]"#, "[true]", "[-1.5]", "[1e30]", #"[" 1"]"#, "[{}]"] {
            #expect(throws: JSONReader.Malformed.self, "\(bad)") {
                try JSONReader.read(Data(bad.utf8)) { reader in try reader.forEachElement { _ = try $0.readCount() } }
            }
        }
    }
}
