import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP connection to a loopback port, for tests that must see what a server does to
/// the connection itself (a close), which an HTTP client hides. Reads wait at most 30 s: under
/// the whole suite on two cores, a live server took over 10 s to answer a request that sleeps 2 s.
final class LoopbackSocket: @unchecked Sendable {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EPIPE) }
    }

    /// What one read gets: "" when the server closed the connection. The read blocks, so it
    /// runs on a dispatch thread: blocking one of the two cooperative threads of this machine
    /// kept the server under test from answering.
    func receive() async throws -> String {
        let descriptor = descriptor
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = [UInt8](repeating: 0, count: 64 << 10)
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count >= 0 else { return continuation.resume(throwing: POSIXError(.ETIMEDOUT)) }
                continuation.resume(returning: String(decoding: buffer.prefix(count), as: UTF8.self))
            }
        }
    }

    /// Reads until what arrived ends with `suffix`, or the server closes the connection.
    func receive(until suffix: String) async throws -> String {
        var answer = ""
        while !answer.hasSuffix(suffix) {
            let part = try await receive()
            if part.isEmpty { break }
            answer += part
        }
        return answer
    }

    /// Everything the server sends until it closes the connection.
    func receiveUntilClosed() async throws -> String {
        var answer = ""
        while true {
            let part = try await receive()
            if part.isEmpty { return answer }
            answer += part
        }
    }
}
