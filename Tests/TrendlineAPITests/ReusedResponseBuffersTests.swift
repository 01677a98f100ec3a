import NIOCore
import Testing
@testable import TrendlineAPI

/// Reused bodies must never change a buffer the server may still be sending, must really be
/// reused once it has let go (the most recently used first), and must give their bytes back
/// to the shared budget.
struct ReusedResponseBuffersTests {
    let prefix = ByteBuffer(string: String(repeating: "p", count: 10_000))

    func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }
    func address(_ buffer: ByteBuffer) -> UInt { buffer.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) } }

    @Test func aBodyStillHeldIsNeverOverwritten() {
        let bodies = ReusedResponseBuffers(prefix: prefix, maximumKept: 2)
        // Every body is held, as the server holds those it is still sending.
        let held = (0..<7).map { bodies.body(ending: Array("-\($0)-\(String(repeating: "e", count: $0))".utf8)) }
        for (index, body) in held.enumerated() {
            #expect(text(body) == String(repeating: "p", count: 10_000) + "-\(index)-\(String(repeating: "e", count: index))")
        }
        #expect(Set(held.map(address)).count == held.count, "each held body has its own storage")
    }

    @Test func aReleasedBodyIsRewrittenInPlaceTheMostRecentFirst() {
        let bodies = ReusedResponseBuffers(prefix: prefix, maximumKept: 2)
        let first = address(bodies.body(ending: Array("a".utf8)))
        // The first was released: the next answer is written into it.
        let held = bodies.body(ending: Array("bb".utf8))
        #expect(address(held) == first)
        // While that one is held, another is made.
        let alsoHeld = bodies.body(ending: Array("ccc".utf8))
        #expect(address(alsoHeld) != first)
        #expect(text(held) == String(repeating: "p", count: 10_000) + "bb")
        #expect(text(alsoHeld) == String(repeating: "p", count: 10_000) + "ccc")
        let second = address(alsoHeld)
        _ = consume held
        _ = consume alsoHeld
        // Both released: the one used last is used again.
        let next = bodies.body(ending: Array("d".utf8))
        #expect(address(next) == second)
        #expect(text(next) == String(repeating: "p", count: 10_000) + "d", "a shorter ending leaves nothing of the longer one")
    }

    @Test func keptBytesStayWithinTheBudgetAndGoBackToIt() {
        // What one kept body holds: the allocator rounds capacities up.
        let size = ByteBufferAllocator().buffer(capacity: 10_000 + 256).capacity
        let budget = ReusedResponseBuffers.Budget(limit: size * 5 / 2)
        var bodies: ReusedResponseBuffers? = ReusedResponseBuffers(prefix: prefix, maximumKept: 3, budget: budget)
        let answers = (0..<5).map { bodies!.body(ending: Array("\($0)".utf8)) }
        #expect(answers.map(text) == (0..<5).map { String(repeating: "p", count: 10_000) + "\($0)" }, "answers past the budget are still whole")
        #expect(budget.usedBytes == 2 * size, "two kept, not a third")
        bodies = nil
        #expect(budget.usedBytes == 0)
    }
}
