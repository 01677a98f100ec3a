import Foundation
import Testing
import TrendlineDomain
@testable import TrendlineProviders

/// The YouTube parser reads member by member (``JSONReader``); this holds it equal to a
/// `Decodable` model of the same answer, read by `JSONDecoder`, on generated `videos.list`
/// documents: fields in any order, absent, null or of the wrong type, strings with escapes,
/// counts as strings or numbers, unknown members nested at any depth.
struct YouTubeParserModelTests {
    @Test func theParserReadsWhatTheDecodableModelReads() throws {
        var generator = DocumentGenerator(seed: 0x7E4D_11E5)
        var malformed = 0
        var read = 0
        for _ in 0..<1_500 {
            let (text, ids) = generator.document()
            let parsed = Outcome(YouTubeDataAPIParser.parse(Data(text.utf8), requestedIDs: ids))
            let modelled = Outcome(model: Data(text.utf8), requestedIDs: ids)
            #expect(parsed == modelled, "\(text)")
            if parsed == modelled { if case .malformed = parsed { malformed += 1 } else { read += 1 } }
        }
        // Both kinds of answer were exercised, not only one.
        #expect(malformed > 100 && read > 600, "malformed \(malformed), read \(read)")
    }

    /// What an answer came to, comparable across the two readers.
    enum Outcome: Equatable {
        case malformed
        case rateLimited
        case upstream(String)
        case videos([String: VideoStats?])

        init(_ result: Result<[String: Result<VideoStats, ProviderFailure>], ProviderFailure>) {
            switch result {
            case .failure(.malformed): self = .malformed
            case .failure(.rateLimited): self = .rateLimited
            case .failure(let other): self = .upstream(other.description)
            case .success(let videos): self = .videos(videos.mapValues { try? $0.get() })
            }
        }

        init(model body: Data, requestedIDs: [String]) {
            guard let response = try? JSONDecoder().decode(Model.Response.self, from: body) else { self = .malformed; return }
            if let error = response.error {
                let reasons = (error.errors ?? []).compactMap(\.reason)
                if reasons.contains(where: { $0.contains("quota") || $0.contains("rateLimit") }) { self = .rateLimited; return }
                self = .upstream(ProviderFailure.upstream("YouTube API error \(error.code ?? 0): \(error.message ?? reasons.joined(separator: ", "))").description)
                return
            }
            var videos: [String: VideoStats?] = [:]
            for item in response.items ?? [] {
                let thumbnails = item.snippet?.thumbnails
                videos[item.id] = VideoStats(
                    externalID: item.id,
                    counts: Counts(views: item.statistics?.viewCount?.value, likes: item.statistics?.likeCount?.value, comments: item.statistics?.commentCount?.value),
                    title: item.snippet?.title, author: item.snippet?.channelTitle,
                    publishedAt: item.snippet?.publishedAt.flatMap { try? Date.ISO8601FormatStyle().parse($0) },
                    thumbnailURL: thumbnails?.maxres?.url ?? thumbnails?.high?.url ?? thumbnails?.medium?.url ?? thumbnails?.default?.url)
            }
            for id in requestedIDs where videos[id] == nil { videos[id] = .some(nil) }
            self = .videos(videos)
        }
    }

    /// The answer as `Decodable` types (the parser's former form).
    enum Model {
        struct Response: Decodable { let items: [Item]?; let error: APIError? }
        struct APIError: Decodable { let code: Int?; let message: String?; let errors: [Reason]? }
        struct Reason: Decodable { let reason: String? }
        struct Item: Decodable { let id: String; let snippet: Snippet?; let statistics: Statistics? }
        struct Snippet: Decodable { let publishedAt: String?; let title: String?; let channelTitle: String?; let thumbnails: Thumbnails? }
        struct Thumbnails: Decodable { let maxres: Thumbnail?; let high: Thumbnail?; let medium: Thumbnail?; let `default`: Thumbnail? }
        struct Thumbnail: Decodable { let url: String? }
        struct Statistics: Decodable { let viewCount: Count?; let likeCount: Count?; let commentCount: Count? }
        /// A string of digits or a number (a non-negative fraction truncated).
        struct Count: Decodable {
            let value: Int64
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) {
                    guard let number = Int64(text) else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a count") }
                    value = number
                } else {
                    value = try FlexibleInt64(from: decoder).value
                }
            }
        }
    }
}

/// Random `videos.list` answers, reproducible from a seed.
struct DocumentGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    var space: String { ["", " ", "\n  ", "\t"][Int(state >> 60) % 4] }

    /// Members in a random order, with random whitespace.
    mutating func object(_ members: [(String, String)]) -> String {
        var shuffled = members
        for index in shuffled.indices.reversed() { shuffled.swapAt(index, below(index + 1)) }
        let body = shuffled.map { name, value -> String in
            let gap = space
            return "\(gap)\"\(name)\"\(gap):\(space)\(value)"
        }
        return "{" + body.joined(separator: ",") + space + "}"
    }

    mutating func text() -> String {
        let pieces = ["plain", "é", "中文", "😀", #"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\u00e9"#, #"\ud83d\ude00"#, " ", "Rick Astley", "#tag"]
        return "\"" + (0..<below(6)).map { _ in pieces[below(pieces.count)] }.joined() + "\""
    }

    /// Some value of JSON, nested up to `depth`.
    mutating func junk(_ depth: Int = 3) -> String {
        switch below(depth > 0 ? 8 : 5) {
        case 0: return text()
        case 1: return String(Int64(below(1_000_000)) - 500)
        case 2: return ["true", "false", "null"][below(3)]
        case 3: return "\(below(1000)).\(below(100))e\(below(5))"
        case 4: return "\"\""
        case 5: return "[" + (0..<below(4)).map { _ in junk(depth - 1) }.joined(separator: ",") + "]"
        default: return object((0..<below(4)).map { index in ("k\(index)", junk(depth - 1)) })
        }
    }

    /// A count, usually well formed.
    mutating func count() -> String? {
        switch below(20) {
        case 0: return nil
        case 1: return "null"
        case 2: return String(below(100_000))
        case 3: return "\(below(1000)).\(below(10))"
        case 4: return ["\"many\"", "true", "-1.5", "\" 12\""][below(4)]
        default: return "\"\(below(2_000_000_000))\""
        }
    }

    /// A string field, sometimes null or of the wrong type.
    mutating func field() -> String? {
        switch below(30) {
        case 0: return nil
        case 1: return "null"
        case 2: return String(below(10))
        default: return text()
        }
    }

    mutating func thumbnail() -> String {
        switch below(12) {
        case 0: return "null"
        case 1: return "{}"
        case 2: return object([("url", "null")])
        default: return object([("url", "\"https://i.ytimg.com/vi/\(below(1000))/x.jpg\""), ("width", "480"), ("height", "360")])
        }
    }

    mutating func item(_ id: String) -> String {
        var members: [(String, String)] = [("kind", "\"youtube#video\""), ("etag", text())]
        switch below(40) {
        case 0: break
        case 1: members.append(("id", "null"))
        default: members.append(("id", "\"\(id)\""))
        }
        if !chance(5) {
            var snippet: [(String, String)] = [("description", text()), ("tags", junk()), ("localized", junk())]
            if let title = field() { snippet.append(("title", title)) }
            if let author = field() { snippet.append(("channelTitle", author)) }
            if !chance(10) { snippet.append(("publishedAt", chance(90) ? "\"2024-0\(1 + below(9))-1\(below(10))T0\(below(10)):00:00Z\"" : text())) }
            if !chance(10) {
                let sizes = ["default", "medium", "high", "standard", "maxres"].filter { _ in chance(60) }
                snippet.append(("thumbnails", chance(3) ? "null" : object(sizes.map { ($0, thumbnail()) })))
            }
            members.append(("snippet", chance(3) ? "null" : object(snippet)))
        }
        if !chance(5) {
            var statistics: [(String, String)] = [("favoriteCount", "\"0\"")]
            for name in ["viewCount", "likeCount", "commentCount"] { if let value = count() { statistics.append((name, value)) } }
            members.append(("statistics", chance(3) ? "null" : object(statistics)))
        }
        if chance(30) { members.append(("contentDetails", junk())) }
        return object(members)
    }

    /// A document and the ids it was asked for.
    mutating func document() -> (String, [String]) {
        let ids = (0..<(1 + below(8))).map { "v\($0)_\(below(1000))" }
        if chance(5) {
            let reason = ["quotaExceeded", "rateLimitExceeded", "keyInvalid", "badRequest"][below(4)]
            let error = object([("code", String(400 + below(4))), ("message", text()), ("errors", "[" + object([("reason", "\"\(reason)\""), ("domain", "\"youtube\"")]) + "]")])
            return (object([("error", error)]), ids)
        }
        let shown = ids.filter { _ in chance(85) }
        var members: [(String, String)] = [("kind", "\"youtube#videoListResponse\""), ("pageInfo", junk())]
        members.append(("items", chance(3) ? "null" : "[" + shown.map { item($0) }.joined(separator: ",") + "]"))
        var document = object(members)
        if chance(2) { document += " x" }
        if chance(2) { document = String(document.dropLast()) }
        return (document, ids)
    }
}
