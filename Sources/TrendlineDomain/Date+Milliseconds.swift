import Foundation

extension Date {
    /// Milliseconds since 1970, the precision every store keeps: whole milliseconds, cut down,
    /// except that a time within a microsecond of a whole millisecond is that millisecond (a
    /// date made from milliseconds holds them as a binary fraction, and 0.002 s times 1000 is
    /// 1.9999...). A date beyond what 64-bit milliseconds hold (an upstream's absurd timestamp)
    /// is held at the nearest end rather than trapping.
    public var millisecondsSince1970: Int64 {
        let ms = timeIntervalSince1970 * 1000
        let nearest = ms.rounded()
        let whole = abs(ms - nearest) < 0.001 ? nearest : ms.rounded(.down)
        guard !whole.isNaN else { return 0 }
        guard whole < 9.2e18 else { return .max }
        guard whole > -9.2e18 else { return .min }
        return Int64(whole)
    }

    /// The date from milliseconds since 1970.
    public init(millisecondsSince1970 ms: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(ms) / 1000)
    }

    /// The same instant cut to whole milliseconds, so that what is stored is what is read back.
    public var truncatedToMilliseconds: Date {
        Date(millisecondsSince1970: millisecondsSince1970)
    }
}
