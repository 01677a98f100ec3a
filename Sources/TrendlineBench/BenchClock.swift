import Foundation
import Synchronization
import TrendlineCore

/// A clock the bench can set and speed up: `anchor + (real time since set) * speed`. The store,
/// the worker and the simulator all read it, so a simulated hour can pass in seconds.
final class BenchClock: Sendable {
    private struct State {
        var anchor: Date
        var realAnchor: Date
        var speed: Double
    }

    private let state: Mutex<State>

    init(at date: Date = Date(), speed: Double = 1) {
        state = Mutex(State(anchor: date, realAnchor: Date(), speed: speed))
    }

    var now: Date {
        state.withLock { $0.anchor.addingTimeInterval(Date().timeIntervalSince($0.realAnchor) * $0.speed) }
    }

    /// From now on, time starts at `date` and runs `speed` times faster than real time.
    func set(_ date: Date, speed: Double = 1) {
        state.withLock { $0 = State(anchor: date, realAnchor: Date(), speed: speed) }
    }

    /// Jumps forward by `interval` simulated seconds, keeping the speed.
    func advance(by interval: TimeInterval) {
        let now = self.now
        state.withLock { $0 = State(anchor: now.addingTimeInterval(interval), realAnchor: Date(), speed: $0.speed) }
    }

    var wallClock: WallClock { WallClock { self.now } }
}
