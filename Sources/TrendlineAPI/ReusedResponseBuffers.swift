import NIOCore
import Synchronization

/// Whole response bodies that share one rendered prefix and differ only in a short ending (the
/// video detail: 95 KB of envelope and snapshots, then the request id), each answered as one
/// `ByteBuffer` so the HTTP server sends head, body and end in a single write.
///
/// Copying the prefix into a new buffer per answer costs as much as the single write saves, so
/// finished bodies are kept and reused: a kept buffer is overwritten only from the end of the
/// prefix on, and only once the server has let go of it (`modifyIfUniquelyOwned`: a buffer
/// still being sent is never changed). The one reused is the most recently used of those let
/// go, whose bytes are the likeliest to be in the CPU's cache; a new one is made only when all
/// are still being sent, so there are about as many as answers in flight at once.
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
        /// Kept buffers, the most recently used last.
        var kept: [ByteBuffer] = []
        var keptBytes = 0
    }

    /// What every body starts with.
    let prefix: ByteBuffer
    private let maximumKept: Int
    private let budget: Budget
    private let state = Mutex(State())

    /// Bodies starting with `prefix`; at most `maximumKept` of them kept for reuse (the most
    /// answers the server is expected to be sending at once), within `budget`.
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
        let length = prefix.readableBytes
        let reused: ByteBuffer? = state.withLock { state in
            for index in state.kept.indices.reversed() {
                let rewritten: Void? = state.kept[index].modifyIfUniquelyOwned { buffer in
                    buffer.moveWriterIndex(to: length)
                    buffer.writeBytes(ending)
                }
                guard rewritten != nil else { continue }
                let buffer = state.kept.remove(at: index)
                state.kept.append(buffer)
                return buffer
            }
            return nil
        }
        if let reused { return reused }
        var fresh = ByteBufferAllocator().buffer(capacity: length + max(ending.count, 256))
        fresh.writeImmutableBuffer(prefix)
        fresh.writeBytes(ending)
        keep(fresh)
        return fresh
    }

    /// Keeps `buffer` while fewer than `maximumKept` are kept and the budget allows.
    private func keep(_ buffer: ByteBuffer) {
        let bytes = buffer.capacity
        guard budget.reserve(bytes) else { return }
        let kept = state.withLock { state in
            guard state.kept.count < maximumKept else { return false }
            state.kept.append(buffer)
            state.keptBytes += bytes
            return true
        }
        if !kept { budget.release(bytes) }
    }
}
