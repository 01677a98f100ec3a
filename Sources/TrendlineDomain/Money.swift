import Foundation

/// An amount of credit in millionths of a US dollar, so sums and charges are exact integers
/// (a price of $0.015 is 15 000 micros) rather than drifting floating-point values.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var micros: Int64

    public init(micros: Int64) { self.micros = micros }

    public static let zero = Money(micros: 0)

    /// Parses a decimal amount such as `10`, `2.52` or `-0.015` (at most six decimals).
    public init?(decimal text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign: Int64 = 1
        if rest.first == "-" { sign = -1; rest = rest.dropFirst() } else if rest.first == "+" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty || parts.count == 2,
              wholeText.allSatisfy(\.isASCIIDigit), wholeText.count <= 12
        else { return nil }
        let fractionText = parts.count == 2 ? parts[1] : ""
        guard fractionText.count <= 6, fractionText.allSatisfy(\.isASCIIDigit), !(wholeText.isEmpty && fractionText.isEmpty) else { return nil }
        let whole = Int64(wholeText) ?? 0
        let fraction = Int64(fractionText.padding(toLength: 6, withPad: "0", startingAt: 0)) ?? 0
        self.micros = sign * (whole * 1_000_000 + fraction)
    }

    /// The amount in dollars, for JSON.
    public var dollars: Double { Double(micros) / 1_000_000 }

    /// At least two decimals, more when the amount has them: `2.52`, `0.015`, `-1.00`.
    public var description: String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(magnitude / 1_000_000).\(fraction)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.micros < rhs.micros }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros + rhs.micros) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(micros: lhs.micros - rhs.micros) }
    public static func * (lhs: Money, rhs: Int) -> Money { Money(micros: lhs.micros * Int64(rhs)) }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
