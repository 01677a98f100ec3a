import Foundation
import Synchronization
import TrendlineDomain

/// The ids given to requests that bring none, in the form of a random (version 4) UUID, without
/// a system call each: 128 bits drawn from the system's generator once per process, and a
/// counter mixed by a bijection on 62 bits into the second half's 62 free bits (the variant
/// takes two), so no two ids of a process are equal (for 2^62 requests) and they do not read
/// as a sequence. Drawing 16 random bytes per request was two `getrandom` calls on every
/// answer (strace of the detail benchmark). Across processes the 64 bits drawn at start keep
/// ids apart. Request ids name log lines; they are not secrets.
final class RequestIDs: Sendable {
    static let shared = RequestIDs()

    private let high: UInt64
    private let low: UInt64
    private let counter = Atomic<UInt64>(0)

    init(generator: some RandomNumberGenerator = SystemRandomNumberGenerator()) {
        var generator = generator
        high = generator.next()
        low = generator.next()
    }

    func next() -> UUID {
        let count = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var id: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &id) { raw in
            raw.storeBytes(of: high, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: (low ^ Self.spread(Self.mix(count))).littleEndian, toByteOffset: 8, as: UInt64.self)
            raw[6] = raw[6] & 0x0F | 0x40
            raw[8] = raw[8] & 0x3F | 0x80
        }
        return UUID(uuid: id)
    }

    static let bits62: UInt64 = (1 << 62) - 1

    /// SplitMix64's output function cut to 62 bits: each step (an xor-shift, a product with an
    /// odd number modulo 2^62) is a bijection on 62-bit values, so the whole is.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value & bits62
        z = ((z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9) & bits62
        z = ((z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB) & bits62
        return z ^ (z >> 31)
    }

    /// The 62 bits around bits 6 and 7 of the first byte, where the UUID's variant goes.
    static func spread(_ value: UInt64) -> UInt64 {
        (value & 0x3F) | ((value >> 6) << 8)
    }
}
