import Synchronization

/// Values made the first time their key is asked for, then looked up: metric handles, which
/// swift-metrics' factories look up by label and dimensions under a lock on every creation.
public final class MadeOnce<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    public init() {}

    public func value(for key: Key, make: () -> Value) -> Value {
        values.withLock { values in
            if let value = values[key] { return value }
            let value = make()
            values[key] = value
            return value
        }
    }
}
