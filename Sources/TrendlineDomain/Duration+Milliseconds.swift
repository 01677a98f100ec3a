extension Duration {
    /// The duration in whole milliseconds, rounded down: latencies reported in the API and
    /// webhook attempts, and PostgreSQL's `statement_timeout`.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
