import Crypto
import Foundation

/// How every webhook is signed: HMAC-SHA256 with the endpoint's secret over
/// `"<timestamp>.<raw body>"`, sent as `Trendline-Signature: t=<timestamp>,v1=<hex>`.
/// The timestamp (Unix seconds) is signed too, so a receiver can refuse old replays.
public enum WebhookSignature {
    public static let header = "Trendline-Signature"

    /// Lowercase hex HMAC-SHA256 of `"\(timestamp).\(body)"`.
    public static func sign(secret: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return LowercaseHex.string(code)
    }

    /// The `Trendline-Signature` header value.
    public static func headerValue(secret: String, timestamp: Int, body: Data) -> String {
        "t=\(timestamp),v1=\(sign(secret: secret, timestamp: timestamp, body: body))"
    }

    /// Checks a header as a receiver would: the signature matches and the timestamp is within
    /// `tolerance` seconds of `now`.
    public static func verify(header: String, secret: String, body: Data, now: Date, tolerance: TimeInterval = 300) -> Bool {
        var timestamp: Int?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int(pair[1]) }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { return false }
        let expected = sign(secret: secret, timestamp: timestamp, body: body)
        return signatures.contains { constantTimeEqual($0, expected) }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
