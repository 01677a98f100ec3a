/// What a request's `Accept-Encoding` allows, read as RFC 9110 says: a list of codings, each
/// with an optional weight (`gzip;q=0.5`); a weight of 0 refuses the coding, and `*` stands
/// for any coding not named. Only gzip is offered: every HTTP client that compresses speaks it.
struct AcceptEncoding: Equatable {
    /// Whether a gzip-compressed answer is acceptable.
    let allowsGzip: Bool

    /// The names gzip goes by (RFC 9110 keeps `x-gzip` as an alias), lowercased; a request
    /// body's `Content-Encoding` is read against them too (``RequestBody``).
    static let gzipNames: Set<String> = ["gzip", "x-gzip"]

    init(_ values: [String]) {
        var gzip: Double?
        var any: Double?
        for value in values {
            for member in value.split(separator: ",") {
                let parts = member.split(separator: ";")
                guard let name = parts.first?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty else { continue }
                let weight = Self.weight(parts.dropFirst())
                if Self.gzipNames.contains(name) {
                    gzip = weight
                } else if name == "*" {
                    any = weight
                }
            }
        }
        allowsGzip = (gzip ?? any ?? 0) > 0
    }

    /// The `q` parameter among `parameters`, 1 when there is none; an unreadable one refuses.
    private static func weight(_ parameters: ArraySlice<Substring>) -> Double {
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "q" else { continue }
            guard let weight = Double(pair[1].trimmingCharacters(in: .whitespaces)), (0...1).contains(weight) else { return 0 }
            return weight
        }
        return 1
    }
}
