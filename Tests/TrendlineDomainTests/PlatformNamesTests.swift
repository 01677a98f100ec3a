import Testing
import TrendlineDomain

/// How the API's filters and the CLI's `--platform` read a platform's name.
struct PlatformNamesTests {
    @Test func identifiersInAnyCaseAndTwitterForX() {
        for platform in Platform.allCases {
            #expect(Platform(named: platform.rawValue) == platform)
            #expect(Platform(named: platform.rawValue.uppercased()) == platform)
        }
        #expect(Platform(named: "twitter") == .x && Platform(named: "Twitter") == .x)
        #expect(Platform(named: "threads") == nil && Platform(named: "") == nil && Platform(named: " youtube") == nil)
    }
}
