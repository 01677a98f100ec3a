import Testing
import TrendlineDomain

/// How the API's filters and the CLI's options read a platform's or a status's name.
struct NamedValuesTests {
    @Test func platformsInAnyCaseAndTwitterForX() {
        for platform in Platform.allCases {
            #expect(Platform(named: platform.rawValue) == platform)
            #expect(Platform(named: platform.rawValue.uppercased()) == platform)
        }
        #expect(Platform(named: "twitter") == .x && Platform(named: "Twitter") == .x)
        #expect(Platform(named: "threads") == nil && Platform(named: "") == nil && Platform(named: " youtube") == nil)
    }

    @Test func statusesInAnyCaseAndErrorForUnavailable() {
        for status in TrackingStatus.allCases {
            #expect(TrackingStatus(named: status.rawValue.uppercased()) == status)
        }
        #expect(TrackingStatus(named: "error") == .unavailable && TrackingStatus(named: "Error") == .unavailable)
        #expect(TrackingStatus(named: "failed") == nil && TrackingStatus(named: "") == nil)
    }
}
