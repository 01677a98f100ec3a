/// The known name a mistyped one was most likely meant to be, for the "did you mean" of a
/// refusal (a config key, an environment variable, a request's field).
public enum NearestName {
    /// The candidate closest to `name` by edit distance, when it is close enough to be the
    /// name meant: at most a third of `name`'s characters apart, so a name of one or two
    /// characters (a cache buster's `_`) is never taken for another.
    public static func among(_ candidates: [String], to name: String) -> String? {
        let scored = candidates.map { ($0, editDistance(name, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= name.count / 3 else { return nil }
        return best.0
    }

    /// ` (did you mean 'name'?)` for the candidate ``among(_:to:)`` finds, or nothing: the
    /// end of a refusal's message.
    public static func suggestion(among candidates: [String], to name: String) -> String {
        among(candidates, to: name).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The edit distance over characters, a swap of two neighbours counting as one edit (the
    /// optimal string alignment distance): `form` is one edit from `from`, as a typist sees it.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            before = previous
            previous = current
        }
        return previous[b.count]
    }
}
