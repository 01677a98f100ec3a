import Foundation
import Testing
import TrendlineDomain
@testable import TrendlineProviders

/// The TikTok parser reads the real captured page to exactly the values in its .expected.json.
struct TikTokPageParserTests {
    struct Expected: Decodable {
        let external_id: String
        let author: String
        let created_at_unix: Int64
        let views: Int64
        let likes: Int64
        let comments: Int64
        let shares: Int64
        let saves: Int64
        let author_followers: Int64
        let duration_s: Int64
    }

    static let name = "tiktok-video-7430511437199543584"

    @Test func realCaptureParsesToTheExpectedValues() throws {
        let page = try RealFixtures.data("\(Self.name).html")
        let expected = try JSONDecoder().decode(Expected.self, from: try RealFixtures.data("\(Self.name).expected.json"))
        let stats = try TikTokPageParser.parse(page, expectedID: expected.external_id).get()
        #expect(stats.externalID == expected.external_id)
        #expect(stats.author == expected.author)
        #expect(stats.publishedAt == Date(timeIntervalSince1970: TimeInterval(expected.created_at_unix)))
        #expect(stats.counts == Counts(views: expected.views, likes: expected.likes, comments: expected.comments, shares: expected.shares, saves: expected.saves))
        #expect(stats.durationSeconds == expected.duration_s)
        #expect(TikTokPageParser.authorFollowers(page) == expected.author_followers)
        #expect(stats.thumbnailURL?.hasPrefix("https://") == true)
    }

    @Test func aPageForAnotherVideoIsRefused() throws {
        let page = try RealFixtures.data("\(Self.name).html")
        #expect(throws: ProviderFailure.self) { try TikTokPageParser.parse(page, expectedID: "1").get() }
    }

    static func page(_ detail: String) -> Data {
        Data(#"<html><head><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{"__DEFAULT_SCOPE__":{"webapp.video-detail":\#(detail)}}</script></head></html>"#.utf8)
    }

    @Test func privateAndDeletedStatusCodes() {
        for code in [10216, 10222] {
            let result = TikTokPageParser.parse(Self.page(#"{"statusCode":\#(code),"statusMsg":"private"}"#))
            #expect(result.failure.map { if case .privateVideo = $0 { true } else { false } } == true)
        }
        let gone = TikTokPageParser.parse(Self.page(#"{"statusCode":10204,"statusMsg":"item doesn't exist"}"#))
        #expect(gone.failure.map { if case .notFound = $0 { true } else { false } } == true)
    }

    @Test func missingCountersStayNullAndZeroStaysZero() throws {
        let detail = #"{"statusCode":0,"itemInfo":{"itemStruct":{"id":"42","stats":{"playCount":0,"diggCount":"7"}}}}"#
        let stats = try TikTokPageParser.parse(Self.page(detail)).get()
        #expect(stats.counts == Counts(views: 0, likes: 7, comments: nil, shares: nil, saves: nil))
    }

    @Test func theNarrowedReadAgreesWithTheWholeDecodeAndFallsBackToIt() throws {
        let page = try RealFixtures.data("\(Self.name).html")
        let json = try #require(TikTokPageParser.scriptBody(Array(page)))
        let narrowed = try #require(TikTokPageParser.narrowedDetail(json)?.itemInfo?.itemStruct)
        let whole = try #require(try JSONDecoder().decode(TikTokPageParser.Root.self, from: Data(json)).scope.videoDetail?.itemInfo?.itemStruct)
        #expect(narrowed.id == whole.id)
        #expect(narrowed.statsV2?.collectCount?.value == whole.statsV2?.collectCount?.value)
        // Braces and quotes inside strings do not end the object early.
        let tricky = #"{"statusCode":0,"itemInfo":{"itemStruct":{"id":"9","desc":"a } \" ] { tricky","stats":{"playCount":5}}}}"#
        #expect(try TikTokPageParser.parse(Self.page(tricky)).get().counts.views == 5)
        // A spaced-out key is not found by the narrow search; the whole decode still reads it.
        let spaced = Data(#"<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">{"__DEFAULT_SCOPE__" : {"webapp.video-detail" : {"statusCode":0,"itemInfo":{"itemStruct":{"id":"8","stats":{"playCount":3}}}}}}</script>"#.utf8)
        #expect(TikTokPageParser.narrowedDetail(TikTokPageParser.scriptBody(Array(spaced))!) == nil)
        #expect(try TikTokPageParser.parse(spaced).get().counts.views == 3)
    }

    @Test func malformedPagesAreErrorsNotCrashes() {
        for body in ["", "<html></html>", #"<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">{not json</script>"#,
                     #"<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">{"__DEFAULT_SCOPE__":{}}</script>"#,
                     #"<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">{"__DEFAULT_SCOPE__""#] {
            let result = TikTokPageParser.parse(Data(body.utf8))
            #expect(result.failure.map { if case .malformed = $0 { true } else { false } } == true, "\(body)")
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
