import Foundation

/// What was fetched from a platform, kept per key for `timeToLive` so repeated asks do not
/// reach it again; an ask for a key being fetched at that moment waits for that fetch and
/// shares its answer, so asks at once make one upstream call. Failures are not kept. Past
/// 10,000 keys, expired ones are dropped.
actor FetchCache<Key: Hashable & Sendable, Value: Sendable, Failure: Error> {
    let timeToLive: TimeInterval
    private var entries: [Key: (value: Value, expires: Date)] = [:]
    private var inFlight: [Key: Task<Result<Value, Failure>, Never>] = [:]

    init(timeToLive: TimeInterval) {
        self.timeToLive = timeToLive
    }

    /// The value kept for `key` at `now`, else the one being fetched, else what `fetch` gets;
    /// `cached` unless this ask made the call.
    func value(
        for key: Key, at now: Date, fetch: @escaping @Sendable () async -> Result<Value, Failure>
    ) async -> (result: Result<Value, Failure>, cached: Bool) {
        if let hit = entries[key], hit.expires > now { return (.success(hit.value), true) }
        if let fetching = inFlight[key] { return (await fetching.value, true) }
        let fetching = Task { await fetch() }
        inFlight[key] = fetching
        let result = await fetching.value
        inFlight[key] = nil
        if case .success(let value) = result {
            entries[key] = (value, now.addingTimeInterval(timeToLive))
            if entries.count > 10_000 { entries = entries.filter { $0.value.expires > now } }
        }
        return (result, false)
    }

    /// The value kept for `key`, if it has not expired at `now`.
    func kept(_ key: Key, at now: Date) -> Value? {
        entries[key].flatMap { $0.expires > now ? $0.value : nil }
    }
}
