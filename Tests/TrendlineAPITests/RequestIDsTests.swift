import Foundation
import Testing
@testable import TrendlineAPI

/// Request ids made without a system call each are still distinct, well-formed version 4 UUIDs.
struct RequestIDsTests {
    /// A generator that always answers the same number, so distinct ids can only come from the counter.
    struct Constant: RandomNumberGenerator {
        let value: UInt64
        mutating func next() -> UInt64 { value }
    }

    @Test(arguments: [0, UInt64.max, 0x0123_4567_89AB_CDEF])
    func idsAreDistinctVersion4UUIDsWhateverTheSeed(_ seed: UInt64) {
        let ids = RequestIDs(generator: Constant(value: seed))
        var seen = Set<UUID>()
        for _ in 0..<200_000 {
            let id = ids.next()
            let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 4, "version 4")
            #expect(bytes[8] >> 6 == 0b10, "RFC 4122 variant")
            seen.insert(id)
        }
        #expect(seen.count == 200_000)
    }

    @Test func theMixIsABijectionOn62Bits() {
        // Distinct inputs map to distinct outputs below 2^62; spreading them around the variant's
        // bits keeps them distinct and leaves those bits clear.
        let inputs: [UInt64] = [0, 1, 2, 3, RequestIDs.bits62, RequestIDs.bits62 - 1, 1 << 61, (1 << 61) + 1, 0x40, 0x80, 0xC0]
        let mixed = inputs.map(RequestIDs.mix)
        #expect(Set(mixed).count == inputs.count)
        #expect(mixed.allSatisfy { $0 <= RequestIDs.bits62 })
        #expect(Set(mixed.map(RequestIDs.spread)).count == inputs.count)
        #expect(mixed.map(RequestIDs.spread).allSatisfy { $0 & 0xC0 == 0 })
    }

    @Test func twoProcessesSeededDifferentlyGiveDifferentIDs() {
        let first = RequestIDs(generator: Constant(value: 1))
        let second = RequestIDs(generator: Constant(value: 2))
        #expect(first.next() != second.next())
    }
}
