import NIOCore
import Synchronization

/// Whole response bodies that share one rendered prefix and differ only in a short ending (the
/// video detail: 95 KB of envelope and snapshots, then the request id), each answered as one
/// `ByteBuffer` so the HTTP server sends head, body and end in a single write.
///
/// Copying the prefix into a new buffer per answer costs as much as the single write saves, so
/// finished bodies are kept and reused: a kept buffer is overwritten only from the end of the
/// prefix on, and only once the server has let go of it, which `ByteBuffer`'s copy-on-write
/// tells (a buffer still being sent is copied instead, never changed under the server). Buffers
/// come back in the order they went out, so the one reused is the one sent longest ago.
///
/// The bytes kept by every instance together are bounded by a ``Budget``; past it, answers are
/// built as fresh buffers and not kept.
final class ReusedResponseBuffers: Sendable {
    /// The bytes that instances sharing it may keep, together.
    final class Budget: Sendable {
        /// The process's: 64 MB, beside the 32 MB of encoded histories they are rendered from.
        static let shared = Budget(limit: 64 << 20)

        let limit: Int
        private let used = Atomic<Int>(0)

        init(limit: Int) { self.limit = limit }

        /// The bytes kept now.
        var usedBytes: Int { used.load(ordering: .relaxed) }

        func reserve(_ bytes: Int) -> Bool {
            guard used.add(bytes, ordering: .relaxed).newValue <= limit else {
                used.subtract(bytes, ordering: .relaxed)
                return false
            }
            return true
        }

        func release(_ bytes: Int) { used.subtract(bytes, ordering: .relaxed) }
    }

    private struct State {
        /// Kept buffers; a slot is `nil` while its buffer is being rewritten.
        var slots: [ByteBuffer?] = []
        /// The slot sent longest ago, once `slots` is full and used as a ring.
        var next = 0
        /// No more slots are added: `maximumKept` reached, or the budget refused one.
        var full = false
        var keptBytes = 0
    }

    /// What every body starts with.
    let prefix: ByteBuffer
    private let maximumKept: Int
    private let budget: Budget
    private let state = Mutex(State())

    /// Bodies starting with `prefix`; at most `maximumKept` of them kept for reuse (about the
    /// number of answers the server may be sending at once), within `budget`.
    init(prefix: ByteBuffer, maximumKept: Int = 64, budget: Budget = .shared) {
        self.prefix = prefix
        self.maximumKept = maximumKept
        self.budget = budget
    }

    deinit {
        budget.release(state.withLock { $0.keptBytes })
    }

    /// `prefix` followed by `ending`, as one buffer.
    func body(ending: [UInt8]) -> ByteBuffer {
        // Moved out of its slot, never copied, so that this is its only reference unless the
        // server still has one.
        let slot = state.withLock { state -> Int? in
            guard state.full else { return nil }
            let slot = state.next
            state.next = (slot + 1) % state.slots.count
            return slot
        }
        guard let slot, var buffer = state.withLock({ state -> ByteBuffer? in
            var taken: ByteBuffer?
            swap(&taken, &state.slots[slot])
            return taken
        }) else {
            var fresh = ByteBufferAllocator().buffer(capacity: prefix.readableBytes + max(ending.count, 256))
            fresh.writeImmutableBuffer(prefix)
            fresh.writeBytes(ending)
            keep(fresh)
            return fresh
        }
        buffer.moveWriterIndex(to: prefix.readableBytes)
        buffer.writeBytes(ending)  // in place once the server has released it; a copy if not
        state.withLock { $0.slots[slot] = buffer }
        return buffer
    }

    /// Keeps `buffer` in a new slot while there are fewer than `maximumKept` and the budget
    /// allows; after that (or once the budget refuses) the slots are used as a ring.
    private func keep(_ buffer: ByteBuffer) {
        let bytes = buffer.capacity
        let reserved = budget.reserve(bytes)
        let kept = state.withLock { state in
            guard !state.full else { return false }
            guard reserved else {
                state.full = !state.slots.isEmpty
                return false
            }
            state.slots.append(buffer)
            state.keptBytes += bytes
            state.full = state.slots.count == maximumKept
            return true
        }
        if reserved && !kept { budget.release(bytes) }
    }
}
